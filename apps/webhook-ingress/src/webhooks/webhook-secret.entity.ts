import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { WebhookTriggerEntity } from './webhook-trigger.entity.js';

/** A signing secret of a trigger. Rotation adds one and gives the previous ones an expiry. */
@Entity('webhook_secrets')
export class WebhookSecretEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'trigger_id', type: 'varchar', length: 40 })
  triggerId!: string;

  @ManyToOne(() => WebhookTriggerEntity, (trigger) => trigger.secrets, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trigger_id' })
  trigger?: WebhookTriggerEntity;

  @Column({ type: 'varchar', length: 200 })
  secret!: string;

  /** Null while current; a rotated-out secret verifies until then. */
  @Column({ name: 'expires_at', type: Date, nullable: true })
  expiresAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
