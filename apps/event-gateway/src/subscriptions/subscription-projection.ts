import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  type CelProgram,
  compileCel,
  type EventEnvelope,
  evaluateCelCondition,
  type WorkflowLifecycleMessage,
} from '@triggerline/contracts';
import { followWorkflows, type StreamFollower } from '@triggerline/messaging';
import { NATS_CONNECTION } from '@triggerline/messaging-nest';

/** An active workflow with an event trigger, its filter compiled once. */
export interface Subscription {
  workflowId: string;
  eventType: string;
  filter?: { expression: string; program: CelProgram };
}

/**
 * Which active workflows each event type triggers, built from the whole WORKFLOWS stream on every
 * replica (DESIGN.md, projections) and kept current by its live changes.
 */
@Injectable()
export class SubscriptionProjection implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SubscriptionProjection.name);
  private readonly byWorkflow = new Map<string, Subscription>();
  private follower?: StreamFollower;

  constructor(@Inject(NATS_CONNECTION) private readonly connection: NatsConnection) {}

  /**
   * Runs after NatsModule provisioned the streams and before the JetStream transport starts
   * pulling events, so no event is matched against a half-built view.
   */
  async onApplicationBootstrap(): Promise<void> {
    this.follower = await followWorkflows(jetstream(this.connection), {
      logger: this.logger,
      onChange: async (change) => this.apply(change),
    });
    await this.follower.caughtUp;
    this.logger.log(`${this.byWorkflow.size} event subscriptions loaded`);
  }

  /** Before any shutdown hook, so the NATS connection is still open (NatsLifecycle drains it then). */
  async onModuleDestroy(): Promise<void> {
    await this.follower?.stop();
  }

  /** The workflows this event triggers; a filter that fails to evaluate counts as no match. */
  match(event: EventEnvelope): string[] {
    const matched: string[] = [];
    for (const subscription of this.byWorkflow.values()) {
      if (subscription.eventType === event.type && this.passes(subscription, event)) {
        matched.push(subscription.workflowId);
      }
    }
    return matched.sort();
  }

  list(): Subscription[] {
    return [...this.byWorkflow.values()];
  }

  private passes({ filter, workflowId }: Subscription, event: EventEnvelope): boolean {
    if (!filter) return true;
    try {
      return evaluateCelCondition(filter.program, { ...event });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      this.logger.warn(`filter of workflow ${workflowId} failed on event ${event.id}, no match: ${reason}`);
      return false;
    }
  }

  private apply(change: WorkflowLifecycleMessage): void {
    if (change.kind === 'workflow.deleted') {
      this.byWorkflow.delete(change.workflow_id);
      return;
    }
    const { id, status, trigger } = change.workflow;
    if (status !== 'active' || trigger.type !== 'event') {
      this.byWorkflow.delete(id);
      return;
    }
    const subscription: Subscription = { workflowId: id, eventType: trigger.event };
    if (trigger.filter !== undefined) {
      const previous = this.byWorkflow.get(id)?.filter;
      const compiled =
        previous?.expression === trigger.filter
          ? { ok: true as const, value: previous.program }
          : compileCel(trigger.filter, 'trigger.filter');
      if (!compiled.ok) {
        // The runner refuses such a workflow; should one slip through, it triggers nothing.
        this.logger.error(`workflow ${id}: ${compiled.errors[0].message}; not subscribed`);
        this.byWorkflow.delete(id);
        return;
      }
      subscription.filter = { expression: trigger.filter, program: compiled.value };
    }
    this.byWorkflow.set(id, subscription);
  }
}
