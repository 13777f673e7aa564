import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { EVENT_TYPES, STREAMS, validateEvent } from '@triggerline/contracts';
import { connectNats, JetStreamPublisher, provisionStreams } from '@triggerline/messaging';
import { type NatsTestServer, startNatsTestServer } from '@triggerline/testing';
import { jetstream } from '@nats-io/jetstream';
import type {
  CustomerRecord,
  InvoiceRecord,
  PaymentRecord,
  ProjectRecord,
  QuoteRecord,
  TicketRecord,
  UserRecord,
} from './domain-records.js';
import { TriggerlineEvents } from './triggerline-events.js';

const invoice: InvoiceRecord = {
  id: 'inv-1',
  number: 'F-2026-001',
  customer_id: 'cust-1',
  total: 1250,
  currency: 'EUR',
  due_date: '2026-12-31',
  lines: [{ sku: 'A', quantity: 2 }],
};
const payment: PaymentRecord = {
  id: 'pay-1',
  invoice_id: 'inv-1',
  customer_id: 'cust-1',
  amount: 1250,
  method: 'card',
};
const customer: CustomerRecord = {
  id: 'cust-1',
  name: 'Ada',
  email: 'ada@example.com',
  company_name: 'Engines Ltd',
};
const project: ProjectRecord & { due_date: string } = {
  id: 'prj-1',
  name: 'Migration',
  due_date: '2026-12-01',
};
const ticket: TicketRecord = {
  id: 'tk-1',
  subject: 'Printer on fire',
  priority: 'high',
  customer_id: 'cust-1',
};
const quote: QuoteRecord = { id: 'q-1', number: 'Q-7', customer_id: 'cust-1', total: 900, currency: 'EUR' };
const user: UserRecord = { id: 'u-1', email: 'ada@example.com' };

/** The events stored so far: what a consumer (the gateway) would receive. */
class NatsProbe {
  constructor(private readonly jsm: JetStreamManager) {}

  async eventsStored(): Promise<number> {
    return (await this.jsm.streams.info(STREAMS.events.name)).state.messages;
  }
}

describe('the SDK (TriggerlineEvents) on NATS', () => {
  let nats: NatsTestServer;
  let connection: NatsConnection;
  let probe: NatsProbe;
  let events: TriggerlineEvents;

  beforeAll(async () => {
    nats = await startNatsTestServer();
    connection = await connectNats({ servers: nats.url, name: 'sdk-spec' });
    const jsm = await jetstreamManager(connection);
    await provisionStreams(jsm, { replicas: 1 });
    probe = new NatsProbe(jsm);
    events = new TriggerlineEvents(new JetStreamPublisher(jetstream(connection)), '/billing');
  });
  afterAll(async () => {
    await connection.drain();
    await nats.dispose();
  });

  it('publishes a retry with the same id once', async () => {
    const before = await probe.eventsStored();
    const first = await events.paymentReceived(payment);
    await events.paymentReceived(payment, { id: first.id });
    expect(await probe.eventsStored()).toBe(before + 1);
  });

  it('has an emitter for every event type, each giving a payload its schema accepts', async () => {
    const emitted = await Promise.all([
      events.invoiceCreated(invoice),
      events.invoiceSent(invoice, 'billing@example.com'),
      events.invoiceViewed(invoice),
      events.invoicePaid(invoice, payment),
      events.invoiceOverdue(invoice, 3),
      events.invoiceCancelled(invoice, 'duplicate'),
      events.paymentReceived(payment),
      events.paymentFailed(payment, 'card declined'),
      events.paymentRefunded(payment, { id: 'rf-1' }),
      events.customerCreated(customer),
      events.customerUpdated(customer, ['email']),
      events.customerDeleted(customer),
      events.projectCreated(project),
      events.projectStarted(project),
      events.projectStatusChanged(project, 'planned', 'active'),
      events.projectCompleted(project),
      events.projectOverdue(project, 2),
      events.ticketCreated(ticket),
      events.ticketUpdated(ticket, ['status']),
      events.ticketAssigned(ticket, { id: 'agent-1', email: 'agent@example.com' }),
      events.ticketEscalated(ticket, 'high', 'urgent'),
      events.ticketResolved(ticket, 'replaced toner', 'agent-1'),
      events.ticketClosed(ticket),
      events.quoteCreated(quote),
      events.quoteSent(quote, 'buyer@example.com'),
      events.quoteAccepted(quote),
      events.quoteRejected(quote, 'too expensive'),
      events.quoteExpired(quote),
      events.userSignedUp(user),
      events.userLoggedIn(user, { ip_address: '192.0.2.1' }),
    ]);
    expect(emitted.map((event) => event.type)).toEqual(EVENT_TYPES);
    for (const event of emitted) {
      expect({ type: event.type, result: validateEvent(event) }).toEqual({
        type: event.type,
        result: { ok: true, value: event },
      });
    }
  });
});
