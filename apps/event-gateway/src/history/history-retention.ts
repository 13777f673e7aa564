import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, LessThanOrEqual, type Repository } from 'typeorm';
import { GATEWAY_ENV, type GatewayEnv } from '../env.schema.js';
import { EventRecordEntity } from './event-record.entity.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps the history within EVENT_HISTORY_MAX_AGE_DAYS and EVENT_HISTORY_MAX_COUNT. Every replica
 * prunes on its own timer: two deleting the same rows at once is harmless.
 */
@Injectable()
export class HistoryRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HistoryRetention.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(EventRecordEntity) private readonly records: Repository<EventRecordEntity>,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.prune().catch((error: unknown) => this.logger.error(`retention failed: ${String(error)}`));
    }, this.env.EVENT_HISTORY_PRUNE_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes rows past the age limit, then the oldest beyond the count limit; returns how many. */
  async prune(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.env.EVENT_HISTORY_MAX_AGE_DAYS * DAY_MS);
    const byAge = await this.records.delete({ receivedAt: LessThan(cutoff) });
    const [newestDropped] = await this.records.find({
      select: { seq: true },
      order: { seq: 'DESC' },
      skip: this.env.EVENT_HISTORY_MAX_COUNT,
      take: 1,
    });
    const byCount = newestDropped
      ? await this.records.delete({ seq: LessThanOrEqual(newestDropped.seq) })
      : undefined;
    const deleted = (byAge.affected ?? 0) + (byCount?.affected ?? 0);
    if (deleted > 0) this.logger.log(`retention deleted ${deleted} history rows`);
    return deleted;
  }
}
