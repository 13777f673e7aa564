import type { EventPayload, EventType } from './catalog.js';

/**
 * An event as it travels on `events.<type>`: CloudEvents 1.0, structured JSON mode.
 * Other CloudEvents attributes (`subject`, `dataschema`, extensions) may ride along and are kept.
 */
export interface EventEnvelope<T = Record<string, unknown>> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  /** RFC 3339. */
  time: string;
  datacontenttype: 'application/json';
  data: T;
  /** Extension attribute: the customer the event concerns, for filtering and history. */
  customerid?: string;
  /** Extension attribute: how many workflow runs led to this event (see CHAIN_DEPTH_DESCRIPTION). */
  chaindepth?: number;
}

/** The envelope of one catalog type, its `data` typed by the catalog. */
export type EventEnvelopeOf<T extends EventType> = EventEnvelope<EventPayload<T>> & { type: T };

/** Any catalog event; narrowing on `type` narrows `data`. */
export type CatalogEvent = { [T in EventType]: EventEnvelopeOf<T> }[EventType];

const CHAIN_DEPTH_DESCRIPTION =
  "0 for an event from outside; an event emitted by a workflow run carries its trigger event's depth + 1, " +
  'so a loop of workflows triggering each other can be stopped';

/**
 * JSON Schema of the envelope as Triggerline writes it; `type` and `data` may be narrowed to one
 * catalog type (the AsyncAPI document does so per message).
 */
export function eventEnvelopeSchema(narrow: { type?: string; data?: object } = {}) {
  return {
    type: 'object',
    required: ['specversion', 'id', 'source', 'type', 'time', 'datacontenttype', 'data'],
    properties: {
      specversion: { const: '1.0' },
      id: { type: 'string', minLength: 1, description: 'Unique per source; the gateway deduplicates on it' },
      source: {
        type: 'string',
        minLength: 1,
        description: 'URI-reference of the publisher, e.g. "/billing"',
      },
      type: narrow.type === undefined ? { type: 'string', minLength: 1 } : { const: narrow.type },
      time: { type: 'string', format: 'date-time' },
      datacontenttype: { const: 'application/json' },
      data: narrow.data ?? { type: 'object' },
      customerid: { type: 'string', description: 'The customer the event concerns' },
      chaindepth: { type: 'integer', minimum: 0, description: CHAIN_DEPTH_DESCRIPTION },
    },
    additionalProperties: true,
  };
}

export const EVENT_ENVELOPE_SCHEMA = eventEnvelopeSchema();

export interface CreateEventOptions {
  source: string;
  /** Defaults to the payload's `customer_id` when that is a string. */
  customerId?: string;
  id?: string;
  time?: Date;
  chainDepth?: number;
}

/** Builds the envelope for a catalog event; a payload that does not match its type does not compile. */
export function createEvent<T extends EventType>(
  type: T,
  data: EventPayload<T>,
  options: CreateEventOptions,
): EventEnvelopeOf<T> {
  const { chainDepth } = options;
  if (chainDepth !== undefined && !(Number.isInteger(chainDepth) && chainDepth >= 0)) {
    throw new RangeError(`chainDepth must be an integer >= 0, got ${chainDepth}`);
  }
  return {
    ...buildEnvelope({
      id: options.id ?? crypto.randomUUID(),
      source: options.source,
      type,
      time: options.time ?? new Date(),
      data,
      customerId: options.customerId ?? customerIdOf(data),
      chainDepth,
    }),
    type,
  };
}

export function buildEnvelope<T extends object>(parts: {
  id: string;
  source: string;
  type: string;
  time: Date;
  data: T;
  customerId?: string;
  chainDepth?: number;
}): EventEnvelope<T> {
  return {
    specversion: '1.0',
    id: parts.id,
    source: parts.source,
    type: parts.type,
    time: parts.time.toISOString(),
    datacontenttype: 'application/json',
    data: parts.data,
    ...(parts.customerId === undefined ? {} : { customerid: parts.customerId }),
    ...(parts.chainDepth === undefined ? {} : { chaindepth: parts.chainDepth }),
  };
}

/** The seed tags an event with its payload's customer; so do we, when the publisher did not say. */
export function customerIdOf(payload: object): string | undefined {
  return 'customer_id' in payload && typeof payload.customer_id === 'string'
    ? payload.customer_id
    : undefined;
}
