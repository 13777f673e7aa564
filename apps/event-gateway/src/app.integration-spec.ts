import {
  createTestDatabase,
  describeServiceConformance,
  type NatsTestServer,
  startNatsTestServer,
  TEST_DATABASE_KINDS,
  type TestDatabase,
} from '@triggerline/testing';
import { DataSource } from 'typeorm';
import { getJson, startGateway, type TestGateway } from '../test/gateway-harness.js';

describeServiceConformance({
  name: 'event-gateway',
  builtMain: new URL('../../../dist/apps/event-gateway/apps/event-gateway/src/main.js', import.meta.url)
    .pathname,
  badVariable: {
    name: 'EVENT_HISTORY_MAX_COUNT',
    value: '0',
    message: 'EVENT_HISTORY_MAX_COUNT: must be a whole number above 0',
  },
  async startInProcess(env) {
    const gateway = await startGateway(env.NATS_URL, env.DATABASE_URL);
    return { base: gateway.base, dataSource: gateway.app.get(DataSource), close: gateway.close };
  },
});

describe.each(TEST_DATABASE_KINDS)('event-gateway on %s', (kind) => {
  let nats: NatsTestServer;
  let database: TestDatabase;
  let gateway: TestGateway;

  beforeAll(async () => {
    nats = await startNatsTestServer();
    database = await createTestDatabase(kind);
    gateway = await startGateway(nats.url, database.url);
  });
  afterAll(async () => {
    await gateway?.close();
    await nats?.dispose();
    await database?.drop();
  });

  it('answers 401 to every API request without a valid key', async () => {
    const requests: [string, string][] = [
      ['GET', '/events'],
      ['GET', '/events/some-id'],
      ['POST', '/events'],
      ['GET', '/event-types'],
      ['GET', '/event-types/invoice.created'],
      ['GET', '/asyncapi.json'],
      ['GET', '/subscriptions'],
    ];
    for (const [method, path] of requests) {
      const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer not-a-key-of-ours-at-all' }];
      for (const headers of attempts) {
        const response = await fetch(`${gateway.base}${path}`, { method, headers });
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
        expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
      }
    }
  });

  it('serves the event catalog, by category, one type, and the AsyncAPI document', async () => {
    const all = await getJson(gateway.base, '/event-types');
    expect(all.status).toBe(200);
    const types = all.body as { type: string; payload_schema: { required: string[] } }[];
    expect(types).toHaveLength(30);
    expect(types[0]).toMatchObject({
      type: 'invoice.created',
      name: 'Invoice Created',
      description: expect.any(String),
      category: 'invoices',
      payload_schema: { type: 'object', required: expect.arrayContaining(['invoice_id', 'amount']) },
    });

    const grouped = await getJson(gateway.base, '/event-types?group=category');
    const groups = grouped.body as Record<string, { type: string }[]>;
    expect(Object.keys(groups)).toEqual([
      'invoices',
      'payments',
      'customers',
      'projects',
      'tickets',
      'quotes',
      'users',
    ]);
    expect(groups.payments.map((entry) => entry.type)).toEqual([
      'payment.received',
      'payment.failed',
      'payment.refunded',
    ]);
    expect((await getJson(gateway.base, '/event-types?group=colour')).status).toBe(400);

    expect(await getJson(gateway.base, '/event-types/ticket.escalated')).toMatchObject({
      status: 200,
      body: { type: 'ticket.escalated', category: 'tickets' },
    });
    expect(await getJson(gateway.base, '/event-types/ticket.teleported')).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found' } },
    });

    const asyncApi = await getJson(gateway.base, '/asyncapi.json');
    expect(asyncApi).toMatchObject({ status: 200, body: { asyncapi: '3.0.0' } });
  });
});
