import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUniqueViolation } from '@triggerline/persistence';
import { NotFoundError } from '@triggerline/service';
import {
  Between,
  type FindOptionsWhere,
  IsNull,
  LessThan,
  LessThanOrEqual,
  MoreThanOrEqual,
  type Repository,
} from 'typeorm';
import { EventRecordEntity, type NewEventRecord } from './event-record.entity.js';
import {
  type EventDetailView,
  type EventPageView,
  toEventDetailView,
  toEventRecordView,
} from './event-record.view.js';
import type { HistoryQuery } from './history-query.js';

/** The event history table: written by the ingest path, read by the history API. */
@Injectable()
export class EventHistoryService {
  constructor(@InjectRepository(EventRecordEntity) private readonly records: Repository<EventRecordEntity>) {}

  /**
   * Inserts the event's row, or returns the row already there for its id: the unique key, not a
   * look-up first, decides which delivery of an event is the first.
   */
  async record(record: NewEventRecord): Promise<{ created: boolean; record: EventRecordEntity }> {
    const row = this.records.create({ ...record, runsRequestedAt: null });
    try {
      await this.records.insert(row);
      return { created: true, record: row };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return { created: false, record: await this.records.findOneByOrFail({ eventId: record.eventId }) };
    }
  }

  async markRunsRequested(eventId: string, at: Date): Promise<void> {
    await this.records.update({ eventId, runsRequestedAt: IsNull() }, { runsRequestedAt: at });
  }

  /** Newest first, in arrival order. */
  async list(query: HistoryQuery): Promise<EventPageView> {
    // TypeORM refuses an undefined value in `where`: only the filters given are set.
    const where: FindOptionsWhere<EventRecordEntity> = {};
    if (query.type !== undefined) where.type = query.type;
    if (query.customerId !== undefined) where.customerId = query.customerId;
    if (query.status !== undefined) where.status = query.status;
    const time = timeRange(query.from, query.to);
    if (time) where.time = time;
    if (query.before !== undefined) where.seq = LessThan(query.before);
    const rows = await this.records.find({ where, order: { seq: 'DESC' }, take: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(toEventRecordView),
      next_cursor: rows.length > query.limit ? String(page[page.length - 1].seq) : null,
    };
  }

  async get(eventId: string): Promise<EventDetailView> {
    const record = await this.records.findOneBy({ eventId });
    if (!record) throw new NotFoundError('event', eventId);
    return toEventDetailView(record);
  }
}

function timeRange(from?: Date, to?: Date) {
  if (from && to) return Between(from, to);
  if (from) return MoreThanOrEqual(from);
  if (to) return LessThanOrEqual(to);
  return undefined;
}
