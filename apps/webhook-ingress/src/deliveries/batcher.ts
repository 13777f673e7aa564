import { Logger } from '@nestjs/common';

export interface BatcherOptions<T> {
  /** Writes one batch; a failure is logged and the batch dropped (bookkeeping, not deliveries). */
  write: (batch: T[]) => Promise<void>;
  /** Longest time an item waits. */
  everyMs: number;
  /** A batch this large is written at once. */
  maxItems: number;
  name: string;
}

/**
 * Collects bookkeeping done after a delivery is answered (records, stats) and writes it in
 * batches: one statement for many deliveries instead of one each, and the sender never waits.
 * `close` writes what is left, so a graceful stop loses nothing; a crash loses at most `everyMs`.
 */
export class Batcher<T> {
  private readonly logger: Logger;
  private items: T[] = [];
  private readonly timer: NodeJS.Timeout;
  private writing = Promise.resolve();

  constructor(private readonly options: BatcherOptions<T>) {
    this.logger = new Logger(options.name);
    this.timer = setInterval(() => void this.flush(), options.everyMs).unref();
  }

  add(item: T): void {
    this.items.push(item);
    if (this.items.length >= this.options.maxItems) void this.flush();
  }

  /** Writes what is pending, after any write in progress: batches stay in order. */
  flush(): Promise<void> {
    if (this.items.length === 0) return this.writing;
    const batch = this.items;
    this.items = [];
    this.writing = this.writing.then(() =>
      this.options
        .write(batch)
        .catch((error: unknown) =>
          this.logger.error(`${batch.length} item(s) not written: ${(error as Error).message}`),
        ),
    );
    return this.writing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
