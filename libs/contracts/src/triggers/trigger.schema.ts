import { EVENT_TYPES } from '../events/catalog.js';
import type { Validated } from '../validation/field-error.js';
import { compileValidator } from '../validation/schema-validator.js';
import {
  EVENT_FILTER_MAX_LENGTH,
  MAX_INTERVAL_SECONDS,
  MISFIRE_POLICIES,
  OVERLAP_POLICIES,
  SCHEDULE_FIELDS,
  SCHEDULE_TYPES,
  TRIGGER_DEFAULTS,
  WEBHOOK_SCHEMES,
  type ScheduleType,
  type TriggerDefinition,
} from './trigger.js';

// JSON Schema (2020-12, draft-07 compatible) of TriggerDefinition: what validateTrigger checks and
// what the OpenAPI and AsyncAPI documents show. `x-error-message` gives the message a reader sees.

const eventTrigger = {
  title: 'Event trigger',
  description: 'Runs the workflow for each event of one catalog type that passes the optional filter',
  type: 'object',
  required: ['type', 'event'],
  properties: {
    type: { const: 'event' },
    event: {
      type: 'string',
      enum: EVENT_TYPES,
      'x-error-message': 'is not a known event type (GET /event-types lists them)',
    },
    filter: {
      type: 'string',
      description: 'CEL expression over the event, e.g. `data.amount > 1000`',
      minLength: 1,
      maxLength: EVENT_FILTER_MAX_LENGTH,
      pattern: '\\S',
      'x-error-message': `must be a CEL expression of 1 to ${EVENT_FILTER_MAX_LENGTH} characters`,
    },
  },
  additionalProperties: false,
};

const scheduleFields = {
  cron: {
    type: 'string',
    format: 'cron',
    description: '5 fields (6 with seconds first), e.g. "0 9 * * 1", or an alias such as "@daily"',
  },
  interval_seconds: { type: 'integer', minimum: 1, maximum: MAX_INTERVAL_SECONDS },
  time: { type: 'string', format: 'hh-mm', description: "HH:MM in the schedule's time zone" },
  day: {
    type: 'integer',
    minimum: 0,
    maximum: 6,
    description: 'Day of the week: 0 = Monday ... 6 = Sunday (as in the seed; cron counts from Sunday)',
  },
};

/**
 * Under one schedule_type its own fields are required and the other types' fields are errors.
 * (`true` marks an own field as allowed here; its schema above does the checking.)
 */
function scheduleTypeRule(scheduleType: ScheduleType) {
  const own: readonly string[] = SCHEDULE_FIELDS[scheduleType];
  const notApplicable = { not: {}, 'x-error-message': `does not apply to schedule_type "${scheduleType}"` };
  const fieldRules = Object.keys(scheduleFields).map((name) => [
    name,
    own.includes(name) ? true : notApplicable,
  ]);
  return {
    if: { properties: { schedule_type: { const: scheduleType } }, required: ['schedule_type'] },
    then: { required: [...own], properties: Object.fromEntries(fieldRules) },
  };
}

const scheduleTrigger = {
  title: 'Schedule trigger',
  description:
    'Runs the workflow at times given by a cron expression, an interval, or a daily or weekly time',
  type: 'object',
  required: ['type', 'schedule_type'],
  properties: {
    type: { const: 'schedule' },
    schedule_type: { enum: SCHEDULE_TYPES },
    ...scheduleFields,
    timezone: { type: 'string', format: 'iana-timezone', default: TRIGGER_DEFAULTS.timezone },
    misfire: {
      enum: MISFIRE_POLICIES,
      default: TRIGGER_DEFAULTS.misfire,
      description: 'Fire times missed while the scheduler was down: run once, skip them, or run each',
    },
    overlap: {
      enum: OVERLAP_POLICIES,
      default: TRIGGER_DEFAULTS.overlap,
      description: 'A fire time while the previous run is still going: run anyway, or skip it',
    },
  },
  additionalProperties: false,
  allOf: SCHEDULE_TYPES.map(scheduleTypeRule),
};

const webhookTrigger = {
  title: 'Webhook trigger',
  description: 'Runs the workflow for each authenticated POST to /webhooks/<path>',
  type: 'object',
  required: ['type'],
  properties: {
    type: { const: 'webhook' },
    path: {
      type: 'string',
      description: 'Below /webhooks/; assigned by the ingress when absent',
      maxLength: 200,
      pattern: '^[a-z0-9_-]+(/[a-z0-9_-]+)*$',
      'x-error-message':
        'must be a path below /webhooks/ of lowercase letters, digits, "-", "_" and "/", without a leading slash (e.g. "billing/stripe")',
    },
    scheme: { enum: WEBHOOK_SCHEMES, default: TRIGGER_DEFAULTS.scheme },
  },
  additionalProperties: false,
};

const manualTrigger = {
  title: 'Manual trigger',
  description: 'Runs the workflow only when someone asks for a run',
  type: 'object',
  required: ['type'],
  properties: { type: { const: 'manual' } },
  additionalProperties: false,
};

export const TRIGGER_SCHEMA = {
  title: 'Trigger',
  type: 'object',
  discriminator: { propertyName: 'type' },
  oneOf: [eventTrigger, scheduleTrigger, webhookTrigger, manualTrigger],
};

const validate = compileValidator<TriggerDefinition>(TRIGGER_SCHEMA);

/** Checks a trigger; every error names its field, e.g. `trigger.timezone`. */
export function validateTrigger(value: unknown, basePath = 'trigger'): Validated<TriggerDefinition> {
  return validate(value, basePath);
}
