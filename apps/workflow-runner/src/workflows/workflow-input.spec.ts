import { validateWorkflowInput } from './workflow-input.js';

const valid = {
  name: 'Big invoices',
  trigger: { type: 'event', event: 'invoice.paid', filter: 'data.amount >= 1000' },
  steps: [
    { id: 'note', type: 'log', message: 'paid {{ input.amount }}' },
    { id: 'vars', type: 'set', values: { total: '{{ input.amount }}' } },
    { id: 'big', type: 'condition', expression: 'vars.total > 5000', then: 'notify', else: 'done' },
    {
      id: 'notify',
      type: 'http_request',
      method: 'POST',
      url: 'https://example.test/{{ input.invoice_id }}',
      body: '{"a":1}',
    },
    { id: 'wait', type: 'delay', seconds: 5, retry: { max_attempts: 3 } },
    {
      id: 'done',
      type: 'emit_event',
      event: 'ticket.created',
      data: { ticket_id: '{{ input.invoice_id }}' },
    },
  ],
};

function errorsOf(change: (workflow: typeof valid) => unknown) {
  const result = validateWorkflowInput(change(structuredClone(valid)));
  return result.ok ? [] : result.errors;
}

describe('validateWorkflowInput', () => {
  it('accepts a workflow with every step type', () => {
    expect(validateWorkflowInput(valid)).toEqual({ ok: true, value: valid });
  });

  it.each([
    [
      'an unknown event type',
      (w: typeof valid) => ({ ...w, trigger: { type: 'event', event: 'invoice.lost' } }),
      { path: 'trigger.event', message: 'is not a known event type (GET /event-types lists them)' },
    ],
    [
      'a bad cron',
      (w: typeof valid) => ({
        ...w,
        trigger: { type: 'schedule', schedule_type: 'cron', cron: '61 * * * *' },
      }),
      { path: 'trigger.cron', message: 'must be a valid cron expression' },
    ],
    [
      'a bad time zone',
      (w: typeof valid) => ({
        ...w,
        trigger: { type: 'schedule', schedule_type: 'daily', time: '09:00', timezone: 'Mars/Olympus' },
      }),
      { path: 'trigger.timezone', message: 'must be an IANA time zone such as "Europe/Berlin"' },
    ],
    [
      'a filter that is not CEL',
      (w: typeof valid) => ({
        ...w,
        trigger: { type: 'event', event: 'invoice.paid', filter: 'data.amount >=' },
      }),
      { path: 'trigger.filter', message: 'is not a valid CEL expression: Unexpected token: EOF' },
    ],
    [
      'an unknown step type',
      (w: typeof valid) => ({ ...w, steps: [{ id: 'x', type: 'shell', command: 'rm -rf /' }] }),
      {
        path: 'steps[0].type',
        message: expect.stringMatching(
          /^must be one of log, set, condition, http_request, emit_event, delay/,
        ),
      },
    ],
    [
      'a condition pointing at a missing step',
      (w: typeof valid) => ({
        ...w,
        steps: [{ id: 'c', type: 'condition', expression: 'true', then: 'nowhere' }],
      }),
      { path: 'steps[0].then', message: 'points at no step "nowhere"' },
    ],
    [
      'a condition jumping backwards',
      (w: typeof valid) => ({
        ...w,
        steps: [
          { id: 'a', type: 'log', message: 'a' },
          { id: 'c', type: 'condition', expression: 'true', else: 'a' },
        ],
      }),
      { path: 'steps[1].else', message: 'must point at a later step than "c"' },
    ],
    [
      'a template that does not parse',
      (w: typeof valid) => ({
        ...w,
        steps: [{ id: 'call', type: 'http_request', url: 'https://x.test/{{ input.id' }],
      }),
      {
        path: 'steps[0].url',
        message: expect.stringMatching(/^is not a valid template: output "\{\{ input.id" not closed/),
      },
    ],
    [
      'a template with an unknown filter',
      (w: typeof valid) => ({
        ...w,
        steps: [{ id: 's', type: 'set', values: { a: '{{ input.x | shout }}' } }],
      }),
      {
        path: 'steps[0].values.a',
        message: expect.stringMatching(/^is not a valid template: undefined filter: shout/),
      },
    ],
    [
      'a condition that is not CEL',
      (w: typeof valid) => ({ ...w, steps: [{ id: 'c', type: 'condition', expression: '1 +' }] }),
      { path: 'steps[0].expression', message: 'is not a valid CEL expression: Unexpected token: EOF' },
    ],
    [
      'a repeated step id',
      (w: typeof valid) => ({ ...w, steps: [w.steps[0], w.steps[0]] }),
      { path: 'steps[1].id', message: 'repeats the id of steps[0]' },
    ],
    [
      'a missing url',
      (w: typeof valid) => ({ ...w, steps: [{ id: 'call', type: 'http_request' }] }),
      { path: 'steps[0].url', message: 'is required' },
    ],
  ])('refuses %s, naming the path', (_, change, error) => {
    expect(errorsOf(change)).toEqual([error]);
  });
});
