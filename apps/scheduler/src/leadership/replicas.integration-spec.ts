import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  createTestDatabase,
  expectEventually,
  freePort,
  type NatsTestServer,
  startNatsTestServer,
  type TestDatabase,
} from '@triggerline/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunRequestLog, everySecond, publishWorkflow } from '../../test/scheduler-fixtures.js';

const builtMain = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../dist/apps/scheduler/apps/scheduler/src/main.js',
);
const LEASE_TTL_MS = 2_000;
const JOBS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Replica {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
  stderr: () => string;
}

async function startReplica(natsUrl: string, databaseUrl: string): Promise<Replica> {
  const port = await freePort();
  const child = spawn('node', [builtMain], {
    env: {
      ...process.env,
      NATS_URL: natsUrl,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LEADER_LEASE_TTL_MS: String(LEASE_TTL_MS),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await expectEventually(
    async () => expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200),
    {
      timeoutMs: 15_000,
    },
  );
  return { child, port, exited, stderr: () => stderr };
}

/** A counter or gauge from a replica's /metrics, summed over its labels. */
async function metric(replica: Replica, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${replica.port}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe('two scheduler replicas', () => {
  let nats: NatsTestServer;
  let database: TestDatabase;
  let connection: NatsConnection;
  let log: RunRequestLog;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    nats = await startNatsTestServer();
    database = await createTestDatabase('postgres');
    connection = await connect({ servers: nats.url });
  });
  afterAll(async () => {
    for (const replica of replicas) replica.child.kill('SIGKILL');
    await log?.stop();
    await connection.close();
    await nats.dispose();
    await database.drop();
  });

  it('request every slot of 50 one-second jobs exactly once, through a kill -9 of the leader', async () => {
    replicas.push(await startReplica(nats.url, database.url));
    replicas.push(await startReplica(nats.url, database.url));
    // fire_all: a hand-over may delay slots but must lose none.
    const ids = Array.from({ length: JOBS }, (_, i) => `wf_ha_${i}`);
    await Promise.all(
      ids.map((id) => publishWorkflow(connection, { id, trigger: everySecond({ misfire: 'fire_all' }) })),
    );
    log = await RunRequestLog.start(connection);
    await sleep(8_000);

    const leading = await Promise.all(replicas.map((replica) => metric(replica, 'scheduler_leader')));
    expect([...leading].sort()).toEqual([0, 1]);
    const leader = replicas[leading.indexOf(1)] ?? replicas[0];
    const follower = replicas.find((replica) => replica !== leader) ?? replicas[1];
    expect(await metric(leader, 'scheduler_fires_total')).toBeGreaterThan(0);
    expect(await metric(follower, 'scheduler_fires_total')).toBe(0);

    leader.child.kill('SIGKILL');
    const killedAt = Date.now();
    await leader.exited;
    await sleep(8_000);

    // The survivor took over within the lease TTL (plus slack for two shared cores).
    const firstAfterKill = log.requests
      .map((r) => Date.parse(r.requested_at))
      .filter((at) => at > killedAt)
      .sort()[0];
    expect(firstAfterKill - killedAt).toBeLessThan(LEASE_TTL_MS + 1_500);
    expect(await metric(follower, 'scheduler_leader')).toBe(1);

    follower.child.kill('SIGTERM');
    expect(await follower.exited).toBe(0);

    const keys = log.requests.map((request) => request.idempotency_key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const id of ids) {
      const slots = log.slots(id);
      const first = Date.parse(slots[0]);
      const last = Date.parse(slots.at(-1) ?? '');
      expect(slots.length).toBeGreaterThanOrEqual(15);
      // No slot lost: one request per second from the first to the last.
      expect(slots).toHaveLength((last - first) / 1_000 + 1);
    }
  });
});
