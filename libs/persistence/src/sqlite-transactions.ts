import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';

interface OpenTransaction {
  owner: symbol;
  finished: Promise<void>;
}

/** The EntityManager methods that open a transaction: `transaction`, and persisting (save, remove...). */
const TRANSACTIONAL = ['transaction', 'save', 'remove', 'softRemove', 'recover'] as const;

type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * TypeORM's better-sqlite3 driver runs every query of the data source on one connection, so two
 * transactions in flight at once (explicit, or the one `save` opens) interleave their BEGIN,
 * SAVEPOINT and COMMIT ("cannot start a transaction within a transaction") and each one's
 * statements land in the other's. This makes them take turns, and holds any other statement
 * until the open transaction has ended, as separate connections would. PostgreSQL needs none of it.
 */
export function serializeSqliteTransactions(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const context = new AsyncLocalStorage<symbol>();
  let open: OpenTransaction | undefined;
  let turn: Promise<unknown> = Promise.resolve();
  const ownsOpen = () => open !== undefined && context.getStore() === open.owner;

  const shared: QueryRunner = dataSource.createQueryRunner();
  const query = shared.query.bind(shared) as AnyMethod;
  (shared as unknown as { query: AnyMethod }).query = async (...args) => {
    while (open && !ownsOpen()) await open.finished;
    return query(...args);
  };

  const exclusive = (work: AnyMethod): AnyMethod => {
    return (...args) => {
      if (ownsOpen()) return work(...args);
      const run = turn.then(async () => {
        let finish!: () => void;
        const owner = Symbol('sqlite transaction');
        open = { owner, finished: new Promise<void>((resolve) => (finish = resolve)) };
        try {
          return await context.run(owner, () => work(...args));
        } finally {
          open = undefined;
          finish();
        }
      });
      turn = run.catch(() => undefined);
      return run;
    };
  };
  const manager = dataSource.manager as unknown as Record<(typeof TRANSACTIONAL)[number], AnyMethod>;
  for (const method of TRANSACTIONAL) manager[method] = exclusive(manager[method].bind(manager));
}
