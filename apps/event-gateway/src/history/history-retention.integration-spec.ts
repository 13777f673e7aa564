import { loadEnv } from '@triggerline/config';
import { dataSourceOptions } from '@triggerline/persistence';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '@triggerline/testing';
import { DataSource } from 'typeorm';
import { gatewayEnvSchema } from '../env.schema.js';
import { GATEWAY_MIGRATIONS } from '../migrations/index.js';
import { EventRecordEntity, type NewEventRecord } from './event-record.entity.js';
import { HistoryRetention } from './history-retention.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(TEST_DATABASE_KINDS)('history retention on %s', (kind) => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dataSource = new DataSource(
      dataSourceOptions({ url: database.url, entities: [EventRecordEntity], migrations: GATEWAY_MIGRATIONS }),
    );
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('deletes rows older than the age limit, then the oldest beyond the count limit', async () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const records = dataSource.getRepository(EventRecordEntity);
    const row = (id: string, ageDays: number): NewEventRecord => {
      const at = new Date(now.getTime() - ageDays * DAY_MS);
      return {
        eventId: id,
        type: 'invoice.created',
        source: '/billing',
        customerId: null,
        time: at,
        receivedAt: at,
        status: 'accepted',
        payload: {},
        errors: null,
        workflowIds: [],
        chainDepth: null,
      };
    };
    // Arrival order: the two old rows first, then five recent ones.
    for (const [id, age] of [
      ['old-1', 40],
      ['old-2', 31],
      ['new-1', 5],
      ['new-2', 4],
      ['new-3', 3],
      ['new-4', 2],
      ['new-5', 1],
    ] as const) {
      await records.insert(row(id, age));
    }
    const env = loadEnv(gatewayEnvSchema, { EVENT_HISTORY_MAX_AGE_DAYS: '30', EVENT_HISTORY_MAX_COUNT: '3' });

    expect(await new HistoryRetention(records, env).prune(now)).toBe(4);

    const left = await records.find({ order: { seq: 'ASC' } });
    expect(left.map((record) => record.eventId)).toEqual(['new-3', 'new-4', 'new-5']);
  });
});
