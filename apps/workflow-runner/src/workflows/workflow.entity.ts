import type { TriggerDefinition, WorkflowStatus, WorkflowStep } from '@triggerline/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** A workflow definition: the runner's database is the truth; `workflows.<id>` mirrors it. */
@Entity('workflows')
export class WorkflowEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Index()
  @Column({ type: 'varchar', length: 16 })
  status!: WorkflowStatus;

  @Index()
  @Column({ name: 'trigger_type', type: 'varchar', length: 16 })
  triggerType!: TriggerDefinition['type'];

  @Column({ type: 'simple-json' })
  trigger!: TriggerDefinition;

  @Column({ type: 'simple-json' })
  steps!: WorkflowStep[];

  @Column({ name: 'max_concurrency', type: 'integer', nullable: true })
  maxConcurrency!: number | null;

  @Column({ name: 'timeout_seconds', type: 'integer', nullable: true })
  timeoutSeconds!: number | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
