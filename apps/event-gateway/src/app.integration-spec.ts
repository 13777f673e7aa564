import {
  createTestDatabase,
  expectEventually,
  freePort,
  type NatsTestServer,
  startNatsTestServer,
  TEST_DATABASE_KINDS,
  type TestDatabase,
} from '@triggerline/testing';
import { execFile, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { getJson, startGateway, type TestGateway } from '../test/gateway-harness.js';

const builtMain = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../dist/apps/event-gateway/apps/event-gateway/src/main.js',
);

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

  it('reports itself ready with NATS and its database up, without an API key', async () => {
    const response = await fetch(`${gateway.base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      info: { nats: { status: 'up' }, database: { status: 'up' } },
    });
  });

  it('has migrations that build exactly the schema its entities describe', async () => {
    const pending = await gateway.app.get(DataSource).driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
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

describe('event-gateway as a process', () => {
  it('stops with a message naming a bad variable', async () => {
    const failure = await promisify(execFile)('node', [builtMain], {
      env: { ...process.env, EVENT_HISTORY_MAX_COUNT: '0' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('EVENT_HISTORY_MAX_COUNT: must be a whole number above 0'),
    });
  });

  it('serves its API docs and exits cleanly on SIGTERM', async () => {
    const nats = await startNatsTestServer();
    const database = await createTestDatabase('sqlite');
    const port = await freePort();
    const child = spawn('node', [builtMain], {
      env: {
        ...process.env,
        NATS_URL: nats.url,
        DATABASE_URL: database.url,
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const docs = await expectEventually(async () => {
        const response = await fetch(`http://127.0.0.1:${port}/docs`);
        expect(response.status).toBe(200);
        return response.text();
      });
      expect(docs).toContain('swagger-ui');

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await nats.dispose();
      await database.drop();
    }
  });
});
