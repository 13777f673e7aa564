/**
 * How soon a `consume()` notices that its pull request is gone. When the node leading a consumer
 * dies while this client stays connected to another node, the new leader never saw the request,
 * and the client pulls again only after two missed heartbeats: with nats.js's defaults (30 s
 * expiry, 15 s heartbeats) a durable worker sat idle for over 30 s after such a failover; with
 * these (and `bind`, see DurableWorker) it takes messages again about 10 s after the crash, for
 * one small pull request every 10 s per idle consumer.
 */
export const PULL_LIVENESS = { expires: 10_000, idle_heartbeat: 2_000 } as const;
