import type { INestApplication } from '@nestjs/common';
import { loadEnv } from '@triggerline/config';
import { bootstrapService } from '@triggerline/service';
import {
  createTestDatabase,
  freePort,
  type NatsTestServer,
  startNatsTestServer,
  type TestDatabase,
  type TestDatabaseKind,
} from '@triggerline/testing';
import { AppModule, SERVICE_NAME } from '../src/app.module.js';
import { runnerEnvSchema } from '../src/env.schema.js';

export const API_KEY = 'runner-test-key-0123456789';

/** A runner in this process on its own NATS server and database, and an HTTP client for it. */
export interface RunnerHarness {
  app: INestApplication;
  nats: NatsTestServer;
  database: TestDatabase;
  call(
    path: string,
    init?: { method?: string; body?: unknown; key?: string | null; headers?: Record<string, string> },
  ): Promise<{ status: number; body: unknown }>;
  /** Closes the app; keeps NATS and the database for a restart. */
  stopApp(): Promise<void>;
  startApp(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startRunner(
  kind: TestDatabaseKind,
  extraEnv: Record<string, string> = {},
): Promise<RunnerHarness> {
  const nats = await startNatsTestServer();
  const database = await createTestDatabase(kind);
  const port = await freePort();
  const env = loadEnv(runnerEnvSchema, {
    NATS_URL: nats.url,
    DATABASE_URL: database.url,
    PORT: String(port),
    API_KEYS: API_KEY,
    LOG_LEVEL: 'silent',
    ...extraEnv,
  });
  const start = () =>
    bootstrapService(AppModule.forRoot(env), {
      name: SERVICE_NAME,
      description: 'test',
      port,
      host: '127.0.0.1',
      docsUi: false,
      jetstream: {
        concurrency: env.RUNNER_CONCURRENCY,
        maxDeliver: 1_000,
        backoff: { initialMs: 100, factor: 2, maxMs: 1_000 },
      },
    });
  const harness: RunnerHarness = {
    app: await start(),
    nats,
    database,
    async call(path, { method = 'GET', body, key = API_KEY, headers = {} } = {}) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    stopApp: () => harness.app.close(),
    async startApp() {
      harness.app = await start();
    },
    async dispose() {
      await harness.app.close();
      await nats.dispose();
      await database.drop();
    },
  };
  return harness;
}
