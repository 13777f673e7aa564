import { Injectable } from '@nestjs/common';
import { validateRunResult } from '@triggerline/contracts';
import { NonRetryableError } from '@triggerline/messaging';
import { SchedulesStore } from '../schedules/schedules.store.js';

/** Run results of scheduled runs update the job's statistics and end its overlap wait. */
@Injectable()
export class RunResultsService {
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
  }
}
