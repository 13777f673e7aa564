import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type StepStatus = 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped';

/** One step of one execution, written as it happens: what a resumed execution skips. */
@Entity('step_results')
@Index(['executionId', 'position'])
export class StepResultEntity {
  @PrimaryColumn({ name: 'execution_id', type: 'varchar', length: 40 })
  executionId!: string;

  @PrimaryColumn({ name: 'step_id', type: 'varchar', length: 64 })
  stepId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'step_type', type: 'varchar', length: 32 })
  stepType!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: StepStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'simple-json', nullable: true })
  input!: unknown;

  @Column({ type: 'simple-json', nullable: true })
  output!: unknown;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** A waiting `delay` step resumes at this instant (ISO). */
  @Column({ name: 'resume_at', type: 'varchar', length: 30, nullable: true })
  resumeAt!: string | null;

  @Column({ name: 'started_at', type: 'varchar', length: 30 })
  startedAt!: string;

  @Column({ name: 'finished_at', type: 'varchar', length: 30, nullable: true })
  finishedAt!: string | null;
}
