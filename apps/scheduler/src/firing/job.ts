import { applyTriggerDefaults, type ScheduleOptions, type ScheduleTrigger } from '@triggerline/contracts';
import type { ScheduleEntity } from '../schedules/schedule.entity.js';

/** A job as the leader holds it in memory while it fires. */
export interface Job {
  workflowId: string;
  schedule: ScheduleTrigger & Required<ScheduleOptions>;
  anchor: Date;
  /** Enabled and not paused. */
  runnable: boolean;
  nextRun: Date | null;
  lastRun: Date | null;
  /** What decides firing; a change of it means "recompute the next fire". */
  fingerprint: string;
  /** Its fire is being published: changes wait until it is recorded. */
  inFlight: boolean;
  /** Changed while in flight. */
  dirty: boolean;
}

export function jobFromRow(row: ScheduleEntity): Job {
  const runnable = row.enabled && !row.paused;
  return {
    workflowId: row.workflowId,
    schedule: applyTriggerDefaults(row.schedule),
    anchor: row.anchorAt,
    runnable,
    nextRun: row.nextRun,
    lastRun: row.lastRun,
    fingerprint: JSON.stringify([row.schedule, row.anchorAt.getTime(), runnable]),
    inFlight: false,
    dirty: false,
  };
}
