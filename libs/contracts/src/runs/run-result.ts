import type { Validated } from '../validation/field-error.js';
import { dateTime, nonEmptyString } from '../validation/common-schemas.js';
import { compileValidator } from '../validation/schema-validator.js';

export const RUN_STATUSES = ['succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** How a run ended, sent by the runner on `runs.finished.<workflowId>`. */
export interface RunResult {
  execution_id: string;
  workflow_id: string;
  /** The request's key, so the requester can match the result to what it sent. */
  idempotency_key: string;
  status: RunStatus;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  /** Present when the run failed. */
  error?: { message: string; step_id?: string };
}

export const RUN_RESULT_SCHEMA = {
  title: 'Run result',
  type: 'object',
  required: [
    'execution_id',
    'workflow_id',
    'idempotency_key',
    'status',
    'started_at',
    'finished_at',
    'duration_ms',
  ],
  properties: {
    execution_id: nonEmptyString,
    workflow_id: nonEmptyString,
    idempotency_key: nonEmptyString,
    status: { enum: RUN_STATUSES },
    started_at: dateTime,
    finished_at: dateTime,
    duration_ms: { type: 'integer', minimum: 0 },
    error: {
      type: 'object',
      required: ['message'],
      properties: { message: nonEmptyString, step_id: nonEmptyString },
      additionalProperties: true,
    },
  },
  additionalProperties: true,
  // A failure without its reason leaves the schedule's stats and the user guessing.
  if: { properties: { status: { const: 'failed' } }, required: ['status'] },
  then: { required: ['error'], properties: { error: true } }, // `true`: declared above, for Ajv's strict mode
};

const validate = compileValidator<RunResult>(RUN_RESULT_SCHEMA);

export function validateRunResult(value: unknown, basePath = ''): Validated<RunResult> {
  return validate(value, basePath);
}
