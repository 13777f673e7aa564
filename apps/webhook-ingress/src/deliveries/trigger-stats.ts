import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { WebhookTriggersService } from '../webhooks/webhook-triggers.service.js';
import { Batcher } from './batcher.js';

interface Counted {
  triggerId: string;
  accepted: boolean;
  at: Date;
}

/** The triggers' trigger_count, rejected_count and last_triggered_at, added up and written each second. */
@Injectable()
export class TriggerStats implements BeforeApplicationShutdown {
  private readonly batcher: Batcher<Counted>;

  constructor(triggers: WebhookTriggersService) {
    this.batcher = new Batcher({
      name: 'TriggerStats',
      everyMs: 1_000,
      maxItems: 10_000,
      write: async (batch) => {
        const totals = new Map<string, { accepted: number; rejected: number; lastTriggeredAt?: Date }>();
        for (const { triggerId, accepted, at } of batch) {
          const total = totals.get(triggerId) ?? { accepted: 0, rejected: 0 };
          if (accepted) {
            total.accepted++;
            if (!total.lastTriggeredAt || at > total.lastTriggeredAt) total.lastTriggeredAt = at;
          } else total.rejected++;
          totals.set(triggerId, total);
        }
        for (const [id, total] of totals) await triggers.addStats(id, total);
      },
    });
  }

  accepted(triggerId: string, at: Date): void {
    this.batcher.add({ triggerId, accepted: true, at });
  }

  rejected(triggerId: string, at: Date): void {
    this.batcher.add({ triggerId, accepted: false, at });
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.batcher.close();
  }
}
