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
import { jetstream } from '@nats-io/jetstream';
import { workflowSubject } from '@triggerline/contracts';
import { connectNats, JetStreamPublisher } from '@triggerline/messaging';
import { createHmac } from 'node:crypto';
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

  it('never logs a secret, a signature or a credential, even at trace level', async () => {
    const nats = await startNatsTestServer();
    const database = await createTestDatabase('sqlite');
    const port = await freePort();
    const apiKey = 'ingress-process-key-0123456789';
    const child = spawn('node', [builtMain], {
      env: {
        ...process.env,
        NATS_URL: nats.url,
        DATABASE_URL: database.url,
        PORT: String(port),
        API_KEYS: apiKey,
        LOG_LEVEL: 'trace',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const nc = await connectNats({ servers: nats.url, name: 'log-check' });
    try {
      const base = `http://127.0.0.1:${port}`;
      const auth = { authorization: `Bearer ${apiKey}` };
      await expectEventually(async () => expect((await fetch(`${base}/health`)).status).toBe(200), {
        timeoutMs: 30_000,
        intervalMs: 100,
      });
      await new JetStreamPublisher(jetstream(nc)).publish(workflowSubject('wf_logs'), {
        kind: 'workflow.upserted',
        workflow: {
          id: 'wf_logs',
          name: 'logs',
          status: 'active',
          trigger: { type: 'webhook', scheme: 'hmac-sha256' },
          steps: [{ id: 'log', type: 'log' }],
          version: 1,
          created_at: '2026-11-01T00:00:00.000Z',
          updated_at: '2026-11-01T00:00:00.000Z',
        },
      });
      const { id } = await expectEventually(async () => {
        const [listed] = (await (await fetch(`${base}/webhook-triggers`, { headers: auth })).json()) as {
          id: string;
        }[];
        expect(listed).toBeDefined();
        return listed;
      });
      const shown = (await (await fetch(`${base}/webhook-triggers/${id}`, { headers: auth })).json()) as {
        path: string;
        secret: string;
      };
      const body = '{"order":1}';
      const signature = createHmac('sha256', shown.secret).update(body).digest('hex');
      const delivered = await fetch(`${base}${shown.path}`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-signature': `sha256=${signature}`,
          authorization: 'Bearer partner-token-0123456789',
          cookie: 'session=cookie-0123456789',
        },
      });
      expect(delivered.status).toBe(202);
      const rotated = (await (
        await fetch(`${base}/webhook-triggers/${id}/regenerate-secret`, { method: 'POST', headers: auth })
      ).json()) as { secret: string };

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain(id);
      for (const secret of [
        shown.secret,
        rotated.secret,
        signature,
        'partner-token',
        'cookie-0123',
        apiKey,
      ]) {
        expect(output).not.toContain(secret);
      }
    } finally {
      child.kill('SIGKILL');
      await nc.close();
      await nats.dispose();
      await database.drop();
    }
  }, 60_000);
});
