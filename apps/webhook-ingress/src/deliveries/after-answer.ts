import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';

/**
 * Bookkeeping done after a delivery is answered (its record, the trigger's stats), so the sender
 * never waits for it. A failure is logged, never thrown; shutdown waits for what is in flight
 * before the database closes.
 */
@Injectable()
export class AfterAnswer implements BeforeApplicationShutdown {
  private readonly logger = new Logger('AfterAnswer');
  private readonly pending = new Set<Promise<void>>();

  run(work: Promise<unknown>): void {
    const tracked = work.then(
      () => undefined,
      (error: unknown) => this.logger.error(`delivery bookkeeping failed: ${(error as Error).message}`),
    );
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.pending);
  }
}
