import { connectNats, JetStreamPublisher } from '@triggerline/messaging';
import { TriggerlineEvents } from '@triggerline/sdk';
import {
  createTestDatabase,
  expectEventually,
  freePort,
  type NatsTestServer,
  startNatsTestServer,
  type TestDatabase,
} from '@triggerline/testing';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { api, ServiceProcess } from './service-process.js';

const KEY = 'e2e-key-0123456789abcdef';

describe('an event runs its workflow, whose emit_event runs a second one (gateway + runner processes)', () => {
  let nats: NatsTestServer;
  const databases: TestDatabase[] = [];
  let gateway: ServiceProcess;
  let runner: ServiceProcess;
  let connection: NatsConnection;

  beforeAll(async () => {
    nats = await startNatsTestServer();
    for (let i = 0; i < 2; i++) databases.push(await createTestDatabase('postgres'));
    const common = { NATS_URL: nats.url, API_KEYS: KEY };
    gateway = new ServiceProcess('event-gateway', {
      ...common,
      DATABASE_URL: databases[0].url,
      PORT: String(await freePort()),
    });
    runner = new ServiceProcess('workflow-runner', {
      ...common,
      DATABASE_URL: databases[1].url,
      PORT: String(await freePort()),
    });
    await Promise.all([gateway.start(), runner.start()]);
    connection = await connectNats({ servers: nats.url, name: 'e2e' });
  });
  afterAll(async () => {
    await connection?.drain();
    await Promise.all([gateway?.stop(), runner?.stop()]);
    await nats?.dispose();
    for (const database of databases) await database.drop();
  });

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
    const events = new TriggerlineEvents(new JetStreamPublisher(jetstream(connection)), '/billing');
    // The gateway learns about workflows from the WORKFLOWS stream: wait until it subscribed both.
    await expectEventually(async () => {
      const subscriptions = JSON.stringify((await api(gateway.url, KEY, '/subscriptions')).body);
      expect(subscriptions).toContain(String(first.body.id));
      expect(subscriptions).toContain(String(second.body.id));
    });
    await events.invoiceCreated({
      id: 'i-9',
      number: 'F-9',
      customer_id: 'c-1',
      total: 2500,
      currency: 'EUR',
      due_date: '2026-12-31',
    });
    await events.invoiceCreated({
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
