import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { STREAMS } from '@triggerline/contracts';
import { connectNats, JetStreamPublisher } from '@triggerline/messaging';
import { TriggerlineEvents } from '@triggerline/sdk';
import {
  createTestDatabase,
  expectEventually,
  freePort,
  type NatsClusterNode,
  type NatsTestCluster,
  startNatsTestCluster,
  type TestDatabase,
} from '@triggerline/testing';
import { KEY } from './e2e-stack.js';
import { api, executionsOf, type ServiceName, ServiceProcess } from './service-process.js';

/** Events sent before the kill, and again once the stream has a new leader. */
const BEFORE = 200;
const AFTER = 200;
const PUBLISH_EVERY_MS = 10;
type Phase = 'before' | 'during' | 'after';

describe('the NATS node leading the streams dies while events flow (three nodes, R3 streams, four services)', () => {
  let cluster: NatsTestCluster;
  const databases: TestDatabase[] = [];
  const services: ServiceProcess[] = [];
  let connection: NatsConnection;
  let jsm: JetStreamManager;
  /** Asks often during the election, so a request that reached nobody does not hold it up. */
  let probe: JetStreamManager;

  beforeAll(async () => {
    cluster = await startNatsTestCluster(3);
    const names: ServiceName[] = ['event-gateway', 'workflow-runner', 'scheduler', 'webhook-ingress'];
    for (const name of names) {
      const database = await createTestDatabase('postgres');
      databases.push(database);
      services.push(
        new ServiceProcess(name, {
          NATS_URL: cluster.urls,
          NATS_REPLICAS: '3',
          API_KEYS: KEY,
          DATABASE_URL: database.url,
          PORT: String(await freePort()),
          // A retry asked of the dead leader is lost; the ack wait brings the message back.
          GATEWAY_ACK_WAIT_SECONDS: '5',
          RUNNER_ACK_WAIT_SECONDS: '5',
        }),
      );
    }
    // One after the other: each provisions the R3 streams at start-up.
    for (const service of services) await service.start();
    connection = await connectNats({ servers: cluster.urls, name: 'e2e-cluster' });
    jsm = await jetstreamManager(connection);
    probe = await jetstreamManager(connection, { timeout: 1_000 });
  }, 120_000);
  afterAll(async () => {
    await connection?.close();
    await Promise.allSettled(services.map((s) => s.stop()));
    await cluster?.dispose();
    for (const database of databases) await database.drop();
  });

  it('runs every event accepted before, during and after the failover exactly once', async () => {
    const [gateway, runner] = services;
    const workflow = await api(runner.url, KEY, '/workflows', {
      name: 'Note every invoice',
      status: 'active',
      trigger: { type: 'event', event: 'invoice.created' },
      steps: [{ id: 'note', type: 'set', values: { invoice: '{{ input.invoice_id }}' } }],
    });
    expect(workflow.status).toBe(201);
    const workflowId = String(workflow.body.id);
    await expectEventually(
      async () =>
        expect(JSON.stringify((await api(gateway.url, KEY, '/subscriptions')).body)).toContain(workflowId),
      { timeoutMs: 20_000 },
    );

    // A short publish timeout, so that a publish stuck on the dead leader is soon retried.
    const events = new TriggerlineEvents(
      new JetStreamPublisher(jetstream(connection, { timeout: 2_000 })),
      '/billing',
    );
    const sent: Record<Phase, string[]> = { before: [], during: [], after: [] };
    const accepted: string[] = [];
    const retried = new Set<string>();
    const publishing: Promise<void>[] = [];
    /** Accepted = acknowledged by JetStream. A retry carries the same id, so JetStream stores it once. */
    const publishUntilAccepted = async (index: number, id: string): Promise<void> => {
      const invoice = {
        id: `i-${index}`,
        number: `F-${index}`,
        customer_id: 'c-1',
        total: 100 + index,
        currency: 'EUR',
        due_date: '2026-12-31',
      };
      const deadline = Date.now() + 45_000;
      for (;;) {
        try {
          await events.invoiceCreated(invoice, { id });
          accepted.push(id);
          return;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          retried.add(id);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    };
    let index = 0;
    /** Sends one event every PUBLISH_EVERY_MS, without waiting for its ack, while `more()` says so. */
    const sendWhile = async (phase: Phase, more: () => boolean): Promise<void> => {
      while (more()) {
        const id = `evt-cluster-${index}`;
        sent[phase].push(id);
        publishing.push(publishUntilAccepted(index++, id));
        await new Promise((resolve) => setTimeout(resolve, PUBLISH_EVERY_MS));
      }
    };

    const startedAt = Date.now();
    await sendWhile('before', () => sent.before.length < BEFORE);
    const { dead, runsLeader } = await killEventsLeader();
    let elected = false;
    const election = newLeaderOf(STREAMS.events.name, dead).finally(() => (elected = true));
    await sendWhile('during', () => !elected);
    const newLeader = await election;
    await sendWhile('after', () => sent.after.length < AFTER);
    await Promise.all(publishing);
    const publishedInMs = Date.now() - startedAt;
    const all = [...sent.before, ...sent.during, ...sent.after];
    expect(sent.during.length).toBeGreaterThan(0);
    expect([...accepted].sort()).toEqual([...all].sort());
    expect(await newLeaderOf(STREAMS.runs.name, dead)).toBeDefined();

    const executions = await expectEventually(
      async () => {
        const list = await executionsOf(runner.url, KEY, workflowId);
        expect(list.filter((e) => e.status === 'succeeded')).toHaveLength(accepted.length);
        return list;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const executedInMs = Date.now() - startedAt;
    const runFor = executions.map((e) => String(e.trigger.event_id));
    expect(executions).toHaveLength(accepted.length);
    expect(new Set(runFor).size).toBe(runFor.length);
    expect([...runFor].sort()).toEqual([...accepted].sort());
    expect((await jsm.streams.info(STREAMS.dlq.name)).state.messages).toBe(0);
    // Every service's durable consumer caught up, those outside the event path too, and every
    // service still answers.
    // Deliveries beyond one per message: redeliveries after the ack wait, or of a lost ack.
    const redelivered: string[] = [];
    await expectEventually(
      async () => {
        redelivered.length = 0;
        for (const stream of [STREAMS.events.name, STREAMS.runs.name, STREAMS.runResults.name]) {
          for await (const consumer of jsm.consumers.list(stream)) {
            if (!consumer.config.durable_name) continue;
            redelivered.push(
              `${consumer.name} ${consumer.delivered.consumer_seq - consumer.delivered.stream_seq}`,
            );
            expect(`${stream}/${consumer.name}: ${consumer.num_pending} pending`).toBe(
              `${stream}/${consumer.name}: 0 pending`,
            );
          }
        }
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    for (const service of services) expect((await fetch(`${service.url}/health`)).status).toBe(200);

    // The killed node comes back and catches up as a replica of EVENTS.
    await cluster.start(dead);
    await expectEventually(
      async () => {
        const replicas = (await jsm.streams.info(STREAMS.events.name)).cluster?.replicas ?? [];
        expect(replicas.find((r) => r.name === dead.serverName)?.current).toBe(true);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    console.info(
      `killed ${dead.serverName} (EVENTS leader, now ${newLeader}; RUNS was led by ${runsLeader}); ` +
        `events before/during/after: ${sent.before.length}/${sent.during.length}/${sent.after.length}, ` +
        `all accepted after ${publishedInMs} ms (${retried.size} needed a retry), ` +
        `each executed once after ${executedInMs} ms; redelivered: ${redelivered.join(', ')}`,
    );
  }, 150_000);

  async function killEventsLeader(): Promise<{ dead: NatsClusterNode; runsLeader: string }> {
    const leader = (await jsm.streams.info(STREAMS.events.name)).cluster?.leader;
    const runsLeader = (await jsm.streams.info(STREAMS.runs.name)).cluster?.leader ?? 'nobody';
    if (!leader) throw new Error(`stream ${STREAMS.events.name} has no leader to kill`);
    const dead = cluster.node(leader);
    await cluster.kill(dead);
    return { dead, runsLeader };
  }

  /** The stream's leader once it is a node other than `dead`. */
  function newLeaderOf(stream: string, dead: NatsClusterNode): Promise<string> {
    return expectEventually(
      async () => {
        const leader = (await probe.streams.info(stream)).cluster?.leader;
        if (!leader || leader === dead.serverName)
          throw new Error(`${stream} is led by ${leader ?? 'nobody'}`);
        return leader;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }
});
