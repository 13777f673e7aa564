import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { parseDatabaseUrl } from './database-url.js';

export interface DataSourceSettings {
  /** `DATABASE_URL`. */
  url: string;
  entities: NonNullable<DataSourceOptions['entities']>;
  /** Migration classes, oldest first. */
  migrations: NonNullable<DataSourceOptions['migrations']>;
  /** Only tests: build the schema from the entities instead of running migrations. */
  synchronize?: boolean;
  logging?: boolean;
}

/** Waits this long for a lock held by another replica before failing a write. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * TypeORM options for a service database: SQLite (WAL, so readers never wait for the writer)
 * unless the URL says PostgreSQL. Migrations run when the data source initializes.
 */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  const location = parseDatabaseUrl(settings.url);
  const common = {
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: 'migrations',
    synchronize: settings.synchronize ?? false,
    migrationsRun: !(settings.synchronize ?? false),
    logging: settings.logging ?? false,
  };
  if (location.kind === 'postgres') {
    return { ...common, type: 'postgres', url: location.url, poolSize: 10 };
  }
  if (location.path !== ':memory:') mkdirSync(dirname(location.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: location.path,
    enableWAL: true,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
  };
}
