import {
  customerIdOf,
  type EventEnvelope,
  eventTypeFromSubject,
  type FieldError,
  normalizeEvent,
  validateEvent,
  type Validated,
} from '@triggerline/contracts';
import type { ReceivedMessage } from '@triggerline/messaging';
import { type NewEventRecord, RECORD_LIMITS } from '../history/event-record.entity.js';

/** `source` of a bare payload, which names none. */
export const GATEWAY_SOURCE = '/event-gateway';

/**
 * Reads a message from `events.<type>` into an envelope checked against the catalog. A bare payload
 * gets an id derived from the message (its `Nats-Msg-Id`, else its stream position), so every
 * redelivery of it is recognised as the same event.
 */
export function readInboundEvent(message: ReceivedMessage): Validated<EventEnvelope> {
  const normalized = normalizeEvent(message.data, {
    subjectType: eventTypeFromSubject(message.subject),
    defaultSource: GATEWAY_SOURCE,
    newId: () => messageEventId(message),
  });
  return normalized.ok ? checkEvent(normalized.value) : normalized;
}

/** The catalog's checks, and attributes that fit the history's columns. */
export function checkEvent(event: EventEnvelope): Validated<EventEnvelope> {
  const tooLong: FieldError[] = [];
  const fits = (path: string, value: string | undefined, max: number) => {
    if (value !== undefined && value.length > max)
      tooLong.push({ path, message: `must be at most ${max} characters` });
  };
  fits('id', event.id, RECORD_LIMITS.eventId);
  fits('source', event.source, RECORD_LIMITS.source);
  fits('customerid', event.customerid, RECORD_LIMITS.customerId);
  const validated = validateEvent(event);
  const errors = [...tooLong, ...(validated.ok ? [] : validated.errors)];
  return errors.length === 0 ? { ok: true, value: event } : { ok: false, errors };
}

/** The history row of an accepted event, before its workflows are known. */
export function acceptedRecord(event: EventEnvelope, receivedAt: Date): Omit<NewEventRecord, 'workflowIds'> {
  return {
    eventId: event.id,
    type: event.type,
    source: event.source,
    // A payload's customer_id has no length limit in the catalog; the indexed copy is cut to fit.
    customerId: clip(event.customerid ?? customerIdOf(event.data), RECORD_LIMITS.customerId),
    time: new Date(event.time),
    receivedAt,
    status: 'accepted',
    payload: event.data,
    errors: null,
    chainDepth: event.chaindepth ?? null,
  };
}

/** The history row of a message that failed validation: whatever can be read of it, and why. */
export function rejectedRecord(
  message: ReceivedMessage,
  errors: FieldError[],
  receivedAt: Date,
): NewEventRecord {
  const raw = isObject(message.data) ? message.data : {};
  const envelope = 'specversion' in raw;
  const data = envelope ? raw.data : message.data;
  const time = typeof raw.time === 'string' ? new Date(raw.time) : undefined;
  const id = envelope && typeof raw.id === 'string' && raw.id.length > 0 ? raw.id : undefined;
  return {
    eventId: id !== undefined && id.length <= RECORD_LIMITS.eventId ? id : messageEventId(message),
    type: clip(
      text(raw.type) ?? eventTypeFromSubject(message.subject) ?? message.subject,
      RECORD_LIMITS.type,
    ),
    source: envelope ? clip(text(raw.source), RECORD_LIMITS.source) : null,
    customerId: clip(
      text(raw.customerid) ?? (isObject(data) ? customerIdOf(data) : undefined),
      RECORD_LIMITS.customerId,
    ),
    time: time && !Number.isNaN(time.getTime()) ? time : receivedAt,
    receivedAt,
    status: 'rejected',
    payload: typeof data === 'object' || data === undefined ? (data ?? null) : { value: data },
    errors,
    workflowIds: [],
    chainDepth: null,
  };
}

function messageEventId({ msgId, stream, streamSequence }: ReceivedMessage): string {
  return msgId !== undefined && msgId.length <= RECORD_LIMITS.eventId ? msgId : `${stream}-${streamSequence}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function clip(value: string, max: number): string;
function clip(value: string | undefined, max: number): string | null;
function clip(value: string | undefined, max: number): string | null {
  return value === undefined ? null : value.slice(0, max);
}
