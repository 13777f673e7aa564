import {
  createTestDatabase,
  expectEventually,
  freePort,
  type NatsTestServer,
  startNatsTestServer,
  type TestDatabase,
} from '@triggerline/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RunnerProcess } from '../test/runner-process.js';

describe('a runner killed with kill -9 during a durable delay', () => {
  let nats: NatsTestServer;
  let database: TestDatabase;
  let endpoint: Server;
  const calls: string[] = [];

  beforeAll(async () => {
    nats = await startNatsTestServer();
    database = await createTestDatabase('sqlite');
    endpoint = createServer((req, res) => {
      calls.push(req.url ?? '');
      res.end('ok');
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => endpoint.close(resolve));
    await nats.dispose();
    await database.drop();
  });

  it('finishes the execution once after a restart, without running its first step again', async () => {
    const port = await freePort();
    const apiKey = 'crash-test-key-0123456789';
    const runner = new RunnerProcess({
      NATS_URL: nats.url,
      DATABASE_URL: database.url,
      PORT: String(port),
      API_KEYS: apiKey,
      LOG_LEVEL: 'warn',
    });
    const call = async (path: string, body?: unknown) => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response.json() as Promise<Record<string, unknown>>;
    };
    const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`;
    await runner.start();
    try {
      const workflow = await call('/workflows', {
        name: 'crash',
        status: 'active',
        trigger: { type: 'manual' },
        steps: [
          { id: 'before', type: 'http_request', url: `${url}/before` },
          { id: 'wait', type: 'delay', seconds: 5 },
          { id: 'after', type: 'http_request', url: `${url}/after` },
        ],
      });
      const { execution_id: executionId } = await call(`/workflows/${String(workflow.id)}/run`, {});
      await expectEventually(async () =>
        expect((await call(`/executions/${String(executionId)}`)).status).toBe('waiting'),
      );

      await runner.kill();
      await runner.start();

      const execution = await expectEventually(
        async () => {
          const view = await call(`/executions/${String(executionId)}`);
          expect(view.status).toBe('succeeded');
          return view;
        },
        { timeoutMs: 30_000 },
      );
      expect(calls).toEqual(['/before', '/after']);
      expect((execution.steps as { id: string; attempts: number }[]).map((s) => [s.id, s.attempts])).toEqual([
        ['before', 1],
        ['wait', 1],
        ['after', 1],
      ]);
    } finally {
      await runner.kill();
    }
  }, 60_000);
});
