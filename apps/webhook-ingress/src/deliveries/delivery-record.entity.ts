import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One request to a webhook path, accepted or not: what `GET /webhook-triggers/{id}/deliveries` shows. */
@Entity('webhook_deliveries')
@Index(['triggerId', 'receivedAt'])
@Index(['triggerId', 'deliveryId'])
export class DeliveryRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** No foreign key: a record is written after the answer, maybe after its trigger was deleted. */
  @Column({ name: 'trigger_id', type: 'varchar', length: 40 })
  triggerId!: string;

  @Index()
  @Column({ name: 'received_at', type: Date })
  receivedAt!: Date;

  @Column({ type: 'boolean' })
  verified!: boolean;

  /** The HTTP status answered. */
  @Column({ type: 'integer' })
  status!: number;

  /** Why it was refused (a signature problem, rate limit, NATS down); null when accepted. */
  @Column({ name: 'rejection_reason', type: 'varchar', length: 40, nullable: true })
  rejectionReason!: string | null;

  @Column({ name: 'delivery_id', type: 'varchar', length: 200, nullable: true })
  deliveryId!: string | null;

  @Column({ type: 'boolean', default: false })
  duplicate!: boolean;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  /** Headers with credentials and signatures replaced by `[redacted]`. */
  @Column({ type: 'simple-json' })
  headers!: Record<string, string>;

  /** The body as text, cut at DELIVERY_BODY_RECORD_BYTES. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'body_truncated', type: 'boolean', default: false })
  bodyTruncated!: boolean;
}
