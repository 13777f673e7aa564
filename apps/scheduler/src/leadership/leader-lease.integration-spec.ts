import { connect, type NatsConnection } from '@nats-io/transport-node';
import { expectEventually, type NatsTestServer, startNatsTestServer } from '@triggerline/testing';
import { LeaderLease } from './leader-lease.js';

const TTL_MS = 1_000;
const quiet = { log: () => undefined, warn: () => undefined };

describe('LeaderLease', () => {
  let nats: NatsTestServer;
  const connections: NatsConnection[] = [];
  const leases: LeaderLease[] = [];

  beforeEach(async () => {
    nats = await startNatsTestServer();
  });
  afterEach(async () => {
    await Promise.all(leases.splice(0).map((lease) => lease.stop().catch(() => undefined)));
    await Promise.all(connections.splice(0).map((connection) => connection.close().catch(() => undefined)));
    await nats.dispose();
  });

  async function campaign(changes: boolean[] = []): Promise<LeaderLease> {
    const connection = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    connections.push(connection);
    const lease = await LeaderLease.open(connection, {
      bucket: 'lease_test',
      ttlMs: TTL_MS,
      replicas: 1,
      logger: quiet,
      onChange: (leader) => changes.push(leader),
    });
    leases.push(lease);
    return lease;
  }

  it('gives the lease to exactly one of several candidates, and keeps it there while renewed', async () => {
    const candidates = await Promise.all([campaign(), campaign(), campaign()]);
    await expectEventually(() => expect(candidates.filter((lease) => lease.isLeader())).toHaveLength(1));
    const leader = candidates.find((lease) => lease.isLeader());
    await new Promise((resolve) => setTimeout(resolve, 2 * TTL_MS));
    expect(candidates.filter((lease) => lease.isLeader())).toEqual([leader]);
  });

  it('hands over at once when the leader stops, and within the TTL when it vanishes', async () => {
    const firstChanges: boolean[] = [];
    const first = await campaign(firstChanges);
    await expectEventually(() => expect(first.isLeader()).toBe(true));
    const second = await campaign();
    const third = await campaign();

    await first.stop();
    expect(firstChanges).toEqual([true, false]);
    await expectEventually(
      () => expect([second, third].filter((lease) => lease.isLeader())).toHaveLength(1),
      {
        timeoutMs: 500,
      },
    );

    // The new leader's connection dies without a word: its entry expires after the TTL.
    const [leader, other] = second.isLeader() ? [1, third] : [2, second];
    const vanishedAt = Date.now();
    await connections[leader].close();
    await expectEventually(() => expect(other.isLeader()).toBe(true), { timeoutMs: 2 * TTL_MS });
    expect(Date.now() - vanishedAt).toBeLessThan(TTL_MS + 1_000);
  });

  it('stops counting itself leader once it cannot renew, before a successor could start', async () => {
    const lease = await campaign();
    await expectEventually(() => expect(lease.isLeader()).toBe(true));
    // Cut off from NATS: every renewal fails, and its entry will expire TTL after the last one.
    await connections[0].close();
    const cutAt = Date.now();
    await expectEventually(() => expect(lease.isLeader()).toBe(false), { timeoutMs: 2 * TTL_MS });
    expect(Date.now() - cutAt).toBeLessThan(TTL_MS);
  });
});
