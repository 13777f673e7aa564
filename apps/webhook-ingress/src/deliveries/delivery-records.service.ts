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
import { Batcher } from './batcher.js';
import { DeliveryRecordEntity } from './delivery-record.entity.js';

export type DeliveryRecord = Omit<DeliveryRecordEntity, 'id' | 'body' | 'bodyTruncated'> & {
  rawBody: Buffer;
};

const PRUNE_EVERY_MS = 10 * 60 * 1000;

/**
 * A record of every request to a known webhook path, for inspection: written in batches after
 * the answer (the sender never waits for it), pruned after the retention.
 */
@Injectable()
export class DeliveryRecordsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DeliveryRecords');
  private readonly batcher: Batcher<Omit<DeliveryRecordEntity, 'id'>>;
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(DeliveryRecordEntity) private readonly records: Repository<DeliveryRecordEntity>,
    @Inject(INGRESS_ENV) private readonly env: IngressEnv,
  ) {
    // 100 rows of 12 columns stay well inside SQLite's and PostgreSQL's bound-parameter limits.
    this.batcher = new Batcher({
      name: 'DeliveryRecords',
      everyMs: 200,
      maxItems: 100,
      write: async (batch) => void (await this.records.insert(batch)),
    });
  }

  onApplicationBootstrap(): void {
    this.pruneTimer = setInterval(
      () => this.prune().catch((error: Error) => this.logger.error(`pruning failed: ${error.message}`)),
      PRUNE_EVERY_MS,
    ).unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.pruneTimer);
    await this.batcher.close();
  }

  record({ rawBody, ...record }: DeliveryRecord): void {
    const limit = this.env.DELIVERY_BODY_RECORD_BYTES;
    this.batcher.add({
      ...record,
      body: rawBody.subarray(0, limit).toString('utf8'),
      bodyTruncated: rawBody.length > limit,
    });
  }

  /** Newest first; includes what is still waiting to be written. */
  async list(triggerId: string, limit: number): Promise<DeliveryRecordEntity[]> {
    await this.batcher.flush();
    return this.records.find({ where: { triggerId }, order: { receivedAt: 'DESC' }, take: limit });
  }

  /**
   * Whether this delivery was accepted before (and its record is still kept): how a repeat
   * older than JetStream's duplicate window is still answered `duplicate: true`.
   */
  acceptedBefore(triggerId: string, deliveryId: string): Promise<boolean> {
    return this.records.existsBy({ triggerId, deliveryId, status: 202 });
  }

  async prune(now = new Date()): Promise<void> {
    const before = new Date(now.getTime() - this.env.DELIVERY_RETENTION_HOURS * 3_600_000);
    await this.records.delete({ receivedAt: LessThan(before) });
  }
}
