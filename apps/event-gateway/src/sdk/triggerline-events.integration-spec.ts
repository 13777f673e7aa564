import { EVENT_TYPES, validateEvent } from '@triggerline/contracts';
import {
  createTestDatabase,
  expectEventually,
  type NatsTestServer,
  startNatsTestServer,
  type TestDatabase,
} from '@triggerline/testing';
import { getJson, NatsProbe, startGateway, type TestGateway } from '../../test/gateway-harness.js';
import type { EventDetailView } from '../history/event-record.view.js';
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

describe('the SDK (TriggerlineEvents)', () => {
  let nats: NatsTestServer;
  let database: TestDatabase;
  let gateway: TestGateway;
  let probe: NatsProbe;
  let events: TriggerlineEvents;

  beforeAll(async () => {
    nats = await startNatsTestServer();
    database = await createTestDatabase('sqlite');
    gateway = await startGateway(nats.url, database.url);
    probe = await NatsProbe.connect(nats.url);
    events = new TriggerlineEvents(probe.publisher, '/billing');
  });
  afterAll(async () => {
    await probe?.close();
    await gateway?.close();
    await nats?.dispose();
    await database?.drop();
  });

  it('publishes invoiceCreated as the seed maps it, and the gateway accepts it', async () => {
    const event = await events.invoiceCreated(invoice);
    expect(event).toMatchObject({
      specversion: '1.0',
      source: '/billing',
      type: 'invoice.created',
      customerid: 'cust-1',
      data: {
        invoice,
        invoice_id: 'inv-1',
        invoice_number: 'F-2026-001',
        customer_id: 'cust-1',
        amount: 1250,
        currency: 'EUR',
        due_date: '2026-12-31',
      },
    });
    const recorded = await expectEventually(async () => {
      const { status, body } = await getJson(gateway.base, `/events/${event.id}`);
      expect(status).toBe(200);
      return body as EventDetailView;
    });
    expect(recorded).toMatchObject({ status: 'accepted', type: 'invoice.created', customer_id: 'cust-1' });
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
