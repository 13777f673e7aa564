import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { STREAMS, workflowSubject } from '@triggerline/contracts';
import { NATS_CONNECTION } from '@triggerline/messaging-nest';
import { JetStreamPublisher } from '@triggerline/messaging';
import { Raw, type Repository } from 'typeorm';
import { toLifecycleMessage } from './workflow-definition.js';
import { WorkflowEntity } from './workflow.entity.js';

const RETRY_INTERVAL_MS = 5_000;
/** Publishing is bookkeeping, not a change of the workflow: `updated_at` stays as it was. */
const keepUpdatedAt = () => 'updated_at';

/**
 * Mirrors the workflows table onto `workflows.<id>`. The table is the truth: a change is
 * committed first and published after; a version that could not be published (NATS away) is
 * published again by a retry loop, and at start-up everything not yet acknowledged is. A fresh
 * NATS (empty stream) gets every workflow again, so the trigger services never start empty.
 */
@Injectable()
export class LifecyclePublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LifecyclePublisher.name);
  private retryTimer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(WorkflowEntity) private readonly workflows: Repository<WorkflowEntity>,
    private readonly publisher: JetStreamPublisher,
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.streamLostWorkflows()) {
      await this.workflows
        .createQueryBuilder()
        .update()
        .set({ publishedVersion: 0, updatedAt: keepUpdatedAt })
        .execute();
      this.logger.warn('the WORKFLOWS stream does not hold our workflows: republishing all of them');
    }
    await this.publishPending();
    this.retryTimer = setInterval(() => void this.publishPending(), RETRY_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.retryTimer);
  }

  /** Publishes one workflow's current state; a failure leaves it pending for the retry loop. */
  async publish(entity: WorkflowEntity): Promise<boolean> {
    try {
      // No Nats-Msg-Id: a republish after a purge must not be taken for a duplicate, and a repeat
      // is harmless (one message per subject is kept; readers skip versions they already hold).
      await this.publisher.publish(workflowSubject(entity.id), toLifecycleMessage(entity));
      await this.markPublished(entity);
      // The stream keeps the last message published, not the newest version: when a newer one
      // was written meanwhile, its publish may have landed first, so publish it (again) after ours.
      const current = await this.workflows.findOneBy({ id: entity.id });
      if (current && current.version > entity.version) return this.publish(current);
      return true;
    } catch (error) {
      this.logger.warn(
        `workflow ${entity.id} v${entity.version} not published yet: ${(error as Error).message}`,
      );
      return false;
    }
  }

  /** Only forward: a slower publish of an older version must not undo a newer one. */
  private async markPublished(entity: WorkflowEntity): Promise<void> {
    await this.workflows
      .createQueryBuilder()
      .update()
      .set({ publishedVersion: entity.version, updatedAt: keepUpdatedAt })
      .where('id = :id AND published_version < :version', { id: entity.id, version: entity.version })
      .execute();
  }

  async publishPending(): Promise<void> {
    const pending = await this.workflows.find({
      where: { publishedVersion: Raw((column) => `${column} < "version"`) },
      order: { updatedAt: 'ASC' },
      take: 500,
    });
    for (const entity of pending) if (!(await this.publish(entity))) return;
  }

  /** True when we hold workflows the stream has never seen: a new or wiped NATS. */
  private async streamLostWorkflows(): Promise<boolean> {
    const published = await this.workflows.count({
      where: { publishedVersion: Raw((column) => `${column} > 0`) },
    });
    if (published === 0) return false;
    const { state } = await (await jetstreamManager(this.connection)).streams.info(STREAMS.workflows.name);
    return state.messages === 0;
  }
}
