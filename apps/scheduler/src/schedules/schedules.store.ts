import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  applyTriggerDefaults,
  type RunResult,
  type ScheduleTrigger,
  type WorkflowDefinition,
} from '@triggerline/contracts';
import { isUniqueViolation } from '@triggerline/persistence';
import { In, IsNull, LessThan, Not, type Repository } from 'typeorm';
import { CountedRunEntity } from '../runs/counted-run.entity.js';
import { nextFireAfter } from '../timing/next-fire.js';
import { ScheduleEntity } from './schedule.entity.js';

/** What a fire (or a skipped slot) changes on a job's row. */
export interface FireRecord {
  workflowId: string;
  lastRun?: Date;
  nextRun: Date | null;
  /** Set when a run was requested: the key `overlap: skip` waits on. */
  runningKey?: string;
  missed: number;
}

const YIELD_EVERY = 50;

/** The jobs table: every write the scheduler makes goes through here. */
@Injectable()
export class SchedulesStore {
  constructor(@InjectRepository(ScheduleEntity) private readonly rows: Repository<ScheduleEntity>) {}

  find(workflowId: string): Promise<ScheduleEntity | null> {
    return this.rows.findOneBy({ workflowId });
  }

  findAll(): Promise<ScheduleEntity[]> {
    return this.rows.find({ order: { workflowId: 'ASC' } });
  }

  /**
   * Applies a workflow version to its job: a schedule trigger makes (or updates) one, anything
   * else removes it. Every replica projects the same stream into the same table, so a write
   * never takes a row back to an older workflow version. next_run is reset when the job stops
   * (null) or starts or changes (the first slot from now): the time a workflow was inactive is
   * not downtime to catch up on.
   */
  async project(workflow: WorkflowDefinition): Promise<void> {
    if (workflow.trigger.type !== 'schedule') return this.remove(workflow.id);
    const schedule: ScheduleTrigger = applyTriggerDefaults(workflow.trigger);
    const anchorAt = new Date(workflow.created_at);
    const enabled = workflow.status === 'active';
    const projected = {
      scheduleType: schedule.schedule_type,
      schedule,
      timezone: schedule.timezone ?? 'UTC',
      workflowVersion: workflow.version,
      anchorAt,
      enabled,
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await this.rows.findOneBy({ workflowId: workflow.id });
      if (existing && existing.workflowVersion > workflow.version) return;
      const starts = enabled && (!existing || !existing.enabled);
      const changed = existing !== null && JSON.stringify(existing.schedule) !== JSON.stringify(schedule);
      const now = new Date();
      const from = existing?.lastRun && existing.lastRun > now ? existing.lastRun : now;
      const nextRun = enabled ? (nextFireAfter(schedule, from, anchorAt) ?? null) : null;
      if (existing) {
        await this.rows
          .createQueryBuilder()
          .update()
          .set({ ...projected, ...(!enabled || starts || changed ? { nextRun } : {}) })
          .where('workflow_id = :id AND workflow_version <= :version', {
            id: workflow.id,
            version: workflow.version,
          })
          .execute();
        return;
      }
      try {
        await this.rows.insert({
          workflowId: workflow.id,
          ...projected,
          paused: false,
          pauseNote: null,
          nextRun,
          lastRun: null,
          runCount: 0,
          errorCount: 0,
          lastError: null,
          missedCount: 0,
          runningKey: null,
        });
        return;
      } catch (error) {
        // Another replica inserted it first: apply this version to that row instead.
        if (!isUniqueViolation(error)) throw error;
      }
    }
  }

  async remove(workflowId: string): Promise<void> {
    await this.rows.delete({ workflowId });
  }

  async setPaused(
    workflowId: string,
    paused: boolean,
    note: string | null,
    nextRun: Date | null,
  ): Promise<void> {
    await this.rows.update({ workflowId }, { paused, pauseNote: note, nextRun });
  }

  /**
   * One transaction for a whole batch of fires: 10,000 jobs due at once are one commit. Batches
   * are written one after the other, in the order they fired, so a later batch's next_run of a job
   * is never overwritten by an earlier one's (and two batches never lock the same rows on
   * PostgreSQL in different orders).
   */
  recordFires(records: readonly FireRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return this.exclusive(() => this.writeFires(records));
  }

  private writes: Promise<void> = Promise.resolve();

  /** Runs transactions one after the other (see recordFires). */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writes.then(work);
    this.writes = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async writeFires(records: readonly FireRecord[]): Promise<void> {
    await this.rows.manager.transaction(async (manager) => {
      for (const [index, record] of records.entries()) {
        // SQLite statements block the event loop: let due timers run between chunks.
        if (index > 0 && index % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
        await manager
          .createQueryBuilder()
          .update(ScheduleEntity)
          .set({
            nextRun: record.nextRun,
            ...(record.lastRun ? { lastRun: record.lastRun } : {}),
            ...(record.runningKey ? { runningKey: record.runningKey } : {}),
            ...(record.missed > 0
              ? { missedCount: () => `missed_count + ${Math.floor(record.missed)}` }
              : {}),
          })
          .where('workflow_id = :id', { id: record.workflowId })
          .execute();
      }
    });
  }

  /** The jobs among `workflowIds` whose last scheduled run has not finished. */
  async stillRunning(workflowIds: readonly string[]): Promise<Set<string>> {
    if (workflowIds.length === 0) return new Set();
    const rows = await this.rows.find({
      select: { workflowId: true },
      where: { workflowId: In([...workflowIds]), runningKey: Not(IsNull()) },
    });
    return new Set(rows.map((row) => row.workflowId));
  }

  /**
   * A scheduled run finished: the seed's `mark_executed`, and the overlap wait ends. Counted once
   * per run key, under a unique constraint, however often the result is delivered.
   */
  recordResult(result: RunResult): Promise<boolean> {
    const failed = result.status === 'failed';
    return this.exclusive(async () => {
      try {
        await this.rows.manager.transaction(async (manager) => {
          await manager.insert(CountedRunEntity, { idempotencyKey: result.idempotency_key });
          await manager
            .createQueryBuilder()
            .update(ScheduleEntity)
            .set({
              runCount: () => 'run_count + 1',
              runningKey: () => 'CASE WHEN running_key = :key THEN NULL ELSE running_key END',
              ...(failed
                ? { errorCount: () => 'error_count + 1', lastError: result.error?.message ?? 'failed' }
                : {}),
            })
            .where('workflow_id = :id', { id: result.workflow_id })
            .setParameters({ key: result.idempotency_key })
            .execute();
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    });
  }

  /** Forgets counted run keys older than `before`: their results are gone from the stream. */
  async forgetCountedBefore(before: Date): Promise<void> {
    await this.rows.manager.delete(CountedRunEntity, { countedAt: LessThan(before) });
  }
}
