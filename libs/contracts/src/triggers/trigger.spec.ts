import { applyTriggerDefaults, type TriggerDefinition } from './trigger.js';
import { validateTrigger } from './trigger.schema.js';

/** Typed as the contract, so a drift between type and schema fails either tsc or this test. */
const goodTriggers: TriggerDefinition[] = [
  { type: 'event', event: 'invoice.overdue' },
  { type: 'event', event: 'payment.received', filter: 'data.amount > 1000 && data.method == "card"' },
  { type: 'schedule', schedule_type: 'cron', cron: '0 9 L * *', timezone: 'Europe/Berlin', misfire: 'skip' },
  { type: 'schedule', schedule_type: 'cron', cron: '30 0 9 * * 1-5', overlap: 'skip' },
  { type: 'schedule', schedule_type: 'interval', interval_seconds: 31_536_000, misfire: 'fire_all' },
  { type: 'schedule', schedule_type: 'daily', time: '23:59' },
  { type: 'schedule', schedule_type: 'weekly', day: 0, time: '09:00', timezone: 'America/New_York' },
  { type: 'webhook' },
  { type: 'webhook', path: 'billing/stripe-events_v2', scheme: 'stripe' },
  { type: 'manual' },
];

function errorsOf(value: unknown, basePath?: string) {
  const result = validateTrigger(value, basePath);
  return result.ok ? [] : result.errors;
}

