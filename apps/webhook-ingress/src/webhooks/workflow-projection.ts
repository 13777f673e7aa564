import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay, followWorkflows, type StreamFollower } from '@triggerline/messaging';
import { NATS_CONNECTION } from '@triggerline/messaging-nest';
import { WebhookTriggersService } from './webhook-triggers.service.js';

/**
 * Follows the WORKFLOWS stream (every replica, from the start) and keeps the webhook triggers in
 * step. Starts in the background and retries: the streams may not be provisioned yet, or NATS
 * may be down, and neither should stop the ingress from answering with what it already knows.
 */
@Injectable()
export class WorkflowProjection implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkflowProjection');
  private follower?: StreamFollower;
  private readonly stopping = new AbortController();
  private starting?: Promise<void>;

  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    private readonly triggers: WebhookTriggersService,
  ) {}

  onApplicationBootstrap(): void {
    this.starting = this.start();
  }

  private async start(): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
      try {
        this.follower = await followWorkflows(jetstream(this.connection), {
          logger: this.logger,
          onChange: (change) => this.triggers.applyWorkflowChange(change),
        });
        return;
      } catch (error) {
        this.logger.warn(`cannot follow the workflows yet (attempt ${attempt}): ${(error as Error).message}`);
        const delay = backoffDelay(attempt, { initialMs: 200, factor: 2, maxMs: 5_000 });
        await sleep(delay, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.starting;
    await this.follower?.stop();
  }
}
