import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectEventually } from './expect-eventually.js';
import { NatsServerProcess, freePort } from './nats-test-server.js';

export interface NatsClusterNode {
  /** `server_name`, as JetStream reports it for a stream's leader and replicas. */
  readonly serverName: string;
  readonly url: string;
  readonly port: number;
}

/** Private `nats-server -js` processes on loopback ports, routed into one JetStream cluster. */
export interface NatsTestCluster {
  readonly nodes: readonly NatsClusterNode[];
  /** Every node's URL, comma-separated, as `NATS_URL` takes them. */
  readonly urls: string;
  node(serverName: string): NatsClusterNode;
  /** SIGKILL: a crash, nothing flushed; the store survives for `start()`. */
  kill(node: NatsClusterNode): Promise<void>;
  /** Graceful stop (SIGTERM). */
  stop(node: NatsClusterNode): Promise<void>;
  /** Starts a stopped node again with its store; resolves once the meta leader counts it current. */
  start(node: NatsClusterNode): Promise<void>;
  /** The JetStream meta leader's server name, once every running node follows it. */
  metaLeader(): Promise<string>;
  /** Stops every node and deletes the stores. */
  dispose(): Promise<void>;
}

interface MetaCluster {
  leader?: string;
  /** Listed by the leader only. */
  replicas?: { name: string; current: boolean }[];
}

interface Member {
  node: NatsClusterNode;
  monitorPort: number;
  process: NatsServerProcess;
  storeDir: string;
}

const FORM_TIMEOUT_MS = 30_000;

/** Starts `size` nodes and returns once the cluster has a JetStream meta leader that all of them follow. */
export async function startNatsTestCluster(size = 3): Promise<NatsTestCluster> {
  const ports = await distinctFreePorts(size * 3);
  const clusterPorts = ports.slice(size, size * 2);
  const routes = clusterPorts.map((port) => `nats://127.0.0.1:${port}`).join(',');
  const clusterName = `triggerline-test-${ports[0]}`;
  const members: Member[] = Array.from({ length: size }, (_, i) => {
    const port = ports[i];
    const monitorPort = ports[size * 2 + i];
    const serverName = `nats-${i + 1}`;
    const storeDir = mkdtempSync(join(tmpdir(), `triggerline-nats-${serverName}-`));
    // Listing itself among the routes is harmless: a server drops a route to itself.
    const args = [
      ...['-a', '127.0.0.1', '-p', String(port), '-m', String(monitorPort)],
      ...['-js', '-sd', storeDir, '--server_name', serverName],
      ...['--cluster_name', clusterName, '--cluster', `nats://127.0.0.1:${clusterPorts[i]}`],
      ...['--routes', routes],
    ];
    return {
      node: { serverName, url: `nats://127.0.0.1:${port}`, port },
      monitorPort,
      process: new NatsServerProcess(args, port),
      storeDir,
    };
  });
  const memberNamed = (serverName: string): Member => {
    const member = members.find((m) => m.node.serverName === serverName);
    if (!member) throw new Error(`no node named ${serverName} in this cluster`);
    return member;
  };
  const memberOf = (node: NatsClusterNode) => memberNamed(node.serverName);
  const dispose = async () => {
    await Promise.all(members.map((m) => m.process.stop()));
    for (const member of members) rmSync(member.storeDir, { recursive: true, force: true });
  };

  const metaLeader = () =>
    expectEventually(
      async () => {
        const running = members.filter((m) => m.process.running);
        const views = await Promise.all(running.map((m) => metaCluster(m.monitorPort)));
        const leader = views[0]?.leader;
        if (!leader || views.some((view) => view.leader !== leader)) {
          throw new Error(
            `nodes disagree on the meta leader: ${views.map((v) => v.leader ?? '-').join(', ')}`,
          );
        }
        // Only the leader lists its peers: wait until it counts every other running node as
        // current, or an R3 stream created right now can fail for lack of peers.
        const peers = views[running.findIndex((m) => m.node.serverName === leader)]?.replicas ?? [];
        const current = peers.filter((peer) => peer.current).length;
        if (current < running.length - 1) {
          throw new Error(`meta leader ${leader} has ${current} current peers of ${running.length - 1}`);
        }
        return leader;
      },
      { timeoutMs: FORM_TIMEOUT_MS, intervalMs: 100 },
    );

  try {
    await Promise.all(members.map((m) => m.process.start()));
    await metaLeader();
  } catch (error) {
    await dispose();
    throw error;
  }

  return {
    nodes: members.map((m) => m.node),
    urls: members.map((m) => m.node.url).join(','),
    node: (serverName) => memberNamed(serverName).node,
    kill: (node) => memberOf(node).process.stop('SIGKILL'),
    stop: (node) => memberOf(node).process.stop('SIGTERM'),
    start: async (node) => {
      await memberOf(node).process.start();
      await metaLeader();
    },
    metaLeader,
    dispose,
  };
}

async function metaCluster(monitorPort: number): Promise<MetaCluster> {
  const response = await fetch(`http://127.0.0.1:${monitorPort}/jsz`);
  if (!response.ok) throw new Error(`/jsz on monitor port ${monitorPort} answered ${response.status}`);
  const body = (await response.json()) as { meta_cluster?: MetaCluster };
  return body.meta_cluster ?? {};
}

/** `freePort` closes its probe before returning, so two calls can in principle return the same port. */
async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
