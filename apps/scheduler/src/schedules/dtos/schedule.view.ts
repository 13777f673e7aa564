import type { ScheduleTrigger, ScheduleType } from '@triggerline/contracts';
import type { ScheduleEntity } from '../schedule.entity.js';

/** A job as the API shows it. Instants are ISO UTC; previews show the zone's offset instead. */
export interface ScheduleView {
  workflow_id: string;
  schedule_type: ScheduleType;
  schedule: ScheduleTrigger;
  timezone: string;
  /** The workflow is active. */
  enabled: boolean;
  paused: boolean;
  pause_note: string | null;
  next_run: string | null;
  last_run: string | null;
  run_count: number;
  error_count: number;
  last_error: string | null;
  missed_count: number;
}

export interface ScheduleDetailView extends ScheduleView {
  /** The next 10 fire times (ISO with the zone's offset); empty while disabled or paused. */
  next_runs: string[];
}

export function toScheduleView(row: ScheduleEntity): ScheduleView {
  return {
    workflow_id: row.workflowId,
    schedule_type: row.scheduleType,
    schedule: row.schedule,
    timezone: row.timezone,
    enabled: row.enabled,
    paused: row.paused,
    pause_note: row.pauseNote,
    next_run: row.nextRun?.toISOString() ?? null,
    last_run: row.lastRun?.toISOString() ?? null,
    run_count: row.runCount,
    error_count: row.errorCount,
    last_error: row.lastError,
    missed_count: row.missedCount,
  };
}
