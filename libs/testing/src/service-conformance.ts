import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { expectEventually } from './expect-eventually.js';
import { freePort, startNatsTestServer } from './nats-test-server.js';
import { createTestDatabase, TEST_DATABASE_KINDS } from './test-database.js';

/** The environment a conformance check starts a service with. */
export interface ConformanceEnv {
  NATS_URL: string;
  DATABASE_URL: string;
  PORT: string;
  API_KEYS: string;
  LOG_LEVEL: string;
}

export interface StartedService {
  base: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

export interface ServiceUnderTest {
  name: string;
  /** The built entry point, `dist/apps/<name>/apps/<name>/src/main.js`. */
  builtMain: string;
  /** Starts the service in this process (docs UI off): its URL and data source. */
  startInProcess(env: ConformanceEnv): Promise<StartedService>;
  /** A variable of the service's own, set wrong, and the message that must name it. */
  badVariable: { name: string; value: string; message: string };
}

/**
 * What every Triggerline service must do, checked the same way for each: ready with NATS and its
 * database up on SQLite and PostgreSQL; migrations that build exactly its entities' schema; a
 * start-up that stops naming a bad variable; API docs; a clean exit on SIGTERM.
 */
export function describeServiceConformance(service: ServiceUnderTest): void {
  describe.each(TEST_DATABASE_KINDS)(`${service.name} on %s`, (kind) => {
    const cleanups: (() => Promise<void>)[] = [];
    let started: StartedService;

    beforeAll(async () => {
      const nats = await startNatsTestServer();
      const database = await createTestDatabase(kind);
      const port = await freePort();
      started = await service.startInProcess({
        NATS_URL: nats.url,
        DATABASE_URL: database.url,
        PORT: String(port),
        API_KEYS: 'conformance-key-0123456789',
        LOG_LEVEL: 'silent',
      });
      cleanups.push(
        () => started.close(),
        () => nats.dispose(),
        () => database.drop(),
      );
    });
    afterAll(async () => {
      for (const cleanup of cleanups) await cleanup();
    });

    it('reports itself ready with NATS and its database up', async () => {
      const response = await fetch(`${started.base}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        status: 'ok',
        info: { nats: { status: 'up' }, database: { status: 'up' } },
      });
    });

    it('has migrations that build exactly the schema its entities describe', async () => {
      const pending = await started.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    });
  });

  describe(`${service.name} as a process`, () => {
    it('stops with a message naming a bad variable', async () => {
      const { name, value, message } = service.badVariable;
      const failure = await promisify(execFile)('node', [service.builtMain], {
        env: { ...process.env, [name]: value },
      }).catch((error: { code: number; stderr: string }) => error);
      expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining(message) });
    });

    it('serves its API docs and exits cleanly on SIGTERM', async () => {
      const nats = await startNatsTestServer();
      const database = await createTestDatabase('sqlite');
      const port = await freePort();
      const child = spawn('node', [service.builtMain], {
        env: {
          ...process.env,
          NATS_URL: nats.url,
          DATABASE_URL: database.url,
          PORT: String(port),
          LOG_LEVEL: 'warn',
        },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      try {
        const docs = await expectEventually(
          async () => {
            const response = await fetch(`http://127.0.0.1:${port}/docs`);
            expect(response.status).toBe(200);
            return response.text();
          },
          { timeoutMs: 30_000 },
        );
        expect(docs).toContain('swagger-ui');
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      } finally {
        child.kill('SIGKILL');
        await nats.dispose();
        await database.drop();
      }
    });
  });
}
