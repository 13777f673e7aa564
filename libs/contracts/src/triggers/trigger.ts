import type { EventType } from '../events/catalog.js';

// What starts a workflow. The shapes here are the contract; trigger.schema.ts checks them at run time.

export const TRIGGER_TYPES = ['event', 'schedule', 'webhook', 'manual'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

export const SCHEDULE_TYPES = ['cron', 'interval', 'daily', 'weekly'] as const;
export type ScheduleType = (typeof SCHEDULE_TYPES)[number];

/** What to do about fire times missed while the scheduler was down. */
export const MISFIRE_POLICIES = ['fire_once', 'skip', 'fire_all'] as const;
export type MisfirePolicy = (typeof MISFIRE_POLICIES)[number];

/** What to do when a fire time comes while the previous run is still going. */
export const OVERLAP_POLICIES = ['allow', 'skip'] as const;
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];

/** How a webhook delivery proves where it comes from. */
export const WEBHOOK_SCHEMES = ['standard', 'hmac-sha256', 'github', 'stripe', 'none'] as const;
export type WebhookScheme = (typeof WEBHOOK_SCHEMES)[number];

export const EVENT_FILTER_MAX_LENGTH = 2000;
export const MAX_INTERVAL_SECONDS = 31_536_000; // one year

/** Values an omitted optional field stands for. */
export const TRIGGER_DEFAULTS = {
  timezone: 'UTC',
  misfire: 'fire_once',
  overlap: 'allow',
  scheme: 'standard',
} as const satisfies {
  timezone: string;
  misfire: MisfirePolicy;
  overlap: OverlapPolicy;
  scheme: WebhookScheme;
};

export interface EventTrigger {
  type: 'event';
  event: EventType;
  /** A CEL expression over the event; only its shape is checked here, the gateway compiles it. */
  filter?: string;
}

/** Settings every schedule shares. */
export interface ScheduleOptions {
  /** IANA time zone the schedule is read in; default UTC. */
  timezone?: string;
  misfire?: MisfirePolicy;
  overlap?: OverlapPolicy;
}

export interface CronSchedule extends ScheduleOptions {
  type: 'schedule';
  schedule_type: 'cron';
  cron: string;
}

export interface IntervalSchedule extends ScheduleOptions {
  type: 'schedule';
  schedule_type: 'interval';
  interval_seconds: number;
}

export interface DailySchedule extends ScheduleOptions {
  type: 'schedule';
  schedule_type: 'daily';
  /** HH:MM */
  time: string;
}

export interface WeeklySchedule extends ScheduleOptions {
  type: 'schedule';
  schedule_type: 'weekly';
  /** 0 = Monday ... 6 = Sunday, as in the seed (cron counts from Sunday instead). */
  day: number;
  /** HH:MM */
  time: string;
}

export type ScheduleTrigger = CronSchedule | IntervalSchedule | DailySchedule | WeeklySchedule;

export interface WebhookTrigger {
  type: 'webhook';
  /** Below /webhooks/, e.g. "billing/stripe"; when absent the ingress assigns one. */
  path?: string;
  scheme?: WebhookScheme;
}

export interface ManualTrigger {
  type: 'manual';
}

export type TriggerDefinition = EventTrigger | ScheduleTrigger | WebhookTrigger | ManualTrigger;

/** The schedule-specific fields, so a field can be named as belonging to its schedule type. */
export const SCHEDULE_FIELDS = {
  cron: ['cron'],
  interval: ['interval_seconds'],
  daily: ['time'],
  weekly: ['day', 'time'],
} as const satisfies Record<ScheduleType, readonly string[]>;

/** Fills the defaults of optional fields, so consumers read one value instead of guessing. */
export function applyTriggerDefaults<T extends ScheduleTrigger>(trigger: T): T & Required<ScheduleOptions>;
export function applyTriggerDefaults<T extends WebhookTrigger>(trigger: T): T & { scheme: WebhookScheme };
export function applyTriggerDefaults<T extends TriggerDefinition>(trigger: T): T;
export function applyTriggerDefaults(trigger: TriggerDefinition): TriggerDefinition {
  switch (trigger.type) {
    case 'schedule': {
      const { timezone, misfire, overlap } = TRIGGER_DEFAULTS;
      return {
        ...trigger,
        timezone: trigger.timezone ?? timezone,
        misfire: trigger.misfire ?? misfire,
        overlap: trigger.overlap ?? overlap,
      };
    }
    case 'webhook':
      return { ...trigger, scheme: trigger.scheme ?? TRIGGER_DEFAULTS.scheme };
    default:
      return trigger;
  }
}
