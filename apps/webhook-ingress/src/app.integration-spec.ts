import { loadEnv } from '@triggerline/config';
import { bootstrapService } from '@triggerline/service';
import {
  createTestDatabase,
  expectEventually,
  freePort,
  describeServiceConformance,
  startNatsTestServer,
} from '@triggerline/testing';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

describeServiceConformance({
  name: SERVICE_NAME,
  builtMain,
  badVariable: { name: 'NATS_REPLICAS', value: '2', message: 'NATS_REPLICAS: must be 1, 3 or 5 (got "2")' },
  async startInProcess(env) {
    const loaded = loadEnv(ingressEnvSchema, { ...env });
    const app = await bootstrapService(AppModule.forRoot(loaded), {
      name: SERVICE_NAME,
      description: 'conformance',
      port: loaded.PORT,
      host: '127.0.0.1',
      docsUi: false,
    });
    return {
      base: `http://127.0.0.1:${loaded.PORT}`,
      dataSource: app.get(DataSource),
      close: () => app.close(),
    };
  },
});

describe('webhook-ingress logs', () => {
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
