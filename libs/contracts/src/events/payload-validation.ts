import type { FieldError, Validated } from '../validation/field-error.js';
import { compileValidator } from '../validation/schema-validator.js';
import { EVENT_CATALOG, type EventPayload, type EventType } from './catalog.js';

const validators = new Map(
  EVENT_CATALOG.map((entry) => [
    entry.type as string,
    compileValidator<Record<string, unknown>>(entry.payloadSchema),
  ]),
);

/**
 * Checks a payload against its event type's schema. Returns every error, each with the path of the
 * field (`amount`, `invoice.lines[0].sku`, or `data.amount` with basePath `data`); an unknown type
 * is an error on `type`.
 */
export function validatePayload<T extends EventType>(
  type: T,
  data: unknown,
  basePath?: string,
): Validated<EventPayload<T>>;
export function validatePayload(
  type: string,
  data: unknown,
  basePath?: string,
): Validated<Record<string, unknown>>;
export function validatePayload(
  type: string,
  data: unknown,
  basePath = '',
): Validated<Record<string, unknown>> {
  const validate = validators.get(type);
  if (!validate) return { ok: false, errors: [unknownEventTypeError(type)] };
  return validate(data, basePath);
}

export function unknownEventTypeError(type: string, path = 'type'): FieldError {
  return { path, message: `"${type}" is not a known event type (GET /event-types lists them)` };
}
