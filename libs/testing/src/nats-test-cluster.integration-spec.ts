import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { expectEventually } from './expect-eventually.js';
import { type NatsTestCluster, startNatsTestCluster } from './nats-test-cluster.js';

describe('startNatsTestCluster', () => {
  let cluster: NatsTestCluster;

  beforeAll(async () => {
    cluster = await startNatsTestCluster(3);
  }, 60_000);
  afterAll(() => cluster?.dispose());

  it('routes three named nodes into one JetStream cluster', async () => {
    expect(cluster.nodes.map((n) => n.serverName)).toEqual(['nats-1', 'nats-2', 'nats-3']);
    expect(cluster.urls).toBe(cluster.nodes.map((n) => n.url).join(','));
    expect(cluster.nodes.map((n) => n.serverName)).toContain(await cluster.metaLeader());
  });

  it('keeps an R3 stream readable and writable after its leader is killed, and takes the node back', async () => {
    const connection = await connect({ servers: cluster.urls.split(','), maxReconnectAttempts: -1 });
    try {
      const jsm = await jetstreamManager(connection);
      const js = jetstream(connection);
      await jsm.streams.add({ name: 'SURVIVOR', subjects: ['survivor.>'], num_replicas: 3 });
      await js.publish('survivor.a', 'before', { msgID: 'a' });
      const before = await jsm.streams.info('SURVIVOR');
      expect(before.cluster?.replicas).toHaveLength(2);
      const leader = cluster.node(before.cluster?.leader ?? 'none');

      await cluster.kill(leader);

      const after = await expectEventually(
        async () => {
          const info = await jsm.streams.info('SURVIVOR');
          expect(info.cluster?.leader).toBeDefined();
          expect(info.cluster?.leader).not.toBe(leader.serverName);
          return info;
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      expect(after.state.messages).toBe(1);
      await expectEventually(() => js.publish('survivor.b', 'after', { msgID: 'b' }), {
        timeoutMs: 30_000,
        intervalMs: 200,
      });
      // The same Nats-Msg-Id is still recognised by the new leader.
      expect((await js.publish('survivor.a', 'again', { msgID: 'a' })).duplicate).toBe(true);

      await cluster.start(leader);
      await expectEventually(
        async () => {
          const replicas = (await jsm.streams.info('SURVIVOR')).cluster?.replicas ?? [];
          const back = replicas.find((r) => r.name === leader.serverName);
          expect(back?.current).toBe(true);
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      expect((await jsm.streams.info('SURVIVOR')).state.messages).toBe(2);
    } finally {
      await connection.close();
    }
  }, 90_000);
});
