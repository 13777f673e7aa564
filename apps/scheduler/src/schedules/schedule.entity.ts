import type { ScheduleTrigger, ScheduleType } from '@triggerline/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One scheduled job: the projection of a workflow with a schedule trigger (from `workflows.>`)
 * plus what the scheduler adds: when it fires next, what it fired last, and run statistics.
 */
@Entity('schedules')
export class ScheduleEntity {
  @PrimaryColumn({ name: 'workflow_id', type: 'varchar', length: 40 })
  workflowId!: string;

  @Column({ name: 'schedule_type', type: 'varchar', length: 16 })
  scheduleType!: ScheduleType;

  /** The trigger with its defaults filled in. */
  @Column({ type: 'simple-json' })
  schedule!: ScheduleTrigger;

  @Column({ type: 'varchar', length: 64 })
  timezone!: string;

  /** The workflow version this row was projected from. */
  @Column({ name: 'workflow_version', type: 'integer' })
  workflowVersion!: number;

  /** Where an interval counts from: the workflow's creation time, the same on every replica. */
  @Column({ name: 'anchor_at', type: Date })
  anchorAt!: Date;

  /** The workflow is active; a draft, paused or archived workflow does not fire. */
  @Index()
  @Column({ type: 'boolean' })
  enabled!: boolean;

  /** Paused through the schedules API, independently of the workflow's status. */
  @Column({ type: 'boolean' })
  paused!: boolean;

  @Column({ name: 'pause_note', type: 'text', nullable: true })
  pauseNote!: string | null;

  @Column({ name: 'next_run', type: Date, nullable: true })
  nextRun!: Date | null;

  /** The scheduled time of the last slot fired (not when it was sent). */
  @Column({ name: 'last_run', type: Date, nullable: true })
  lastRun!: Date | null;

  @Column({ name: 'run_count', type: 'integer' })
  runCount!: number;

  @Column({ name: 'error_count', type: 'integer' })
  errorCount!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Slots that passed without a run: downtime under `skip`/`fire_once`, or `overlap: skip`. */
  @Column({ name: 'missed_count', type: 'integer' })
  missedCount!: number;

  /** Key of the last scheduled run not yet finished (what `overlap: skip` waits for). */
  @Column({ name: 'running_key', type: 'varchar', length: 200, nullable: true })
  runningKey!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
