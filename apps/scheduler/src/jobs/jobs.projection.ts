import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { WorkflowLifecycleMessage } from '@triggerline/contracts';
import { type StreamFollower, followWorkflows } from '@triggerline/messaging';
import { NATS_CONNECTION } from '@triggerline/messaging-nest';
import { FiringService } from '../firing/firing.service.js';
import { SchedulesStore } from '../schedules/schedules.store.js';

/**
 * Scheduler replicas telling each other that a job changed outside the workflow stream (pause,
 * resume), so the leader re-reads it. Core NATS: a replica that misses it re-reads every job
 * when it becomes leader anyway.
 */
export const JOB_CHANGED_SUBJECT = 'scheduler.jobs.changed';

/**
 * Every replica projects the whole WORKFLOWS stream into the jobs table and hands each change
 * to the firing side (which acts only on the leader). `ready` resolves once the replay is done,
 * so a replica campaigns for leadership only with a complete table.
 */
@Injectable()
export class JobsProjection implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobsProjection');
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private follower?: StreamFollower;
  private subscription?: Subscription;

  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    private readonly store: SchedulesStore,
    private readonly firing: FiringService,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = this.connection.subscribe(JOB_CHANGED_SUBJECT, {
      callback: (error, message) => {
        if (!error) void this.refresh(message.string());
      },
    });
    this.follower = await followWorkflows(jetstream(this.connection), {
      onChange: (change) => this.apply(change),
      logger: this.logger,
    });
    await this.follower.caughtUp;
    this.logger.log('workflows projected; following changes');
    this.markReady();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.follower?.stop();
  }

  /** Tells every replica, this one included, to re-read a job. */
  announce(workflowId: string): void {
    this.connection.publish(JOB_CHANGED_SUBJECT, workflowId);
  }

  private async apply(change: WorkflowLifecycleMessage): Promise<void> {
    if (change.kind === 'workflow.upserted') await this.store.project(change.workflow);
    else await this.store.remove(change.workflow_id);
    await this.refresh(change.kind === 'workflow.upserted' ? change.workflow.id : change.workflow_id);
  }

  private async refresh(workflowId: string): Promise<void> {
    await this.firing
      .refresh(workflowId)
      .catch((error: unknown) =>
        this.logger.error(
          `job ${workflowId} not re-armed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  }
}
