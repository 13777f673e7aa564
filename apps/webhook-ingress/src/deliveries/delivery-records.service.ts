import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { INGRESS_ENV, type IngressEnv } from '../env.schema.js';
import { DeliveryRecordEntity } from './delivery-record.entity.js';

export type DeliveryRecord = Omit<DeliveryRecordEntity, 'id' | 'body' | 'bodyTruncated'> & {
  rawBody: Buffer;
};

const PRUNE_EVERY_MS = 10 * 60 * 1000;

/**
 * Keeps a record of every request to a known webhook path, for inspection. Written after the
 * answer (the sender is not kept waiting for it); records older than the retention are pruned.
 */
@Injectable()
export class DeliveryRecordsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DeliveryRecords');
  private readonly pending = new Set<Promise<void>>();
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(DeliveryRecordEntity) private readonly records: Repository<DeliveryRecordEntity>,
    @Inject(INGRESS_ENV) private readonly env: IngressEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.pruneTimer = setInterval(() => this.inBackground(this.prune()), PRUNE_EVERY_MS).unref();
  }

  /** Stores the record without making the caller wait; a failure is logged, never thrown. */
  record({ rawBody, ...record }: DeliveryRecord): void {
    const limit = this.env.DELIVERY_BODY_RECORD_BYTES;
    this.inBackground(
      this.records
        .insert({
          ...record,
          body: rawBody.subarray(0, limit).toString('utf8'),
          bodyTruncated: rawBody.length > limit,
        })
        .then(() => undefined),
    );
  }

  list(triggerId: string, limit: number): Promise<DeliveryRecordEntity[]> {
    return this.records.find({ where: { triggerId }, order: { receivedAt: 'DESC' }, take: limit });
  }

  async prune(now = new Date()): Promise<void> {
    const before = new Date(now.getTime() - this.env.DELIVERY_RETENTION_HOURS * 3_600_000);
    await this.records.delete({ receivedAt: LessThan(before) });
  }

  /** Work started after an answer: tracked so shutdown waits for it before the database closes. */
  inBackground(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) =>
      this.logger.error(`delivery bookkeeping failed: ${(error as Error).message}`),
    );
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.pruneTimer);
    await Promise.all(this.pending);
  }
}
