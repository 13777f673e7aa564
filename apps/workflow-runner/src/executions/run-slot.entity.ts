import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One of a workflow's `max_concurrency` slots, held by a running execution. The primary key
 * (workflow, slot) makes claiming atomic across replicas: whoever inserts the row holds it.
 */
@Entity('run_slots')
export class RunSlotEntity {
  @PrimaryColumn({ name: 'workflow_id', type: 'varchar', length: 40 })
  workflowId!: string;

  @PrimaryColumn({ type: 'integer' })
  slot!: number;

  @Column({ name: 'execution_id', type: 'varchar', length: 40, unique: true })
  executionId!: string;
}
