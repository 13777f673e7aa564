import type { TriggerDefinition, WorkflowStatus } from '@triggerline/contracts';
import type { Step } from '../steps/step-schemas.js';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

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

  /** The event type of an event trigger, for `GET /workflows?event=`. */
  @Index()
  @Column({ name: 'trigger_event', type: 'varchar', length: 64, nullable: true })
  triggerEvent!: string | null;

  @Column({ type: 'simple-json' })
  trigger!: TriggerDefinition;

  @Column({ type: 'simple-json' })
  steps!: Step[];

  @Column({ name: 'max_concurrency', type: 'integer', nullable: true })
  maxConcurrency!: number | null;

  @Column({ name: 'timeout_seconds', type: 'integer', nullable: true })
  timeoutSeconds!: number | null;

  /** Grows by one on every change; lifecycle readers ignore anything older than what they hold. */
  @Column({ type: 'integer' })
  version!: number;

  /** The last version acknowledged on `workflows.<id>`; behind `version` until it is republished. */
  @Column({ name: 'published_version', type: 'integer', default: 0 })
  publishedVersion!: number;

  /** Set on delete; the row stays until its tombstone is published (and as a record after). */
  @Column({ name: 'deleted_at', type: 'varchar', length: 40, nullable: true })
  deletedAt!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
