import {
  createTestDatabase,
  expectEventually,
  type NatsTestServer,
  startNatsTestServer,
  type TestDatabase,
} from '@triggerline/testing';
import { getJson, NatsProbe, startGateway, type TestGateway } from '../test/gateway-harness.js';
import type { EventDetailView } from './history/event-record.view.js';
import { type InvoiceRecord, TriggerlineEvents } from '@triggerline/sdk';

const invoice: InvoiceRecord = {
  id: 'inv-1',
  number: 'F-2026-001',
  customer_id: 'cust-1',
  total: 1250,
  currency: 'EUR',
  due_date: '2026-12-31',
  lines: [{ sku: 'A', quantity: 2 }],
};
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
});
