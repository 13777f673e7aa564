import { createEvent, eventSubject } from '@triggerline/contracts';
import { publishEvent } from '@triggerline/messaging';
import {
  createTestDatabase,
  expectEventually,
  type NatsTestServer,
  startNatsTestServer,
  TEST_DATABASE_KINDS,
  type TestDatabase,
} from '@triggerline/testing';
import { getJson, NatsProbe, postJson, startGateway, type TestGateway } from '../../test/gateway-harness.js';
import type { EventDetailView, EventPageView } from '../history/event-record.view.js';
import { SubscriptionProjection } from '../subscriptions/subscription-projection.js';

function invoiceCreated(invoiceNumber: string, amount: number, currency = 'EUR') {
  return {
    invoice_id: `inv-${invoiceNumber}`,
    invoice_number: invoiceNumber,
    customer_id: 'cust-1',
    amount,
    currency,
    due_date: '2026-12-31',
  };
}

describe.each(TEST_DATABASE_KINDS)('event fan-out on %s', (kind) => {
  let nats: NatsTestServer;
  let database: TestDatabase;
  let gateway: TestGateway;
  let probe: NatsProbe;

  beforeAll(async () => {
    nats = await startNatsTestServer();
    database = await createTestDatabase(kind);
    gateway = await startGateway(nats.url, database.url);
    probe = await NatsProbe.connect(nats.url);
  });
  afterAll(async () => {
    await probe?.close();
    await gateway?.close();
    await nats?.dispose();
    await database?.drop();
  });

  const subscribed = () =>
    gateway.app
      .get(SubscriptionProjection)
      .list()
      .map((s) => s.workflowId);

  /** The event once the gateway has finished with it (recorded, and its runs acknowledged). */
  async function handled(eventId: string): Promise<EventDetailView> {
    return expectEventually(async () => {
      const { status, body } = await getJson(gateway.base, `/events/${encodeURIComponent(eventId)}`);
      expect(status).toBe(200);
      const event = body as EventDetailView;
      if (event.status === 'accepted') expect(event.runs_requested_at).not.toBeNull();
      return event;
    });
  }

  async function runKeysFor(eventId: string): Promise<string[]> {
    const runs = await probe.runRequests();
    return runs
      .map((run) => run.msgId ?? '')
      .filter((key) => key.startsWith(`evt:${eventId}:`))
      .sort();
  }

  it('requests one run per active workflow whose filter the event passes, and records them', async () => {
    await probe.upsertWorkflow({ id: 'wf_all', event: 'invoice.created' });
    await probe.upsertWorkflow({ id: 'wf_big', event: 'invoice.created', filter: 'data.amount >= 1000' });
    await probe.upsertWorkflow({
      id: 'wf_usd',
      event: 'invoice.created',
      filter: 'data.amount >= 1000 && data.currency == "USD"',
    });
    await expectEventually(() =>
      expect(subscribed()).toEqual(expect.arrayContaining(['wf_all', 'wf_big', 'wf_usd'])),
    );

    const event = createEvent('invoice.created', invoiceCreated('F-1', 1500), { source: '/billing' });
    await publishEvent(probe.publisher, event);

    const recorded = await handled(event.id);
    expect(recorded).toMatchObject({
      id: event.id,
      type: 'invoice.created',
      source: '/billing',
      customer_id: 'cust-1',
      status: 'accepted',
      payload: event.data,
      errors: [],
      triggered_workflows: ['wf_all', 'wf_big'],
      runs: [
        {
          workflow_id: 'wf_all',
          idempotency_key: `evt:${event.id}:wf_all`,
          subject: 'runs.requested.wf_all',
        },
        {
          workflow_id: 'wf_big',
          idempotency_key: `evt:${event.id}:wf_big`,
          subject: 'runs.requested.wf_big',
        },
      ],
    });
    const runs = (await probe.runRequests()).filter((run) => run.request.trigger.trigger_type === 'event');
    const mine = runs.filter((run) => run.msgId?.startsWith(`evt:${event.id}:`));
    expect(mine.map((run) => [run.subject, run.msgId])).toEqual([
      ['runs.requested.wf_all', `evt:${event.id}:wf_all`],
      ['runs.requested.wf_big', `evt:${event.id}:wf_big`],
    ]);
    expect(mine[0].request).toMatchObject({
      idempotency_key: `evt:${event.id}:wf_all`,
      workflow_id: 'wf_all',
      trigger: {
        trigger_type: 'event',
        event: 'invoice.created',
        event_id: event.id,
        timestamp: new Date(event.time).toISOString(),
        chain_depth: 0,
      },
      input: event.data,
    });
  });

  it("passes an event's chain depth on to its run requests, for the runner's loop guard", async () => {
    const event = createEvent('invoice.created', invoiceCreated('F-chain', 5), {
      source: '/workflows',
      chainDepth: 3,
    });
    await publishEvent(probe.publisher, event);
    await handled(event.id);
    const [run] = (await probe.runRequests()).filter((r) => r.msgId === `evt:${event.id}:wf_all`);
    expect(run.request.trigger).toMatchObject({ trigger_type: 'event', event_id: event.id, chain_depth: 3 });
  });

  it('requests no second run for an event published again, within or beyond the duplicate window', async () => {
    const event = createEvent('invoice.created', invoiceCreated('F-2', 2000), { source: '/billing' });
    await publishEvent(probe.publisher, event);
    await handled(event.id);
    // The same id again: once as a retry JetStream drops, once without Nats-Msg-Id (as a retry
    // after the duplicate window would arrive), which only the history's key can recognise.
    await publishEvent(probe.publisher, event);
    await probe.publisher.publish(eventSubject(event.type), event);
    await expectEventually(async () => expect(await probe.gatewayIdle()).toBe(true));

    expect(await runKeysFor(event.id)).toEqual([`evt:${event.id}:wf_all`, `evt:${event.id}:wf_big`]);
    const listed = await getJson(gateway.base, '/events?type=invoice.created&limit=200');
    expect(listed.status).toBe(200);
    const page = listed.body as EventPageView;
    expect(page.items.filter((item) => item.id === event.id)).toHaveLength(1);
  });

  it('runs no paused, deleted or later-created workflow, and a workflow activated before the event', async () => {
    await probe.upsertWorkflow({ id: 'wf_paused', event: 'invoice.paid' });
    await probe.upsertWorkflow({ id: 'wf_paused', event: 'invoice.paid', status: 'paused', version: 2 });
    await probe.upsertWorkflow({ id: 'wf_deleted', event: 'invoice.paid' });
    await probe.deleteWorkflow('wf_deleted', 2);
    await probe.upsertWorkflow({ id: 'wf_activated', event: 'invoice.paid', status: 'draft' });
    await probe.upsertWorkflow({ id: 'wf_activated', event: 'invoice.paid', version: 2 });
    await expectEventually(() => {
      expect(subscribed()).toContain('wf_activated');
      expect(subscribed()).not.toContain('wf_paused');
      expect(subscribed()).not.toContain('wf_deleted');
    });

    const paid = (number: string) =>
      createEvent(
        'invoice.paid',
        {
          invoice_id: `inv-${number}`,
          invoice_number: number,
          customer_id: 'cust-2',
          amount: 99,
          paid_at: '2026-11-26T10:00:00Z',
        },
        { source: '/billing' },
      );
    const first = paid('P-1');
    await publishEvent(probe.publisher, first);
    expect((await handled(first.id)).triggered_workflows).toEqual(['wf_activated']);

    await probe.upsertWorkflow({ id: 'wf_later', event: 'invoice.paid' });
    await expectEventually(() => expect(subscribed()).toContain('wf_later'));
    const second = paid('P-2');
    await publishEvent(probe.publisher, second);
    expect((await handled(second.id)).triggered_workflows).toEqual(['wf_activated', 'wf_later']);

    expect(await runKeysFor(first.id)).toEqual([`evt:${first.id}:wf_activated`]);
  });

  it('follows edits of a workflow: a new filter, a new event type', async () => {
    const projection = gateway.app.get(SubscriptionProjection);
    const quote = (type: 'quote.created' | 'quote.sent', amount: number) =>
      createEvent(
        type,
        {
          quote_id: 'q-1',
          quote_number: 'Q-1',
          customer_id: 'c',
          amount,
          currency: 'EUR',
          sent_at: '2026-01-01T00:00:00Z',
        },
        { source: '/sales' },
      );
    await probe.upsertWorkflow({ id: 'wf_edit', event: 'quote.created', filter: 'data.amount > 100' });
    await expectEventually(() => expect(projection.match(quote('quote.created', 500))).toEqual(['wf_edit']));
    await probe.upsertWorkflow({
      id: 'wf_edit',
      event: 'quote.created',
      filter: 'data.amount > 1000',
      version: 2,
    });
    await expectEventually(() => expect(projection.match(quote('quote.created', 500))).toEqual([]));
    await probe.upsertWorkflow({ id: 'wf_edit', event: 'quote.sent', version: 3 });
    await expectEventually(() => expect(projection.match(quote('quote.sent', 5))).toEqual(['wf_edit']));
    expect(projection.match(quote('quote.created', 5000))).toEqual([]);

    const listed = await getJson(gateway.base, '/subscriptions');
    expect(listed.status).toBe(200);
    expect(listed.body).toContainEqual({ workflow_id: 'wf_edit', event: 'quote.sent', filter: null });
    expect(listed.body).toContainEqual({
      workflow_id: 'wf_big',
      event: 'invoice.created',
      filter: 'data.amount >= 1000',
    });
  });

  it('treats a filter that fails to evaluate as no match', async () => {
    await probe.upsertWorkflow({
      id: 'wf_typo',
      event: 'customer.created',
      filter: 'data.no_such_field > 1',
    });
    await probe.upsertWorkflow({ id: 'wf_fine', event: 'customer.created', filter: 'data.name == "Ada"' });
    await expectEventually(() =>
      expect(subscribed()).toEqual(expect.arrayContaining(['wf_typo', 'wf_fine'])),
    );
    const event = createEvent(
      'customer.created',
      { customer_id: 'cust-3', name: 'Ada', email: 'ada@example.com' },
      { source: '/crm' },
    );
    await publishEvent(probe.publisher, event);
    expect((await handled(event.id)).triggered_workflows).toEqual(['wf_fine']);
  });

  it('records a payload missing a required field as rejected with its path, and runs nothing', async () => {
    await probe.upsertWorkflow({ id: 'wf_tickets', event: 'ticket.created' });
    await expectEventually(() => expect(subscribed()).toContain('wf_tickets'));
    const id = 'bad-ticket-1';
    await probe.publisher.publish(eventSubject('ticket.created'), {
      specversion: '1.0',
      id,
      source: '/support',
      type: 'ticket.created',
      data: { ticket_id: 't-1', subject: 'Printer on fire', customer_id: 'cust-4' },
    });
    const recorded = await handled(id);
    expect(recorded).toMatchObject({
      status: 'rejected',
      type: 'ticket.created',
      customer_id: 'cust-4',
      errors: [{ path: 'data.priority', message: 'is required' }],
      triggered_workflows: [],
      runs: [],
    });

    await probe.publisher.publish(
      eventSubject('invoice.teleported'),
      { invoice_id: 'i-9' },
      { msgId: 'tp-1' },
    );
    expect(await handled('tp-1')).toMatchObject({
      status: 'rejected',
      type: 'invoice.teleported',
      errors: [{ path: 'type', message: expect.stringContaining('not a known event type') }],
    });
    await expectEventually(async () => expect(await probe.gatewayIdle()).toBe(true));
    expect((await probe.runRequests()).filter((run) => run.request.workflow_id === 'wf_tickets')).toEqual([]);

    const metrics = await (await fetch(`${gateway.base}/metrics`)).text();
    expect(metrics).toMatch(/gateway_events_rejected_total\{type="ticket.created"[^}]*\} 1/);
    expect(metrics).toMatch(/gateway_events_rejected_total\{type="unknown"[^}]*\} 1/);
  });

  it('wraps a bare payload published on events.<type>, keyed by its Nats-Msg-Id', async () => {
    await probe.publisher.publish(eventSubject('invoice.created'), invoiceCreated('F-bare', 10), {
      msgId: 'bare-1',
    });
    expect(await handled('bare-1')).toMatchObject({
      status: 'accepted',
      source: '/event-gateway',
      customer_id: 'cust-1',
      triggered_workflows: ['wf_all'],
    });
  });

  it('answers POST /events with 202 and the ids once stored, and 400 naming the field before publishing', async () => {
    const stored = await probe.eventsStored();
    const missing = await postJson(gateway.base, '/events', {
      specversion: '1.0',
      id: 'post-bad',
      source: '/billing',
      type: 'invoice.created',
      data: { ...invoiceCreated('F-3', 5), currency: undefined },
    });
    expect(missing).toEqual({
      status: 400,
      body: {
        error: expect.objectContaining({
          code: 'validation_failed',
          message: 'data.currency is required',
          fields: [{ path: 'data.currency', message: 'is required' }],
        }),
      },
    });
    const unknown = await postJson(gateway.base, '/events', [
      createEvent('invoice.created', invoiceCreated('F-4', 5), { source: '/billing' }),
      { specversion: '1.0', id: 'x', source: '/billing', type: 'invoice.teleported', data: {} },
    ]);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      error: { fields: [{ path: '[1].type', message: expect.stringContaining('not a known event type') }] },
    });
    expect(await probe.eventsStored()).toBe(stored);

    const batch = Array.from({ length: 3 }, (_, i) =>
      createEvent('invoice.created', invoiceCreated(`F-batch-${i}`, 5), { source: '/billing' }),
    );
    const accepted = await postJson(gateway.base, '/events', batch);
    expect(accepted).toEqual({ status: 202, body: { ids: batch.map((event) => event.id) } });
    expect(await probe.eventsStored()).toBe(stored + 3);
    for (const event of batch) expect((await handled(event.id)).status).toBe('accepted');

    const single = await postJson(gateway.base, '/events', batch[0]);
    expect(single).toEqual({ status: 202, body: { ids: [batch[0].id] } });
  });

  it('exposes received, accepted and rejected counts by type, runs requested, latency and consumer lag', async () => {
    await expectEventually(async () => expect(await probe.gatewayIdle()).toBe(true));
    const metrics = await (await fetch(`${gateway.base}/metrics`)).text();
    // The value of the first sample whose line starts so (every sample also carries `service`).
    const value = (start: string) =>
      Number(
        metrics
          .split('\n')
          .find((line) => line.startsWith(start))
          ?.split(' ')
          .pop(),
      );
    expect(value('gateway_events_accepted_total{type="invoice.created"')).toBeGreaterThanOrEqual(6);
    expect(value('gateway_events_received_total{type="ticket.created"')).toBe(1);
    expect(value('gateway_runs_requested_total{')).toBeGreaterThanOrEqual(4);
    expect(value('gateway_consumer_pending{')).toBe(0);
    expect(metrics).toMatch(/^gateway_event_handler_seconds_count\{[^}]*outcome="accepted"[^}]*\} [1-9]/m);
  });

  // Last: it replaces the suite's gateway with a replica started after the lifecycle message.
  it('lets a replica started after a workflow was activated rebuild its subscription from the stream', async () => {
    await probe.upsertWorkflow({ id: 'wf_before_replica', event: 'payment.received' });
    await expectEventually(() => expect(subscribed()).toContain('wf_before_replica'));
    const replica = await startGateway(nats.url, database.url);
    await gateway.close();
    gateway = replica;
    expect(subscribed()).toEqual(expect.arrayContaining(['wf_all', 'wf_big', 'wf_before_replica']));

    const event = createEvent(
      'payment.received',
      { payment_id: 'pay-1', invoice_id: 'inv-1', amount: 10, method: 'card' },
      { source: '/payments' },
    );
    await publishEvent(probe.publisher, event);
    expect((await handled(event.id)).triggered_workflows).toEqual(['wf_before_replica']);
    expect(await runKeysFor(event.id)).toEqual([`evt:${event.id}:wf_before_replica`]);
  });
});
