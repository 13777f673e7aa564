import type { RunResult, TriggerData } from '@triggerline/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Step } from '../steps/step-schemas.js';

export type ExecutionStatus = 'running' | 'waiting' | RunResult['status'];
export const TERMINAL_STATUSES: readonly ExecutionStatus[] = ['succeeded', 'failed', 'cancelled'];

/** What an execution runs: the workflow as it was when the run was requested. */
export interface ExecutionPlan {
  steps: Step[];
  max_concurrency?: number;
  timeout_seconds?: number;
}

/**
 * One run of a workflow, keyed by the run request's idempotency key: a second request with the
 * same key finds this row instead of making another. Times are ISO strings (same on every dialect).
 */
@Entity('executions')
@Index(['workflowId', 'createdAt'])
export class ExecutionEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 40 })
  workflowId!: string;

  @Column({ name: 'workflow_version', type: 'integer' })
  workflowVersion!: number;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 300, unique: true })
  idempotencyKey!: string;

  @Index()
  @Column({ type: 'varchar', length: 16 })
  status!: ExecutionStatus;

  @Column({ type: 'simple-json' })
  trigger!: TriggerData;

  @Column({ type: 'simple-json' })
  input!: Record<string, unknown>;

  @Column({ type: 'simple-json' })
  vars!: Record<string, unknown>;

  @Column({ type: 'simple-json' })
  plan!: ExecutionPlan;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'failed_step', type: 'varchar', length: 64, nullable: true })
  failedStep!: string | null;

  @Column({ name: 'cancel_requested', type: 'boolean', default: false })
  cancelRequested!: boolean;

  @Column({ name: 'correlation_id', type: 'varchar', length: 100, nullable: true })
  correlationId!: string | null;

  @Column({ name: 'requested_at', type: 'varchar', length: 30 })
  requestedAt!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'started_at', type: 'varchar', length: 30, nullable: true })
  startedAt!: string | null;

  @Column({ name: 'finished_at', type: 'varchar', length: 30, nullable: true })
  finishedAt!: string | null;
}
