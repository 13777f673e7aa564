import { createEvent } from '@triggerline/contracts';
import {
  createTestDatabase,
  expectEventually,
  type NatsTestServer,
  startNatsTestServer,
  TEST_DATABASE_KINDS,
  type TestDatabase,
} from '@triggerline/testing';
import { getJson, NatsProbe, postJson, startGateway, type TestGateway } from '../../test/gateway-harness.js';
import type { EventPageView } from './event-record.view.js';

describe.each(TEST_DATABASE_KINDS)('event history API on %s', (kind) => {
  let nats: NatsTestServer;
  let database: TestDatabase;
  let gateway: TestGateway;
  let probe: NatsProbe;
  const ids: string[] = [];

  const ticket = (n: number, customer: string) =>
    createEvent(
      'ticket.created',
      { ticket_id: `t-${n}`, subject: `Ticket ${n}`, priority: 'high', customer_id: customer },
      { source: '/support', time: new Date(Date.UTC(2026, 0, n)) },
    );

  beforeAll(async () => {
    nats = await startNatsTestServer();
    database = await createTestDatabase(kind);
    gateway = await startGateway(nats.url, database.url);
    probe = await NatsProbe.connect(nats.url);
    // One at a time, so arrival order is publication order.
    for (let n = 1; n <= 5; n++) {
      const event = ticket(n, n % 2 === 0 ? 'cust-even' : 'cust-odd');
      expect((await postJson(gateway.base, '/events', event)).status).toBe(202);
      await expectEventually(async () =>
        expect((await getJson(gateway.base, `/events/${event.id}`)).status).toBe(200),
      );
      ids.push(event.id);
    }
    await probe.publisher.publish('events.ticket.created', { ticket_id: 't-bad' }, { msgId: 'bad-ticket' });
    await expectEventually(async () =>
      expect((await getJson(gateway.base, '/events/bad-ticket')).status).toBe(200),
    );
  });
  afterAll(async () => {
    await probe?.close();
    await gateway?.close();
    await nats?.dispose();
    await database?.drop();
  });

  async function page(query: string): Promise<EventPageView> {
    const { status, body } = await getJson(gateway.base, `/events?${query}`);
    expect(status).toBe(200);
    return body as EventPageView;
  }

  it('lists events newest first, page by page with the cursor', async () => {
    const first = await page('limit=4');
    expect(first.items.map((item) => item.id)).toEqual(['bad-ticket', ...ids.slice(2).reverse()]);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await page(`limit=4&cursor=${first.next_cursor}`);
    expect(second.items.map((item) => item.id)).toEqual(ids.slice(0, 2).reverse());
    expect(second.next_cursor).toBeNull();
  });

  it('filters by type, customer, status and event time range', async () => {
    expect((await page('customer_id=cust-even')).items.map((item) => item.id)).toEqual([ids[3], ids[1]]);
    expect((await page('status=rejected')).items.map((item) => item.id)).toEqual(['bad-ticket']);
    expect((await page('status=accepted&type=ticket.created')).items).toHaveLength(5);
    expect((await page('type=invoice.created')).items).toEqual([]);
    const range = await page('from=2026-01-02T00:00:00Z&to=2026-01-04T00:00:00Z&status=accepted');
    expect(range.items.map((item) => item.id)).toEqual([ids[3], ids[2], ids[1]]);
  });

  it('answers 400 naming each bad query parameter, and 404 for an unknown event', async () => {
    const bad = await getJson(gateway.base, '/events?limit=0&status=lost&from=yesterday&colour=red');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: {
        code: 'validation_failed',
        fields: expect.arrayContaining([
          { path: 'limit', message: 'must be a whole number from 1 to 200' },
          { path: 'status', message: expect.stringContaining('accepted') },
          { path: 'from', message: expect.stringContaining('date-time') },
          { path: 'colour', message: 'is not a known field' },
        ]),
      },
    });
    const missing = await getJson(gateway.base, '/events/no-such-event');
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });
});
