import { EVENT_TYPES } from '@triggerline/contracts';

// JSON Schema of each step type. The runner owns steps: the trigger services never read them.
// Templates are Liquid (`{{ input.amount }}`); what a template may read is in template-engine.ts.

const DAY_SECONDS = 24 * 60 * 60;
export const MAX_DELAY_SECONDS = 30 * DAY_SECONDS;
export const STEP_TYPES = ['log', 'set', 'condition', 'http_request', 'emit_event', 'delay'] as const;
export type StepType = (typeof STEP_TYPES)[number];

const stepId = {
  type: 'string',
  pattern: '^[a-z][a-z0-9_]{0,63}$',
  'x-error-message': 'must be lower case letters, digits and _, starting with a letter',
};
const template = { type: 'string', maxLength: 10_000 };
const templateMap = {
  type: 'object',
  additionalProperties: template,
  propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
};

const common = {
  id: stepId,
  name: { type: 'string', maxLength: 200 },
  retry: {
    type: 'object',
    required: ['max_attempts'],
    properties: {
      max_attempts: { type: 'integer', minimum: 1, maximum: 10 },
      backoff_seconds: { type: 'number', minimum: 0, maximum: 3600 },
    },
    additionalProperties: false,
  },
  timeout_seconds: { type: 'number', exclusiveMinimum: 0, maximum: DAY_SECONDS },
};

function step(type: StepType, required: string[], properties: object) {
  return {
    type: 'object',
    required: ['id', 'type', ...required],
    properties: { type: { const: type }, ...common, ...properties },
    additionalProperties: false,
  };
}

export const STEP_SCHEMA = {
  type: 'object',
  discriminator: { propertyName: 'type' },

  oneOf: [
    step('log', ['message'], {
      message: template,
      level: { enum: ['debug', 'info', 'warn', 'error'] },
    }),
    step('set', ['values'], { values: { ...templateMap, minProperties: 1 } }),
    step('condition', ['expression'], {
      expression: { type: 'string', minLength: 1, maxLength: 2_000 },
      then: stepId,
      else: stepId,
    }),
    step('http_request', ['url'], {
      method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] },
      url: template,
      headers: templateMap,
      body: template,
      max_response_bytes: { type: 'integer', minimum: 1, maximum: 10 * 1024 * 1024 },
    }),
    step('emit_event', ['event', 'data'], {
      event: {
        type: 'string',
        enum: EVENT_TYPES,
        'x-error-message': 'is not a known event type (GET /event-types lists them)',
      },
      data: templateMap,
      source: { type: 'string', minLength: 1, maxLength: 200 },
    }),
    step('delay', ['seconds'], {
      seconds: { type: 'number', exclusiveMinimum: 0, maximum: MAX_DELAY_SECONDS },
    }),
  ],
};

interface StepBase {
  id: string;
  name?: string;
  retry?: { max_attempts: number; backoff_seconds?: number };
  timeout_seconds?: number;
}

export type LogStep = StepBase & {
  type: 'log';
  message: string;
  level?: 'debug' | 'info' | 'warn' | 'error';
};
export type SetStep = StepBase & { type: 'set'; values: Record<string, string> };
export type ConditionStep = StepBase & {
  type: 'condition';
  expression: string;
  then?: string;
  else?: string;
};
export type HttpRequestStep = StepBase & {
  type: 'http_request';
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  max_response_bytes?: number;
};
export type EmitEventStep = StepBase & {
  type: 'emit_event';
  event: string;
  data: Record<string, string>;
  source?: string;
};
export type DelayStep = StepBase & { type: 'delay'; seconds: number };

export type Step = LogStep | SetStep | ConditionStep | HttpRequestStep | EmitEventStep | DelayStep;
