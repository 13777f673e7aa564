/** The process's one NATS connection, shared by publishers, the transport and health checks. */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const NATS_MODULE_OPTIONS = Symbol('NATS_MODULE_OPTIONS');

export interface NatsModuleOptions {
  /** `NATS_URL`: one URL or a comma-separated list. */
  servers: string;
  /** The service name: the connection's name on the server. */
  name: string;
  /** `NATS_REPLICAS` for the streams this process provisions. */
  replicas: number;
}
