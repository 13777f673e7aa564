import { eventRunKey, type FieldError, runRequestedSubject } from '@triggerline/contracts';
import type { EventRecordEntity, EventStatus } from './event-record.entity.js';

/** An event in the history API. */
export interface EventRecordView {
  id: string;
  type: string;
  source: string | null;
  customer_id: string | null;
  time: string;
  received_at: string;
  status: EventStatus;
  payload: unknown;
  errors: FieldError[];
  triggered_workflows: string[];
}

/** One event with the run requests it led to. */
export interface EventDetailView extends EventRecordView {
  runs: { workflow_id: string; idempotency_key: string; subject: string }[];
  /** When JetStream had acknowledged every run request; null while they are being sent. */
  runs_requested_at: string | null;
}

export interface EventPageView {
  items: EventRecordView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next_cursor: string | null;
}

export function toEventRecordView(record: EventRecordEntity): EventRecordView {
  return {
    id: record.eventId,
    type: record.type,
    source: record.source,
    customer_id: record.customerId,
    time: record.time.toISOString(),
    received_at: record.receivedAt.toISOString(),
    status: record.status,
    payload: record.payload,
    errors: record.errors ?? [],
    triggered_workflows: record.workflowIds,
  };
}

export function toEventDetailView(record: EventRecordEntity): EventDetailView {
  return {
    ...toEventRecordView(record),
    runs: record.workflowIds.map((workflowId) => ({
      workflow_id: workflowId,
      idempotency_key: eventRunKey(record.eventId, workflowId),
      subject: runRequestedSubject(workflowId),
    })),
    runs_requested_at: record.runsRequestedAt?.toISOString() ?? null,
  };
}
