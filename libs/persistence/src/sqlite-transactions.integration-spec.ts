import { createTestDatabase, type TestDatabase } from '@triggerline/testing';
import type { DataSource } from 'typeorm';
import { CreateWidgets1767225600000, Widget } from '../test/widget.fixture.js';
import { dataSourceOptions } from './data-source-options.js';
import { openDataSource } from './open-data-source.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('transactions on SQLite (one connection for the whole data source)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    dataSource = await openDataSource(
      dataSourceOptions({ url: database.url, entities: [Widget], migrations: [CreateWidgets1767225600000] }),
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('keeps concurrent transactions and the statements between them apart', async () => {
    const widgets = dataSource.getRepository(Widget);
    const work = Array.from({ length: 20 }, (_, i) => [
      // Committed: two rows written across awaits, as a run's step bookkeeping does.
      dataSource.transaction(async (manager) => {
        await manager.insert(Widget, { id: `c${i}a`, idempotencyKey: `c${i}a` });
        await tick();
        await manager.insert(Widget, { id: `c${i}b`, idempotencyKey: `c${i}b` });
      }),
      // Rolled back: its row must go, and nobody else's with it.
      widgets.manager
        .transaction(async (manager) => {
          await manager.insert(Widget, { id: `r${i}`, idempotencyKey: `r${i}` });
          await tick();
          throw new Error('roll back');
        })
        .catch((error: Error) => error.message),
      // Outside any transaction: must not join (and die with) somebody else's.
      widgets.insert({ id: `p${i}`, idempotencyKey: `p${i}` }),
      // `save` opens a transaction of its own, here around three inserts.
      tick().then(() =>
        widgets.save([0, 1, 2].map((n) => ({ id: `s${i}-${n}`, idempotencyKey: `s${i}-${n}` }))),
      ),
    ]);

    const outcomes = await Promise.allSettled(work.flat());

    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const ids = (await widgets.find()).map((w) => w.id).sort();
    const expected = Array.from({ length: 20 }, (_, i) => [
      `c${i}a`,
      `c${i}b`,
      `p${i}`,
      `s${i}-0`,
      `s${i}-1`,
      `s${i}-2`,
    ]).flat();
    expect(ids).toEqual(expected.sort());
  });
});
