import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataSourceOptions } from './data-source-options.js';

describe('dataSourceOptions', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'triggerline-options-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('runs migrations at start-up and never synchronizes unless asked', () => {
    expect(
      dataSourceOptions({ url: 'postgres://app@db:5432/runner', entities: [], migrations: [] }),
    ).toMatchObject({
      type: 'postgres',
      url: 'postgres://app@db:5432/runner',
      migrationsRun: true,
      synchronize: false,
      migrationsTableName: 'migrations',
    });
  });

  it('lets a test build the schema from the entities instead of migrating', () => {
    expect(
      dataSourceOptions({ url: 'postgres://app@db/x', entities: [], migrations: [], synchronize: true }),
    ).toMatchObject({ migrationsRun: false, synchronize: true });
  });

  it('opens SQLite in WAL mode with a busy timeout, creating the folder of the file', () => {
    const file = join(folder, 'nested', 'data', 'scheduler.sqlite');

    expect(dataSourceOptions({ url: `sqlite:${file}`, entities: [], migrations: [] })).toMatchObject({
      type: 'better-sqlite3',
      database: file,
      enableWAL: true,
      timeout: 5000,
      migrationsRun: true,
    });
    expect(existsSync(join(folder, 'nested', 'data'))).toBe(true);
  });

  it('refuses a URL of another database', () => {
    expect(() => dataSourceOptions({ url: 'mysql://db/x', entities: [], migrations: [] })).toThrow(
      'DATABASE_URL must be sqlite:<path> or a postgres:// URL, got "mysql://db/x"',
    );
  });
});
