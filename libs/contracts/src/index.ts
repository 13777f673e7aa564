export * from './validation/field-error.js';
export { compileValidator } from './validation/schema-validator.js';
export { isCronExpression, isIanaTimeZone } from './validation/formats.js';

export * from './events/event-type.js';
export * from './events/catalog.js';
export * from './events/payload-validation.js';
export {
  buildEnvelope,
  createEvent,
  customerIdOf,
  eventEnvelopeSchema,
  EVENT_ENVELOPE_SCHEMA,
  type CatalogEvent,
  type CreateEventOptions,
  type EventEnvelope,
  type EventEnvelopeOf,
} from './events/envelope.js';
export * from './events/normalize-event.js';

export * from './subjects/subjects.js';

export * from './triggers/trigger.js';
export * from './triggers/trigger.schema.js';

export * from './schedules/presets.js';

export * from './runs/trigger-data.js';
export * from './runs/run-request.js';
export * from './runs/run-result.js';
export * from './runs/idempotency-keys.js';

export * from './workflows/lifecycle.js';

export * from './asyncapi/asyncapi-types.js';
export * from './asyncapi/asyncapi-document.js';
export * from './expressions/cel-expression.js';
