import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats, JetStreamPublisher } from '@triggerline/messaging';
import { TriggerlineEvents } from '@triggerline/sdk';
import {
  createTestDatabase,
  expectEventually,
  freePort,
  type NatsTestServer,
  startNatsTestServer,
  type TestDatabase,
} from '@triggerline/testing';
import { api, type ServiceName, ServiceProcess } from './service-process.js';

export const KEY = 'e2e-key-0123456789abcdef';

/**
 * What one suite runs on: a private nats-server, a test-side connection to it, fresh PostgreSQL
 * databases and built services as processes. `dispose` stops and drops all of them.
 */
export class E2eStack {
  private readonly databases: TestDatabase[] = [];
  private readonly services: ServiceProcess[] = [];
  /** The SDK over the test's connection, as a billing system would publish. */
  readonly events: TriggerlineEvents;

  private constructor(
    readonly nats: NatsTestServer,
    readonly connection: NatsConnection,
  ) {
    this.events = new TriggerlineEvents(new JetStreamPublisher(jetstream(connection)), '/billing');
  }

  static async start(): Promise<E2eStack> {
    const nats = await startNatsTestServer();
    return new E2eStack(nats, await connectNats({ servers: nats.url, name: 'e2e' }));
  }

  /** A fresh database's URL; pass it to replicas of one service so they share it. */
  async database(): Promise<string> {
    const database = await createTestDatabase('postgres');
    this.databases.push(database);
    return database.url;
  }

  /** Starts a service on its own port, on a fresh database unless `DATABASE_URL` is given. */
  async service(name: ServiceName, env: Record<string, string> = {}): Promise<ServiceProcess> {
    const service = new ServiceProcess(name, {
      NATS_URL: this.nats.url,
      API_KEYS: KEY,
      PORT: String(await freePort()),
      DATABASE_URL: env.DATABASE_URL ?? (await this.database()),
      ...env,
    });
    this.services.push(service);
    await service.start();
    return service;
  }

  /** Creates an active workflow through the runner; its id. */
  async createWorkflow(runner: ServiceProcess, definition: Record<string, unknown>): Promise<string> {
    const created = await api(runner.url, KEY, '/workflows', { status: 'active', ...definition });
    if (created.status !== 201) throw new Error(`POST /workflows: ${JSON.stringify(created.body)}`);
    return String(created.body.id);
  }

  /** The gateway learns workflows from the WORKFLOWS stream: waits until it matches this one. */
  async subscribed(gateway: ServiceProcess, workflowId: string): Promise<void> {
    await expectEventually(async () => {
      const subscriptions = JSON.stringify((await api(gateway.url, KEY, '/subscriptions')).body);
      expect(subscriptions).toContain(workflowId);
    });
  }

  async dispose(): Promise<void> {
    await this.connection.drain().catch(() => undefined);
    const stopped = await Promise.allSettled(this.services.map((service) => service.stop()));
    await this.nats.dispose();
    for (const database of this.databases) await database.drop();
    // Cleaned up either way; then a service that would not stop fails the suite.
    for (const result of stopped) if (result.status === 'rejected') throw result.reason;
  }
}
