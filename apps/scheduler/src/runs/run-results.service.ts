import { Injectable } from '@nestjs/common';
import { validateRunResult } from '@triggerline/contracts';
import { NonRetryableError } from '@triggerline/messaging';
import { SchedulesStore } from '../schedules/schedules.store.js';

/** RUN_RESULTS keeps results 7 days; a counted key is kept a day longer. */
const COUNTED_KEYS_KEPT_MS = 8 * 24 * 3_600_000;
const PRUNE_EVERY = 1_000;

/** Run results of scheduled runs update the job's statistics and end its overlap wait. */
@Injectable()
export class RunResultsService {
  private recorded = 0;

  constructor(private readonly store: SchedulesStore) {}

  async record(payload: unknown): Promise<void> {
    const parsed = validateRunResult(payload);
    if (!parsed.ok) {
      const reasons = parsed.errors.map((error) => `${error.path} ${error.message}`).join('; ');
      throw new NonRetryableError(`not a run result: ${reasons}`);
    }
    const result = parsed.value;
    // Runs of other triggers (events, webhooks, manual) are not this job's to count.
    if (!result.idempotency_key.startsWith(`sch:${result.workflow_id}:`)) return;
    await this.store.recordResult(result);
    if (++this.recorded % PRUNE_EVERY === 0)
      await this.store.forgetCountedBefore(new Date(Date.now() - COUNTED_KEYS_KEPT_MS));
  }
}
