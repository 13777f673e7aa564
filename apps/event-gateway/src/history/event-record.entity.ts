import type { FieldError } from '@triggerline/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Column sizes, which an envelope's attributes must fit (checked before any write). */
export const RECORD_LIMITS = { eventId: 200, type: 200, source: 500, customerId: 200 } as const;

export const EVENT_STATUSES = ['accepted', 'rejected'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** One event as the gateway received it: the history, and the key that makes a redelivery harmless. */
@Entity('event_records')
export class EventRecordEntity {
  /** Arrival order: newest first and the pagination cursor read it. */
  @PrimaryGeneratedColumn({ type: 'integer' })
  seq!: number;

  @Index({ unique: true })
  @Column({ name: 'event_id', type: 'varchar', length: RECORD_LIMITS.eventId })
  eventId!: string;

  @Index()
  @Column({ type: 'varchar', length: RECORD_LIMITS.type })
  type!: string;

  @Column({ type: 'varchar', length: RECORD_LIMITS.source, nullable: true })
  source!: string | null;

  @Index()
  @Column({ name: 'customer_id', type: 'varchar', length: RECORD_LIMITS.customerId, nullable: true })
  customerId!: string | null;

  /** The event's own `time` (its arrival time when it carried no valid one). */
  @Column({ type: Date })
  time!: Date;

  @Index()
  @Column({ name: 'received_at', type: Date })
  receivedAt!: Date;

  @Index()
  @Column({ type: 'varchar', length: 16 })
  status!: EventStatus;

  /** The event's data; for a rejected message whatever it carried (a bare value as `{ value }`). */
  @Column({ type: 'simple-json', nullable: true })
  payload!: object | null;

  @Column({ type: 'simple-json', nullable: true })
  errors!: FieldError[] | null;

  /** The event's `chaindepth`: how many workflow runs led to it (null for an outside event). */
  @Column({ name: 'chain_depth', type: 'integer', nullable: true })
  chainDepth!: number | null;

  /** The workflows whose subscription matched, decided once when the event was first handled. */
  @Column({ name: 'workflow_ids', type: 'simple-json' })
  workflowIds!: string[];

  /** Set once JetStream acknowledged every run request; until then a redelivery sends them again. */
  @Column({ name: 'runs_requested_at', type: Date, nullable: true })
  runsRequestedAt!: Date | null;
}

export type NewEventRecord = Omit<EventRecordEntity, 'seq' | 'runsRequestedAt'>;
