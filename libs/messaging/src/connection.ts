import { connect, type NatsConnection } from '@nats-io/transport-node';

export interface NatsConnectionOptions {
  /** One URL or a comma-separated list (`NATS_URL`). */
  servers: string | string[];
  /** Shown by `nats server report connections`; use the service name. */
  name: string;
  /** Keep retrying the first connect instead of failing at start-up (services: yes; CLI: no). */
  waitOnFirstConnect?: boolean;
}

export function serverList(servers: string | string[]): string[] {
  const list = Array.isArray(servers) ? servers : servers.split(',');
  return list.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Connects and keeps reconnecting for ever: a service outlives any NATS restart. */
export function connectNats(options: NatsConnectionOptions): Promise<NatsConnection> {
  return connect({
    servers: serverList(options.servers),
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: options.waitOnFirstConnect ?? false,
    // Every request (each JetStream publish) otherwise builds two errors with stacks up front, in
    // case it fails: 4% of webhook-ingress's CPU under load (bench/README.md).
    noAsyncTraces: true,
  });
}
