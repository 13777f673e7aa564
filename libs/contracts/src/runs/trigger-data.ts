import { dateTime, nonEmptyString } from '../validation/common-schemas.js';
import { SCHEDULE_TYPES, type ScheduleType } from '../triggers/trigger.js';

// What started a run, as the runner records it beside the execution (the seed's `trigger_data`).

export interface EventTriggerData {
  trigger_type: 'event';
  /** The event type. Any string here, so a runner older than the catalog still accepts the run. */
  event: string;
  event_id: string;
  /** The event's `time`. */
  timestamp: string;
  /**
   * The event's `chaindepth`: how many workflow runs led to it. A run's `emit_event` step emits at
   * this depth + 1, and the runner refuses past its limit, so workflows cannot loop for ever.
   */
  chain_depth?: number;
}

export interface ScheduleTriggerData {
  trigger_type: 'schedule';
  schedule_type: ScheduleType;
  /** The fire time this run is for (not when it was sent), ISO UTC. */
  scheduled_time: string;
}

export interface WebhookTriggerData {
  trigger_type: 'webhook';
  webhook_id: string;
  delivery_id: string;
  /** Request headers without credentials (Authorization, Cookie) or signatures. */
  headers: Record<string, string>;
  received_at: string;
}

export interface ManualTriggerData {
  trigger_type: 'manual';
  triggered_at: string;
  /** Who asked, e.g. the API key's name. */
  triggered_by?: string;
}

export type TriggerData = EventTriggerData | ScheduleTriggerData | WebhookTriggerData | ManualTriggerData;

export const TRIGGER_DATA_SCHEMA = {
  title: 'Trigger data',
  type: 'object',
  discriminator: { propertyName: 'trigger_type' },
  oneOf: [
    {
      type: 'object',
      required: ['trigger_type', 'event', 'event_id', 'timestamp'],
      properties: {
        trigger_type: { const: 'event' },
        event: nonEmptyString,
        event_id: nonEmptyString,
        timestamp: dateTime,
        chain_depth: { type: 'integer', minimum: 0 },
      },
      additionalProperties: true,
    },
    {
      type: 'object',
      required: ['trigger_type', 'schedule_type', 'scheduled_time'],
      properties: {
        trigger_type: { const: 'schedule' },
        schedule_type: { enum: SCHEDULE_TYPES },
        scheduled_time: dateTime,
      },
      additionalProperties: true,
    },
    {
      type: 'object',
      required: ['trigger_type', 'webhook_id', 'delivery_id', 'headers', 'received_at'],
      properties: {
        trigger_type: { const: 'webhook' },
        webhook_id: nonEmptyString,
        delivery_id: nonEmptyString,
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        received_at: dateTime,
      },
      additionalProperties: true,
    },
    {
      type: 'object',
      required: ['trigger_type', 'triggered_at'],
      properties: { trigger_type: { const: 'manual' }, triggered_at: dateTime, triggered_by: nonEmptyString },
      additionalProperties: true,
    },
  ],
};
