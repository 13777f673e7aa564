import { connect } from '@nats-io/transport-node';
import Sqlite from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { expectEventually } from './expect-eventually.js';
import { startNatsTestServer } from './nats-test-server.js';
import { createTestDatabase, testPostgresUrl } from './test-database.js';

describe('createTestDatabase', () => {
  it('gives a PostgreSQL suite an empty database of its own and drops it after', async () => {
    const database = await createTestDatabase('postgres');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query(
      "SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = 'public'",
    );
    await client.end();
    expect(rows).toEqual([{ tables: 0 }]);

    await database.drop();

    const admin = new pg.Client({ connectionString: testPostgresUrl() });
    await admin.connect();
    const name = new URL(database.url).pathname.slice(1);
    const left = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    await admin.end();
    expect(left.rowCount).toBe(0);
  });

  it('gives a SQLite suite an empty file in a fresh folder and removes the folder after', async () => {
    const database = await createTestDatabase('sqlite');
    const other = await createTestDatabase('sqlite');
    const path = database.url.slice('sqlite:'.length);
    expect(database.url).toMatch(/^sqlite:\/.+\/test\.sqlite$/);
    expect(dirname(path)).not.toBe(dirname(other.url.slice('sqlite:'.length)));

    const sqlite = new Sqlite(path);
    expect(sqlite.prepare('SELECT count(*) AS tables FROM sqlite_master').get()).toEqual({ tables: 0 });
    sqlite.exec('CREATE TABLE probe (id INTEGER PRIMARY KEY)');
    sqlite.close();

    await database.drop();
    await other.drop();
    expect(existsSync(dirname(path))).toBe(false);
  });
});

describe('expectEventually', () => {
  it('returns once the assertion passes', async () => {
    const readyAt = Date.now() + 150;
    await expect(
      expectEventually(() => (Date.now() >= readyAt ? 'ready' : Promise.reject(new Error('not yet')))),
    ).resolves.toBe('ready');
  });

  it('rethrows the last failure after the timeout', async () => {
    let attempts = 0;
    const outcome = await expectEventually(
      () => {
        attempts++;
        throw new Error(`attempt ${attempts} failed`);
      },
      { timeoutMs: 100, intervalMs: 20 },
    ).catch((error: Error) => error.message);

    expect(attempts).toBeGreaterThan(2);
    expect(outcome).toBe(`attempt ${attempts} failed`);
  });
});

describe('startNatsTestServer', () => {
  it('runs a private JetStream server that can stop and start again on the same port', async () => {
    const server = await startNatsTestServer();
    try {
      const first = await connect({ servers: server.url });
      expect(first.info?.jetstream).toBe(true);
      await first.close();

      await server.stop();
      await expect(connect({ servers: server.url, reconnect: false, timeout: 500 })).rejects.toThrow();

      await server.start();
      const again = await connect({ servers: server.url });
      expect(again.info?.port).toBe(server.port);
      await again.close();
    } finally {
      await server.dispose();
    }
  });
});
