import { Injectable } from '@nestjs/common';
import {
  describeCron,
  SCHEDULE_PRESETS,
  type ScheduleTrigger,
  validateTrigger,
} from '@triggerline/contracts';
import { JetStreamPublisher } from '@triggerline/messaging';
import { NotFoundError } from '@triggerline/service';
import { manualRunRequest } from '../firing/run-requests.js';
import { JobsProjection } from '../jobs/jobs.projection.js';
import { nextFireAfter, upcomingFires } from '../timing/next-fire.js';
import { toZonedIso } from '../timing/zoned-time.js';
import type { PauseRequest, PreviewRequest, ValidateCronRequest } from './dtos/schedule-requests.js';
import { type ScheduleDetailView, type ScheduleView, toScheduleView } from './dtos/schedule.view.js';
import type { ScheduleEntity } from './schedule.entity.js';
import { SchedulesStore } from './schedules.store.js';

const DETAIL_NEXT_RUNS = 10;
const VALIDATE_NEXT_RUNS = 5;

@Injectable()
export class SchedulesService {
  constructor(
    private readonly store: SchedulesStore,
    private readonly projection: JobsProjection,
    private readonly publisher: JetStreamPublisher,
  ) {}

  async list(): Promise<ScheduleView[]> {
    return (await this.store.findAll()).map(toScheduleView);
  }

  async get(workflowId: string): Promise<ScheduleDetailView> {
    const row = await this.require(workflowId);
    const runs =
      row.enabled && !row.paused
        ? upcomingFires(row.schedule, new Date(), DETAIL_NEXT_RUNS, row.anchorAt)
        : [];
    return { ...toScheduleView(row), next_runs: runs.map((run) => toZonedIso(run, row.timezone)) };
  }

  /** Runs the workflow now as a manual run; its schedule goes on as before. */
  async runNow(
    workflowId: string,
  ): Promise<{ workflow_id: string; idempotency_key: string; requested_at: string }> {
    await this.require(workflowId);
    const { subject, message, msgId } = manualRunRequest(workflowId);
    await this.publisher.publish(subject, message, { msgId });
    return {
      workflow_id: workflowId,
      idempotency_key: message.idempotency_key,
      requested_at: message.requested_at,
    };
  }

  async pause(workflowId: string, { note }: PauseRequest): Promise<ScheduleView> {
    await this.require(workflowId);
    await this.store.setPaused(workflowId, true, note, null);
    this.projection.announce(workflowId);
    return toScheduleView(await this.require(workflowId));
  }

  /** Slots that passed while paused are not made up: the next fire is the first one from now. */
  async resume(workflowId: string): Promise<ScheduleView> {
    const row = await this.require(workflowId);
    const next = row.enabled ? (nextFireAfter(row.schedule, new Date(), row.anchorAt) ?? null) : null;
    await this.store.setPaused(workflowId, false, null, next);
    this.projection.announce(workflowId);
    return toScheduleView(await this.require(workflowId));
  }

  presets(): { name: string; cron: string; description: string }[] {
    return SCHEDULE_PRESETS.map(({ name, cron, description }) => ({
      name,
      cron,
      description: describeCron(cron) ?? description,
    }));
  }

  /** An interval in a preview counts from `from`, as a new job would from its creation. */
  preview({ schedule, count, from }: PreviewRequest): { timezone: string; fire_times: string[] } {
    const timezone = schedule.timezone ?? 'UTC';
    const fires = upcomingFires(schedule, from, count, from);
    return { timezone, fire_times: fires.map((fire) => toZonedIso(fire, timezone)) };
  }

  validate({ cron, timezone }: ValidateCronRequest): {
    valid: boolean;
    message: string;
    description: string | null;
    next_runs: string[];
  } {
    const schedule: ScheduleTrigger = { type: 'schedule', schedule_type: 'cron', cron, timezone };
    const checked = validateTrigger(schedule, '');
    if (!checked.ok) {
      const message = checked.errors.map((error) => `${error.path} ${error.message}`).join('; ');
      return { valid: false, message, description: null, next_runs: [] };
    }
    const now = new Date();
    const runs = upcomingFires(schedule, now, VALIDATE_NEXT_RUNS, now);
    return {
      valid: true,
      message: 'Valid cron expression',
      description: describeCron(cron) ?? null,
      next_runs: runs.map((run) => toZonedIso(run, timezone)),
    };
  }

  private async require(workflowId: string): Promise<ScheduleEntity> {
    const row = await this.store.find(workflowId);
    if (!row) throw new NotFoundError('schedule of workflow', workflowId);
    return row;
  }
}
