// Test helpers of the gateway's suites: an in-process gateway, lifecycle messages as the runner
// sends them, and reading what the gateway put on the RUNS stream.
import type { INestApplication } from '@nestjs/common';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { loadEnv } from '@triggerline/config';
import {
  type EventType,
  STREAMS,
  type RunRequest,
  validateRunRequest,
  workflowSubject,
  type WorkflowLifecycleMessage,
} from '@triggerline/contracts';
import { durableName, JetStreamPublisher } from '@triggerline/messaging';
import { bootstrapService } from '@triggerline/service';
import { freePort } from '@triggerline/testing';
import { AppModule, SERVICE_NAME } from '../src/app.module.js';
import { gatewayEnvSchema } from '../src/env.schema.js';
import { EVENTS_PATTERN } from '../src/service-name.js';

export const API_KEY = 'gateway-test-key-0123456789';
export const AUTH = { authorization: `Bearer ${API_KEY}` };

export interface TestGateway {
  app: INestApplication;
  base: string;
  close(): Promise<void>;
}

export async function startGateway(natsUrl: string, databaseUrl: string): Promise<TestGateway> {
  const port = await freePort();
  const env = loadEnv(gatewayEnvSchema, {
    NATS_URL: natsUrl,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    API_KEYS: API_KEY,
    LOG_LEVEL: 'silent',
  });
  const app = await bootstrapService(AppModule.forRoot(env), {
    name: SERVICE_NAME,
    description: 'test',
    port,
    host: '127.0.0.1',
    docsUi: false,
    jetstream: { concurrency: 8 },
  });
  return { app, base: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** The runner's side of NATS, as far as the gateway's tests need it. */
export class NatsProbe {
  private constructor(
    readonly connection: NatsConnection,
    readonly js: JetStreamClient,
    readonly publisher: JetStreamPublisher,
  ) {}

  static async connect(url: string): Promise<NatsProbe> {
    const connection = await connect({ servers: url });
    const js = jetstream(connection);
    return new NatsProbe(connection, js, new JetStreamPublisher(js));
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  /** Publishes a workflow with an event trigger at the given version. */
  async upsertWorkflow(workflow: {
    id: string;
    event: EventType;
    status?: 'active' | 'paused' | 'draft';
    filter?: string;
    version?: number;
  }): Promise<void> {
    const now = new Date().toISOString();
    const message: WorkflowLifecycleMessage = {
      kind: 'workflow.upserted',
      workflow: {
        id: workflow.id,
        name: workflow.id,
        status: workflow.status ?? 'active',
        trigger: {
          type: 'event',
          event: workflow.event,
          ...(workflow.filter === undefined ? {} : { filter: workflow.filter }),
        },
        steps: [{ id: 'log', type: 'log' }],
        version: workflow.version ?? 1,
        created_at: now,
        updated_at: now,
      },
    };
    await this.publisher.publish(workflowSubject(workflow.id), message);
  }

  async deleteWorkflow(id: string, version: number): Promise<void> {
    const message: WorkflowLifecycleMessage = {
      kind: 'workflow.deleted',
      workflow_id: id,
      version,
      deleted_at: new Date().toISOString(),
    };
    await this.publisher.publish(workflowSubject(id), message);
  }

  /** Every run request in the RUNS stream, validated, with its `Nats-Msg-Id`. */
  async runRequests(): Promise<{ subject: string; msgId: string | undefined; request: RunRequest }[]> {
    const jsm = await jetstreamManager(this.connection);
    const { state } = await jsm.streams.info(STREAMS.runs.name);
    if (state.messages === 0) return [];
    const consumer = await this.js.consumers.get(STREAMS.runs.name);
    const messages = await consumer.consume();
    const found: { subject: string; msgId: string | undefined; request: RunRequest }[] = [];
    for await (const msg of messages) {
      const checked = validateRunRequest(msg.json());
      if (!checked.ok) throw new Error(`invalid run request: ${JSON.stringify(checked.errors)}`);
      found.push({ subject: msg.subject, msgId: msg.headers?.get('Nats-Msg-Id'), request: checked.value });
      if (msg.info.pending === 0) break;
    }
    await messages.close();
    return found;
  }

  /** True once the gateway's consumer has nothing undelivered or unacknowledged. */
  async gatewayIdle(): Promise<boolean> {
    const jsm = await jetstreamManager(this.connection);
    const info = await jsm.consumers.info(STREAMS.events.name, durableName(SERVICE_NAME, EVENTS_PATTERN));
    return info.num_pending === 0 && info.num_ack_pending === 0;
  }

  async eventsStored(): Promise<number> {
    const jsm = await jetstreamManager(this.connection);
    return (await jsm.streams.info(STREAMS.events.name)).state.messages;
  }
}

export async function getJson(base: string, path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${path}`, { headers: AUTH });
  return { status: response.status, body: await response.json() };
}

export async function postJson(
  base: string,
  path: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
