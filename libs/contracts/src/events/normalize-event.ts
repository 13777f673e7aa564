import type { FieldError, Validated } from '../validation/field-error.js';
import { compileValidator } from '../validation/schema-validator.js';
import { eventSubject } from '../subjects/subjects.js';
import { isEventType } from './catalog.js';
import {
  buildEnvelope,
  customerIdOf,
  EVENT_ENVELOPE_SCHEMA,
  type CatalogEvent,
  type EventEnvelope,
} from './envelope.js';
import { unknownEventTypeError, validatePayload } from './payload-validation.js';

type InboundEnvelope = Omit<EventEnvelope, 'time' | 'datacontenttype'> & {
  time?: string;
  datacontenttype?: string;
};

// What a publisher may send: `time` and `datacontenttype` may be left out (we fill them), and
// JSON's one charset may be named.
const validateInbound = compileValidator<InboundEnvelope>({
  ...EVENT_ENVELOPE_SCHEMA,
  required: ['specversion', 'id', 'source', 'type', 'data'],
  properties: {
    ...EVENT_ENVELOPE_SCHEMA.properties,
    datacontenttype: {
      type: 'string',
      pattern: '^application/json(\\s*;\\s*charset=(utf|UTF)-8)?$',
      'x-error-message': 'must be "application/json"',
    },
  },
});

export interface NormalizeEventOptions {
  /** The type named by the subject the message arrived on (`events.<type>`), if any. */
  subjectType?: string;
  /** `source` of a bare payload, e.g. "/gateway". */
  defaultSource: string;
  now?: () => Date;
  newId?: () => string;
}

/**
 * Reads an inbound event. An object with `specversion` is a CloudEvents envelope and is checked as
 * one; any other object is a bare payload and is wrapped in an envelope. Returns every problem with
 * its field path. Does not check the payload against the catalog: that is validateEvent's job.
 */
export function normalizeEvent(raw: unknown, options: NormalizeEventOptions): Validated<EventEnvelope> {
  if (!isJsonObject(raw)) {
    return invalid('', 'must be a JSON object (a CloudEvents envelope or a bare payload)');
  }
  return 'specversion' in raw ? normalizeStructured(raw, options) : wrapBarePayload(raw, options);
}

function normalizeStructured(
  raw: Record<string, unknown>,
  options: NormalizeEventOptions,
): Validated<EventEnvelope> {
  const checked = validateInbound(raw);
  const errors: FieldError[] = checked.ok ? [] : [...checked.errors];
  const { subjectType } = options;
  if (subjectType !== undefined && typeof raw.type === 'string' && raw.type !== subjectType) {
    errors.push({
      path: 'type',
      message: `is "${raw.type}" but the event was published on ${eventSubject(subjectType)}`,
    });
  }
  if (!checked.ok || errors.length > 0) return { ok: false, errors };

  const envelope = checked.value;
  return {
    ok: true,
    value: {
      ...envelope,
      time: envelope.time ?? (options.now ?? newDate)().toISOString(),
      datacontenttype: 'application/json',
    },
  };
}

function wrapBarePayload(
  payload: Record<string, unknown>,
  options: NormalizeEventOptions,
): Validated<EventEnvelope> {
  if (options.subjectType === undefined) {
    return invalid(
      'type',
      'is required: publish the payload on events.<type>, or send a CloudEvents envelope',
    );
  }
  const envelope = buildEnvelope({
    id: (options.newId ?? newUuid)(),
    source: options.defaultSource,
    type: options.subjectType,
    time: (options.now ?? newDate)(),
    data: payload,
    customerId: customerIdOf(payload),
  });
  return { ok: true, value: envelope };
}

/** Checks that the event's type is in the catalog and its data matches that type's schema. */
export function validateEvent(envelope: EventEnvelope): Validated<CatalogEvent> {
  if (!isEventType(envelope.type)) return { ok: false, errors: [unknownEventTypeError(envelope.type)] };
  const payload = validatePayload(envelope.type, envelope.data, 'data');
  return payload.ok ? { ok: true, value: envelope as CatalogEvent } : { ok: false, errors: payload.errors };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(path: string, message: string): Validated<never> {
  return { ok: false, errors: [{ path, message }] };
}

const newDate = () => new Date();
const newUuid = () => crypto.randomUUID();