describe('validateTrigger', () => {
  it.each(goodTriggers.map((trigger) => [JSON.stringify(trigger), trigger]))(
    'accepts %s',
    (_label, trigger) => {
      expect(validateTrigger(trigger)).toEqual({ ok: true, value: trigger });
    },
  );

  describe('any trigger', () => {
    it.each([
      [{}, [{ path: 'trigger.type', message: 'is required' }]],
      [
        { type: 'sometimes' },
        [{ path: 'trigger.type', message: 'must be one of event, schedule, webhook, manual' }],
      ],
      [{ type: 7 }, [{ path: 'trigger.type', message: 'must be a string' }]],
      ['manual', [{ path: 'trigger', message: 'must be an object' }]],
      [
        { type: 'manual', event: 'invoice.paid' },
        [{ path: 'trigger.event', message: 'is not a known field' }],
      ],
    ])('rejects %j', (value, errors) => {
      expect(errorsOf(value)).toEqual(errors);
    });

    it('names fields under the base path given', () => {
      expect(errorsOf({ type: 'manual', extra: 1 }, 'workflow.trigger')).toEqual([
        { path: 'workflow.trigger.extra', message: 'is not a known field' },
      ]);
    });
  });

  describe('event', () => {
    it.each([
      [{ type: 'event' }, [{ path: 'trigger.event', message: 'is required' }]],
      [
        { type: 'event', event: 'invoice.lost' },
        [{ path: 'trigger.event', message: 'is not a known event type (GET /event-types lists them)' }],
      ],
      [
        { type: 'event', event: 'invoice.paid', filter: '   ' },
        [{ path: 'trigger.filter', message: 'must be a CEL expression of 1 to 2000 characters' }],
      ],
      [
        { type: 'event', event: 'invoice.paid', filter: 'x'.repeat(2001) },
        [{ path: 'trigger.filter', message: 'must be a CEL expression of 1 to 2000 characters' }],
      ],
      [
        { type: 'event', event: 'invoice.paid', cron: '* * * * *' },
        [{ path: 'trigger.cron', message: 'is not a known field' }],
      ],
    ])('rejects %j', (value, errors) => {
      expect(errorsOf(value)).toEqual(errors);
    });

    it('accepts a filter of exactly 2000 characters', () => {
      expect(errorsOf({ type: 'event', event: 'invoice.paid', filter: 'x'.repeat(2000) })).toEqual([]);
    });
  });

  describe('schedule', () => {
    it.each([
      [{ type: 'schedule' }, [{ path: 'trigger.schedule_type', message: 'is required' }]],
      [
        { type: 'schedule', schedule_type: 'hourly' },
        [{ path: 'trigger.schedule_type', message: 'must be one of cron, interval, daily, weekly' }],
      ],
      [{ type: 'schedule', schedule_type: 'cron' }, [{ path: 'trigger.cron', message: 'is required' }]],
      [
        { type: 'schedule', schedule_type: 'interval' },
        [{ path: 'trigger.interval_seconds', message: 'is required' }],
      ],
      [{ type: 'schedule', schedule_type: 'daily' }, [{ path: 'trigger.time', message: 'is required' }]],
      [
        { type: 'schedule', schedule_type: 'weekly' },
        [
          { path: 'trigger.day', message: 'is required' },
          { path: 'trigger.time', message: 'is required' },
        ],
      ],
      [
        { type: 'schedule', schedule_type: 'cron', cron: '61 * * * *' },
        [{ path: 'trigger.cron', message: 'must be a valid cron expression' }],
      ],
      [
        { type: 'schedule', schedule_type: 'cron', cron: '' },
        [{ path: 'trigger.cron', message: 'must be a valid cron expression' }],
      ],
      [
        { type: 'schedule', schedule_type: 'interval', interval_seconds: 0 },
        [{ path: 'trigger.interval_seconds', message: 'must be at least 1' }],
      ],
      [
        { type: 'schedule', schedule_type: 'interval', interval_seconds: 31_536_001 },
        [{ path: 'trigger.interval_seconds', message: 'must be at most 31536000' }],
      ],
      [
        { type: 'schedule', schedule_type: 'interval', interval_seconds: 1.5 },
        [{ path: 'trigger.interval_seconds', message: 'must be an integer' }],
      ],
      [
        { type: 'schedule', schedule_type: 'daily', time: '9:00' },
        [{ path: 'trigger.time', message: 'must be a time of day as HH:MM (00:00 to 23:59)' }],
      ],
      [
        { type: 'schedule', schedule_type: 'weekly', day: 7, time: '24:00' },
        [
          { path: 'trigger.time', message: 'must be a time of day as HH:MM (00:00 to 23:59)' },
          { path: 'trigger.day', message: 'must be at most 6' },
        ],
      ],
      [
        { type: 'schedule', schedule_type: 'daily', time: '09:00', timezone: 'Mars/Olympus_Mons' },
        [{ path: 'trigger.timezone', message: 'must be an IANA time zone such as "Europe/Berlin"' }],
      ],
      [
        { type: 'schedule', schedule_type: 'daily', time: '09:00', timezone: '+01:00' },
        [{ path: 'trigger.timezone', message: 'must be an IANA time zone such as "Europe/Berlin"' }],
      ],
      [
        { type: 'schedule', schedule_type: 'daily', time: '09:00', misfire: 'retry', overlap: 'queue' },
        [
          { path: 'trigger.misfire', message: 'must be one of fire_once, skip, fire_all' },
          { path: 'trigger.overlap', message: 'must be one of allow, skip' },
        ],
      ],
    ])('rejects %j', (value, errors) => {
      expect(errorsOf(value)).toEqual(errors);
    });

    it('names each field that does not belong to the chosen schedule_type', () => {
      expect(
        errorsOf({
          type: 'schedule',
          schedule_type: 'cron',
          cron: '0 9 * * *',
          interval_seconds: 60,
          day: 1,
        }),
      ).toEqual([
        { path: 'trigger.interval_seconds', message: 'does not apply to schedule_type "cron"' },
        { path: 'trigger.day', message: 'does not apply to schedule_type "cron"' },
      ]);
      expect(errorsOf({ type: 'schedule', schedule_type: 'daily', time: '09:00', day: 2 })).toEqual([
        { path: 'trigger.day', message: 'does not apply to schedule_type "daily"' },
      ]);
      expect(
        errorsOf({ type: 'schedule', schedule_type: 'interval', interval_seconds: 60, cron: '* * * * *' }),
      ).toEqual([{ path: 'trigger.cron', message: 'does not apply to schedule_type "interval"' }]);
    });

    it('rejects a field no schedule knows', () => {
      expect(errorsOf({ type: 'schedule', schedule_type: 'daily', time: '09:00', hour: 9 })).toEqual([
        { path: 'trigger.hour', message: 'is not a known field' },
      ]);
    });
  });

  describe('webhook', () => {
    const pathMessage =
      'must be a path below /webhooks/ of lowercase letters, digits, "-", "_" and "/", without a leading slash (e.g. "billing/stripe")';

    it.each(['/billing', 'billing/../admin', 'Billing', 'billing/', 'a//b', 'bill ing', ''])(
      'rejects path %j',
      (path) => {
        expect(errorsOf({ type: 'webhook', path })).toEqual([{ path: 'trigger.path', message: pathMessage }]);
      },
    );

    it('rejects an unknown signature scheme', () => {
      expect(errorsOf({ type: 'webhook', scheme: 'md5' })).toEqual([
        { path: 'trigger.scheme', message: 'must be one of standard, hmac-sha256, github, stripe, none' },
      ]);
    });
  });
});

describe('applyTriggerDefaults', () => {
  it('fills schedule defaults without overriding given values', () => {
    const trigger = applyTriggerDefaults({
      type: 'schedule',
      schedule_type: 'daily',
      time: '09:00',
      overlap: 'skip',
    });
    expect(trigger).toEqual({
      type: 'schedule',
      schedule_type: 'daily',
      time: '09:00',
      timezone: 'UTC',
      misfire: 'fire_once',
      overlap: 'skip',
    });
    const timezone: string = trigger.timezone;
    expect(timezone).toBe('UTC');
  });

  it('fills the webhook scheme and leaves other triggers alone', () => {
    expect(applyTriggerDefaults({ type: 'webhook', path: 'crm' })).toEqual({
      type: 'webhook',
      path: 'crm',
      scheme: 'standard',
    });
    expect(applyTriggerDefaults({ type: 'manual' })).toEqual({ type: 'manual' });
  });
});
