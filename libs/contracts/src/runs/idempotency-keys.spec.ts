import { eventRunKey, manualRunKey, scheduleRunKey, webhookRunKey } from './idempotency-keys.js';

describe('idempotency keys', () => {
  it('keys an event run by event and workflow', () => {
    expect(eventRunKey('evt-1', 'wf_9')).toBe('evt:evt-1:wf_9');
  });

  it('keys a schedule run by workflow and fire time in ISO UTC, whatever the Date was built from', () => {
    expect(scheduleRunKey('wf_9', new Date('2026-03-01T10:00:00+01:00'))).toBe(
      'sch:wf_9:2026-03-01T09:00:00.000Z',
    );
    expect(scheduleRunKey('wf_9', new Date(Date.UTC(2026, 2, 1, 9)))).toBe(
      'sch:wf_9:2026-03-01T09:00:00.000Z',
    );
  });

  it('keys a webhook run by trigger and delivery', () => {
    expect(webhookRunKey('wht_abc123', 'd-77')).toBe('wh:wht_abc123:d-77');
  });

  it('keys a manual run by the id given, or by a fresh UUID', () => {
    expect(manualRunKey('2f1c0c1e-8d3a-4c59-9e8a-0b7e3f7a1d2c')).toBe(
      'man:2f1c0c1e-8d3a-4c59-9e8a-0b7e3f7a1d2c',
    );
    const generated = manualRunKey();
    expect(generated).toMatch(/^man:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(manualRunKey()).not.toBe(generated);
  });
});
