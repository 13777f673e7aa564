import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { INGRESS_ENV, type IngressEnv } from '../env.schema.js';
import { AfterAnswer } from './after-answer.js';
import { DeliveryRecordEntity } from './delivery-record.entity.js';

export type DeliveryRecord = Omit<DeliveryRecordEntity, 'id' | 'body' | 'bodyTruncated'> & {
  rawBody: Buffer;
};

const PRUNE_EVERY_MS = 10 * 60 * 1000;

/** A record of every request to a known webhook path, for inspection; pruned after the retention. */
@Injectable()
export class DeliveryRecordsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(DeliveryRecordEntity) private readonly records: Repository<DeliveryRecordEntity>,
    @Inject(INGRESS_ENV) private readonly env: IngressEnv,
    private readonly afterAnswer: AfterAnswer,
  ) {}

  onApplicationBootstrap(): void {
    this.pruneTimer = setInterval(() => this.afterAnswer.run(this.prune()), PRUNE_EVERY_MS).unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.pruneTimer);
  }

  /** Stored after the answer: the sender does not wait for it. */
  record({ rawBody, ...record }: DeliveryRecord): void {
    const limit = this.env.DELIVERY_BODY_RECORD_BYTES;
    this.afterAnswer.run(
      this.records.insert({
        ...record,
        body: rawBody.subarray(0, limit).toString('utf8'),
        bodyTruncated: rawBody.length > limit,
      }),
    );
  }

  list(triggerId: string, limit: number): Promise<DeliveryRecordEntity[]> {
    return this.records.find({ where: { triggerId }, order: { receivedAt: 'DESC' }, take: limit });
  }

  async prune(now = new Date()): Promise<void> {
    const before = new Date(now.getTime() - this.env.DELIVERY_RETENTION_HOURS * 3_600_000);
    await this.records.delete({ receivedAt: LessThan(before) });
  }
}
