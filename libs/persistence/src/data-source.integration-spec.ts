import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '@triggerline/testing';
import { DataSource } from 'typeorm';
import { CreateWidgets1767225600000, Widget } from '../test/widget.fixture.js';
import { dataSourceOptions } from './data-source-options.js';
import { openDataSource } from './open-data-source.js';
import { isUniqueViolation } from './unique-violation.js';

describe.each(TEST_DATABASE_KINDS)('a data source on %s', (kind) => {
  let database: TestDatabase;
  const open = () =>
    new DataSource(
      dataSourceOptions({ url: database.url, entities: [Widget], migrations: [CreateWidgets1767225600000] }),
    );

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it('runs pending migrations at start-up, once', async () => {
    const first = await open().initialize();
    expect(await first.query('SELECT name FROM migrations')).toEqual([
      { name: 'CreateWidgets1767225600000' },
    ]);
    expect(await first.createQueryRunner().hasTable('widgets')).toBe(true);
    await first.destroy();

    const second = await open().initialize();
    expect(await second.showMigrations()).toBe(false);
    expect(await second.query('SELECT name FROM migrations')).toHaveLength(1);
    await second.destroy();
  });

  it('lets replicas that start together migrate one at a time', async () => {
    const fresh = await createTestDatabase(kind);
    const starting = Array.from({ length: kind === 'postgres' ? 4 : 1 }, () =>
      openDataSource(
        dataSourceOptions({ url: fresh.url, entities: [Widget], migrations: [CreateWidgets1767225600000] }),
      ),
    );
    const replicas = await Promise.all(starting);
    expect(await replicas[0].query('SELECT name FROM migrations')).toEqual([
      { name: 'CreateWidgets1767225600000' },
    ]);
    for (const replica of replicas) await replica.destroy();
    await fresh.drop();
  });

  it('turns a duplicate key into a unique violation and nothing else into one', async () => {
    const dataSource = await open().initialize();
    const widgets = dataSource.getRepository(Widget);
    await widgets.insert({ id: 'w1', idempotencyKey: 'evt:1:wf' });

    const duplicate = await widgets
      .insert({ id: 'w2', idempotencyKey: 'evt:1:wf' })
      .catch((error: unknown) => error);
    const samePrimaryKey = await widgets
      .insert({ id: 'w1', idempotencyKey: 'evt:2:wf' })
      .catch((error: unknown) => error);
    const otherFailure = await dataSource
      .query('SELECT * FROM no_such_table')
      .catch((error: unknown) => error);

    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isUniqueViolation(samePrimaryKey)).toBe(true);
    expect(isUniqueViolation(otherFailure)).toBe(false);
    expect(await widgets.count()).toBe(1);
    await dataSource.destroy();
  });

  it('reverts a migration with its down step', async () => {
    const dataSource = await open().initialize();
    await dataSource.undoLastMigration();
    expect(await dataSource.createQueryRunner().hasTable('widgets')).toBe(false);
    expect(await dataSource.query('SELECT name FROM migrations')).toEqual([]);
    await dataSource.destroy();
  });

  if (kind === 'sqlite') {
    it('keeps the SQLite file in WAL mode, waits for locks and enforces foreign keys', async () => {
      const dataSource = await open().initialize();
      expect(await dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await dataSource.query('PRAGMA busy_timeout')).toEqual([{ timeout: 5000 }]);
      expect(await dataSource.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      await dataSource.destroy();
    });
  }
});
