import { jetstreamManager } from '@nats-io/jetstream';
import { createEvent, eventRunKey } from '@triggerline/contracts';
import { provisionStreams } from '@triggerline/messaging';
import {
  createTestDatabase,
  expectEventually,
  freePort,
  type NatsTestServer,
  startNatsTestServer,
  TEST_DATABASE_KINDS,
  type TestDatabase,
} from '@triggerline/testing';
import { dataSourceOptions } from '@triggerline/persistence';
import { DataSource, IsNull, Not } from 'typeorm';
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NatsProbe } from '../../test/gateway-harness.js';
import { EventRecordEntity } from '../history/event-record.entity.js';

const builtMain = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../dist/apps/event-gateway/apps/event-gateway/src/main.js',
);
const EVENTS = 1_000;

describe.each(TEST_DATABASE_KINDS)('event-gateway on %s killed with events in flight', (kind) => {
  let nats: NatsTestServer;
  let database: TestDatabase;
  let dataSource: DataSource;
  let probe: NatsProbe;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    nats = await startNatsTestServer();
    database = await createTestDatabase(kind);
    // The schema comes from the service's migrations; this data source only reads.
    dataSource = new DataSource({
      ...dataSourceOptions({ url: database.url, entities: [EventRecordEntity], migrations: [] }),
      migrationsRun: false,
    });
    await dataSource.initialize();
    probe = await NatsProbe.connect(nats.url);
    await provisionStreams(await jetstreamManager(probe.connection), { replicas: 1 });
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await dataSource?.destroy();
    await probe?.close();
    await nats?.dispose();
    await database?.drop();
  });

  async function startProcess(): Promise<ChildProcess> {
    const port = await freePort();
    const child = spawn('node', [builtMain], {
      env: {
        ...process.env,
        NATS_URL: nats.url,
        DATABASE_URL: database.url,
        PORT: String(port),
        LOG_LEVEL: 'error',
        // What a dead replica held comes back after this, not the default 30 s.
        GATEWAY_ACK_WAIT_SECONDS: '2',
      },
      stdio: 'ignore',
    });
    children.push(child);
    await expectEventually(
      async () => expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200),
      {
        timeoutMs: 20_000,
      },
    );
    return child;
  }

  /** Rows, distinct event ids, and rows whose run requests were all acknowledged. */
  async function history(): Promise<{ rows: number; ids: number; fannedOut: number }> {
    const records = dataSource.getRepository(EventRecordEntity);
    const [rows, ids, fannedOut] = await Promise.all([
      records.count(),
      records
        .createQueryBuilder('record')
        .select('COUNT(DISTINCT record.event_id)', 'ids')
        .getRawOne<{ ids: string | number }>(),
      records.countBy({ runsRequestedAt: Not(IsNull()) }),
    ]);
    return { rows, ids: Number(ids?.ids), fannedOut };
  }

  it('records every event once and requests every matching run once after a restart', async () => {
    await probe.upsertWorkflow({ id: 'wf_every', event: 'invoice.created' });
    await probe.upsertWorkflow({ id: 'wf_large', event: 'invoice.created', filter: 'data.amount >= 500' });
    const first = await startProcess();

    const events = Array.from({ length: EVENTS }, (_, i) =>
      createEvent(
        'invoice.created',
        {
          invoice_id: `inv-${i}`,
          invoice_number: `K-${i}`,
          customer_id: 'cust-k',
          amount: i,
          currency: 'EUR',
          due_date: '2026-12-31',
        },
        { source: '/billing' },
      ),
    );
    await probe.publisher.publishMany(
      events.map((event) => ({ subject: 'events.invoice.created', message: event, msgId: event.id })),
    );
    await expectEventually(async () => expect((await history()).rows).toBeGreaterThan(0), {
      timeoutMs: 20_000,
    });
    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    // The premise: the process died before it had finished.
    expect((await history()).fannedOut).toBeLessThan(EVENTS);
    await exited;

    await startProcess();
    await expectEventually(
      async () => {
        expect(await history()).toEqual({ rows: EVENTS, ids: EVENTS, fannedOut: EVENTS });
        expect(await probe.gatewayIdle()).toBe(true);
      },
      { timeoutMs: 40_000, intervalMs: 200 },
    );

    const expected = events.flatMap((event) => [
      eventRunKey(event.id, 'wf_every'),
      ...(event.data.amount >= 500 ? [eventRunKey(event.id, 'wf_large')] : []),
    ]);
    const keys = (await probe.runRequests()).map((run) => run.msgId);
    expect(keys).toHaveLength(expected.length);
    expect(new Set(keys)).toEqual(new Set(expected));
  }, 90_000);
});
