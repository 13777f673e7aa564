import type { WebhookScheme, WorkflowStatus } from '@triggerline/contracts';
import { Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { WebhookSecretEntity } from './webhook-secret.entity.js';

/**
 * One per workflow with a webhook trigger. `workflow_id` and `path` are unique: replicas that
 * learn of the same workflow at once race on the insert and converge on the winner's row.
 */
@Entity('webhook_triggers')
export class WebhookTriggerEntity {
  /** `wht_` and 12 hex digits, as in the seed. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 40, unique: true })
  workflowId!: string;

  /** Mirrors the workflow's status: only an active workflow's webhook accepts deliveries. */
  @Column({ name: 'workflow_status', type: 'varchar', length: 16 })
  workflowStatus!: WorkflowStatus;

  /** The workflow version applied last: an update from an older one is ignored. */
  @Column({ name: 'workflow_version', type: 'integer' })
  workflowVersion!: number;

  /** The full path, starting with `/webhooks/`. */
  @Column({ type: 'varchar', length: 220, unique: true })
  path!: string;

  @Column({ type: 'varchar', length: 16 })
  scheme!: WebhookScheme;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'trigger_count', type: 'integer', default: 0 })
  triggerCount!: number;

  @Column({ name: 'rejected_count', type: 'integer', default: 0 })
  rejectedCount!: number;

  @Column({ name: 'last_triggered_at', type: Date, nullable: true })
  lastTriggeredAt!: Date | null;

  @OneToMany(() => WebhookSecretEntity, (secret) => secret.trigger)
  secrets?: WebhookSecretEntity[];

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
