import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import { loadEnv } from '@triggerline/config';
import {
  type RunRequest,
  runRequestedSubject,
  STREAMS,
  type TriggerDefinition,
  type WorkflowDefinition,
  workflowSubject,
} from '@triggerline/contracts';
import { connectNats, JetStreamPublisher, provisionStreams } from '@triggerline/messaging';
import { bootstrapService } from '@triggerline/service';
import {
  createTestDatabase,
  expectEventually,
  freePort,
  type NatsTestServer,
  startNatsTestServer,
  type TestDatabaseKind,
  type TestDatabase,
} from '@triggerline/testing';
import { AppModule, SERVICE_NAME } from '../src/app.module.js';
import { ingressEnvSchema } from '../src/env.schema.js';

export const API_KEY = 'ingress-test-key-0123456789';

/** The ingress in this process on a private NATS server and a fresh database, driven over HTTP. */
export interface Ingress {
  base: string;
  app: INestApplication;
  nats: NatsTestServer;
  /** Upserts a workflow with this trigger on the WORKFLOWS stream, as the runner would. */
  publishWorkflow(
    id: string,
    trigger: TriggerDefinition,
    changes?: Partial<WorkflowDefinition>,
  ): Promise<void>;
  deleteWorkflow(id: string, version: number): Promise<void>;
  /** Waits for the workflow's webhook trigger to exist and returns it as the API shows it. */
  triggerOf(workflowId: string): Promise<TriggerView>;
  /** A management call with the API key. */
  api(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  /** The run requests stored on `runs.requested.<workflowId>`, oldest first. */
  runRequests(workflowId: string): Promise<RunRequest[]>;
  /** Deletes and recreates the RUNS stream: its duplicate-window memory goes, as after two minutes. */
  resetRunsStream(): Promise<void>;
  /** A second replica: its own HTTP port, the same NATS server and database. */
  startReplica(): Promise<{ base: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

export interface TriggerView {
  id: string;
  workflow_id: string;
  path: string;
  url: string;
  scheme: string;
  insecure: boolean;
  enabled: boolean;
  trigger_count: number;
  rejected_count: number;
  last_triggered_at: string | null;
  secret: string;
  previous_secrets: { expires_at: string }[];
}

export async function startIngress(
  kind: TestDatabaseKind,
  env: Record<string, string> = {},
): Promise<Ingress> {
  const nats = await startNatsTestServer();
  const database: TestDatabase = await createTestDatabase(kind);
  const port = await freePort();
  const boot = (onPort: number) => {
    const loaded = loadEnv(ingressEnvSchema, {
      NATS_URL: nats.url,
      DATABASE_URL: database.url,
      PORT: String(onPort),
      API_KEYS: API_KEY,
      LOG_LEVEL: 'silent',
      PUBLIC_BASE_URL: 'https://hooks.example.com/',
      ...env,
    });
    return bootstrapService(AppModule.forRoot(loaded), {
      name: SERVICE_NAME,
      description: 'test',
      port: onPort,
      host: '127.0.0.1',
      docsUi: false,
      bodyLimit: loaded.WEBHOOK_BODY_LIMIT_BYTES,
    });
  };
  const app = await boot(port);
  const nc: NatsConnection = await connectNats({ servers: nats.url, name: 'ingress-test' });
  const publisher = new JetStreamPublisher(jetstream(nc));
  const jsm: JetStreamManager = await jetstreamManager(nc);
  const base = `http://127.0.0.1:${port}`;
  const versions = new Map<string, number>();

  const api: Ingress['api'] = (path, init = {}) =>
    fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${API_KEY}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  return {
    base,
    app,
    nats,
    api,
    async publishWorkflow(id, trigger, changes = {}) {
      const version = (versions.get(id) ?? 0) + 1;
      versions.set(id, version);
      const workflow: WorkflowDefinition = {
        id,
        name: `workflow ${id}`,
        status: 'active',
        trigger,
        steps: [{ id: 'log', type: 'log', message: 'hooked' }],
        version,
        created_at: '2026-11-01T00:00:00.000Z',
        updated_at: '2026-11-01T00:00:00.000Z',
        ...changes,
      };
      await publisher.publish(workflowSubject(id), { kind: 'workflow.upserted', workflow });
    },
    async deleteWorkflow(id, version) {
      await publisher.publish(workflowSubject(id), {
        kind: 'workflow.deleted',
        workflow_id: id,
        version,
        deleted_at: new Date().toISOString(),
      });
    },
    async triggerOf(workflowId) {
      const id = await expectEventually(async () => {
        const response = await api(`/webhook-triggers?workflow_id=${workflowId}`);
        const list = (await response.json()) as TriggerView[];
        expect(list).toHaveLength(1);
        return list[0].id;
      });
      return (await (await api(`/webhook-triggers/${id}`)).json()) as TriggerView;
    },
    async runRequests(workflowId) {
      const subject = runRequestedSubject(workflowId);
      const info = await jsm.streams.info(STREAMS.runs.name, { subjects_filter: subject });
      const requests: RunRequest[] = [];
      if (!info.state.subjects?.[subject]) return requests;
      for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
        const message = await jsm.streams.getMessage(STREAMS.runs.name, { seq }).catch(() => null);
        if (message?.subject === subject) requests.push(message.json<RunRequest>());
      }
      return requests;
    },
    async resetRunsStream() {
      await jsm.streams.delete(STREAMS.runs.name);
      await provisionStreams(jsm, { replicas: 1 });
    },
    async startReplica() {
      const replicaPort = await freePort();
      const replica = await boot(replicaPort);
      return { base: `http://127.0.0.1:${replicaPort}`, close: () => replica.close() };
    },
    async close() {
      await app.close();
      await nc.close();
      await nats.dispose();
      await database.drop();
    },
  };
}
