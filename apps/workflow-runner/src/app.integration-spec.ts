import type { INestApplication } from '@nestjs/common';
import { loadEnv } from '@triggerline/config';
import { bootstrapService } from '@triggerline/service';
import {
  createTestDatabase,
  freePort,
  type NatsTestServer,
  startNatsTestServer,
  TEST_DATABASE_KINDS,
  type TestDatabase,
} from '@triggerline/testing';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { AppModule, SERVICE_NAME } from './app.module.js';
import { runnerEnvSchema } from './env.schema.js';

const builtMain = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../dist/apps/workflow-runner/apps/workflow-runner/src/main.js',
);

describe.each(TEST_DATABASE_KINDS)('workflow-runner on %s', (kind) => {
  let nats: NatsTestServer;
  let database: TestDatabase;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    nats = await startNatsTestServer();
    database = await createTestDatabase(kind);
    const port = await freePort();
    const env = loadEnv(runnerEnvSchema, {
      NATS_URL: nats.url,
      DATABASE_URL: database.url,
      PORT: String(port),
      API_KEYS: 'runner-test-key-0123456789',
      LOG_LEVEL: 'silent',
    });
    app = await bootstrapService(AppModule.forRoot(env), {
      name: SERVICE_NAME,
      description: 'test',
      port,
      host: '127.0.0.1',
    });
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await app.close();
    await nats.dispose();
    await database.drop();
  });

  it('reports itself ready with NATS and its database up', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      info: { nats: { status: 'up' }, database: { status: 'up' } },
    });
  });

  it('has migrations that build exactly the schema its entities describe', async () => {
    const pending = await app.get(DataSource).driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});

describe('workflow-runner start-up', () => {
  it('stops with a message naming a bad variable', async () => {
    const failure = await promisify(execFile)('node', [builtMain], {
      env: { ...process.env, NATS_REPLICAS: '2' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('NATS_REPLICAS: must be 1, 3 or 5 (got "2")'),
    });
  });
});
