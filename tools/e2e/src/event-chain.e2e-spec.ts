import { expectEventually } from '@triggerline/testing';
import { E2eStack, KEY } from './e2e-stack.js';
import { api, type ServiceProcess } from './service-process.js';

describe('an event runs its workflow, whose emit_event runs a second one (gateway + runner processes)', () => {
  let stack: E2eStack;
  let gateway: ServiceProcess;
  let runner: ServiceProcess;

  beforeAll(async () => {
    stack = await E2eStack.start();
    [gateway, runner] = await Promise.all([stack.service('event-gateway'), stack.service('workflow-runner')]);
  });
  afterAll(() => stack?.dispose());

  it('runs both workflows once, driven only through NATS and HTTP', async () => {
    const second = await api(runner.url, KEY, '/workflows', {
      name: 'Follow up big tickets',
      status: 'active',
      trigger: { type: 'event', event: 'ticket.created', filter: 'data.priority == "high"' },
      steps: [{ id: 'note', type: 'set', values: { ticket: '{{ input.ticket_id }}' } }],
    });
    const first = await api(runner.url, KEY, '/workflows', {
      name: 'Open a ticket for big invoices',
      status: 'active',
      trigger: { type: 'event', event: 'invoice.created', filter: 'data.amount >= 1000' },
      steps: [
        {
          id: 'ticket',
          type: 'emit_event',
          event: 'ticket.created',
          data: {
            ticket_id: 'T-{{ input.invoice_id }}',
            subject: 'Check {{ input.invoice_number }}',
            priority: 'high',
            customer_id: '{{ input.customer_id }}',
          },
        },
      ],
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    await stack.subscribed(gateway, String(first.body.id));
    await stack.subscribed(gateway, String(second.body.id));
    await stack.events.invoiceCreated({
      id: 'i-9',
      number: 'F-9',
      customer_id: 'c-1',
      total: 2500,
      currency: 'EUR',
      due_date: '2026-12-31',
    });
    await stack.events.invoiceCreated({
      id: 'i-small',
      number: 'F-10',
      customer_id: 'c-1',
      total: 10,
      currency: 'EUR',
      due_date: '2026-12-31',
    });

    const followUps = await expectEventually(
      async () => {
        const list = await api(runner.url, KEY, `/workflows/${String(second.body.id)}/executions`);
        const items = list.body.items as { status: string; vars: Record<string, unknown> }[];
        expect(items.map((e) => e.status)).toEqual(['succeeded']);
        return items;
      },
      { timeoutMs: 20_000 },
    );
    expect(followUps[0].vars).toEqual({ ticket: 'T-i-9' });
    const openers = await api(runner.url, KEY, `/workflows/${String(first.body.id)}/executions`);
    expect((openers.body.items as { status: string }[]).map((e) => e.status)).toEqual(['succeeded']);
  });
});
