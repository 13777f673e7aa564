import type { INestApplication } from '@nestjs/common';
import { loadEnv } from '@triggerline/config';
import { bootstrapService } from '@triggerline/service';
import { freePort } from '@triggerline/testing';
import { AppModule, SERVICE_NAME } from '../src/app.module.js';
import { schedulerEnvSchema } from '../src/env.schema.js';

export const TEST_API_KEY = 'scheduler-test-key-0123456789';

export interface RunningScheduler {
  app: INestApplication;
  base: string;
  /** Calls the API with the test key. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

/** One scheduler in this process, as main.ts starts it (JetStream handlers included). */
export async function startScheduler(
  natsUrl: string,
  databaseUrl: string,
  leaseTtlMs = 2_000,
): Promise<RunningScheduler> {
  const port = await freePort();
  const env = loadEnv(schedulerEnvSchema, {
    NATS_URL: natsUrl,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    API_KEYS: TEST_API_KEY,
    LOG_LEVEL: 'silent',
    LEADER_LEASE_TTL_MS: String(leaseTtlMs),
  });
  const app = await bootstrapService(AppModule.forRoot(env), {
    name: SERVICE_NAME,
    description: 'test',
    port,
    host: '127.0.0.1',
    docsUi: false,
    jetstream: {},
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    app,
    base,
    api: async (method, path, body) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${TEST_API_KEY}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
  };
}
