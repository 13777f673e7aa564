import { DataSource, type DataSourceOptions } from 'typeorm';
import { serializeSqliteTransactions } from './sqlite-transactions.js';

/** Any fixed number: every replica of every service asks PostgreSQL for the same lock. */
const MIGRATION_LOCK_KEY = 7_317_291;

/**
 * Connects (on SQLite with transactions taking turns on the one connection) and runs pending
 * migrations (when the options ask for them) one replica at a time.
 * TypeORM takes no lock of its own, so replicas starting together on one PostgreSQL database
 * would create the same tables at once and all but one would fail.
 */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  serializeSqliteTransactions(dataSource);
  if (!options.migrationsRun) return dataSource;
  try {
    await withMigrationLock(dataSource, () => dataSource.runMigrations({ transaction: 'all' }));
    return dataSource;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

async function withMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  // SQLite is one replica's file; its own write lock is enough.
  if (dataSource.options.type !== 'postgres') return work();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.release();
  }
}
