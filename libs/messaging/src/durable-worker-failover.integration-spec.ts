import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { STREAMS } from '@triggerline/contracts';
import { expectEventually, type NatsTestCluster, startNatsTestCluster } from '@triggerline/testing';
import { connectNats } from './connection.js';
import { DurableWorker, type DurableWorkerOptions } from './durable-worker.js';
import { JetStreamPublisher } from './publisher.js';
import type { ReceivedMessage } from './received-message.js';
import { provisionStreams } from './streams.js';
import type { MessagingLogger } from './worker-logger.js';

const quiet: MessagingLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const DURABLE = 'failover-spec';

describe('DurableWorker on a three-node cluster', () => {
  let cluster: NatsTestCluster;
  const connections: NatsConnection[] = [];
  let jsm: JetStreamManager;
  let worker: DurableWorker | undefined;

  beforeAll(async () => {
    cluster = await startNatsTestCluster(3);
    const admin = await connectNats({ servers: cluster.urls, name: 'failover-admin' });
    connections.push(admin);
    jsm = await jetstreamManager(admin);
    await provisionStreams(jsm, { replicas: 3 });
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    for (const connection of connections) await connection.close();
    await cluster?.dispose();
  });

  it('takes messages again within seconds when the node leading its consumer dies', async () => {
    const handled: string[] = [];
    const options: DurableWorkerOptions = {
      stream: STREAMS.events.name,
      durable: DURABLE,
      filterSubject: 'events.>',
      logger: quiet,
      handle: async (m: ReceivedMessage) => void handled.push(String((m.data as { n: string }).n)),
    };
    // Creates the consumer, to learn which node leads it.
    const admin = connections[0];
    await (await DurableWorker.start(jetstream(admin), jsm, options)).stop();
    const leaderName = (await jsm.consumers.info(STREAMS.events.name, DURABLE)).cluster?.leader;
    if (!leaderName) throw new Error(`consumer ${DURABLE} has no leader`);
    const leader = cluster.node(leaderName);
    // The worker talks to the nodes that survive, so no reconnect tells it that its pull request
    // died with the consumer's leader: only the missing heartbeats do.
    const survivors = cluster.nodes.filter((n) => n !== leader).map((n) => n.url);
    const workerConnection = await connectNats({ servers: survivors, name: 'failover-worker' });
    connections.push(workerConnection);
    worker = await DurableWorker.start(
      jetstream(workerConnection),
      await jetstreamManager(workerConnection),
      options,
    );
    const publisher = new JetStreamPublisher(jetstream(admin, { timeout: 2_000 }));
    await publisher.publish('events.spec.before', { n: 'before' }, { msgId: 'before' });
    await expectEventually(() => expect(handled).toEqual(['before']));

    await cluster.kill(leader);
    await expectEventually(() => publisher.publish('events.spec.after', { n: 'after' }, { msgId: 'after' }), {
      timeoutMs: 30_000,
      intervalMs: 250,
    });
    const acceptedAt = Date.now();

    // nats.js's default pull (30 s expiry, 15 s heartbeats) left it idle for over 30 s here.
    await expectEventually(() => expect(handled).toEqual(['before', 'after']), {
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    expect(Date.now() - acceptedAt).toBeLessThan(20_000);
  }, 90_000);
});
