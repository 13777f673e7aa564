import type { INestApplication } from '@nestjs/common';
import { loadEnv } from '@triggerline/config';
import { bootstrapService } from '@triggerline/service';
import {
  createTestDatabase,
  expectEventually,
  freePort,
  type NatsTestServer,
  startNatsTestServer,
  TEST_DATABASE_KINDS,
  type TestDatabase,
} from '@triggerline/testing';
import { execFile, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { AppModule, SERVICE_NAME } from './app.module.js';
import { ingressEnvSchema } from './env.schema.js';

const builtMain = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../dist/apps/webhook-ingress/apps/webhook-ingress/src/main.js',
);

describe.each(TEST_DATABASE_KINDS)('webhook-ingress on %s', (kind) => {
  let nats: NatsTestServer;
  let database: TestDatabase;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    nats = await startNatsTestServer();
    database = await createTestDatabase(kind);
    const port = await freePort();
    const env = loadEnv(ingressEnvSchema, {
      NATS_URL: nats.url,
      DATABASE_URL: database.url,
      PORT: String(port),
      API_KEYS: 'ingress-test-key-0123456789',
      LOG_LEVEL: 'silent',
    });
    app = await bootstrapService(AppModule.forRoot(env), {
      name: SERVICE_NAME,
      description: 'test',
      port,
      host: '127.0.0.1',
      docsUi: false,
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

describe('webhook-ingress as a process', () => {
  it('stops with a message naming a bad variable', async () => {
    const failure = await promisify(execFile)('node', [builtMain], {
      env: { ...process.env, NATS_REPLICAS: '2' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('NATS_REPLICAS: must be 1, 3 or 5 (got "2")'),
    });
  });

  it('serves its API docs and exits cleanly on SIGTERM', async () => {
    const nats = await startNatsTestServer();
    const database = await createTestDatabase('sqlite');
    const port = await freePort();
    const child = spawn('node', [builtMain], {
      env: {
        ...process.env,
        NATS_URL: nats.url,
        DATABASE_URL: database.url,
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // Kept so a failure shows why the process ended as it did.
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      // Generous: the machine is shared, and a cold start loads every module.
      const docs = await expectEventually(
        async () => {
          const response = await fetch(`http://127.0.0.1:${port}/docs`);
          expect(response.status).toBe(200);
          return response.text();
        },
        { timeoutMs: 30_000, intervalMs: 100 },
      );
      expect(docs).toContain('swagger-ui');

      child.kill('SIGTERM');
      expect({ exitCode: await exited, stderr }).toMatchObject({ exitCode: 0 });
    } finally {
      child.kill('SIGKILL');
      await nats.dispose();
      await database.drop();
    }
  }, 60_000);
});
