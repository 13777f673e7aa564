import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A run result already counted in its job's statistics, keyed by the run's idempotency key, so
 * a redelivered result (at-least-once) is not counted twice. Kept a little longer than the
 * RUN_RESULTS stream keeps results.
 */
@Entity('counted_runs')
export class CountedRunEntity {
  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey!: string;

  @Index()
  @CreateDateColumn({ name: 'counted_at' })
  countedAt!: Date;
}
