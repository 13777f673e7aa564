import type { Validated } from '../validation/field-error.js';
import { dateTime, nonEmptyString } from '../validation/common-schemas.js';
import { compileValidator } from '../validation/schema-validator.js';
import { TRIGGER_DATA_SCHEMA, type TriggerData } from './trigger-data.js';

/** One execution to perform, sent on `runs.requested.<workflowId>` by whatever triggered it. */
export interface RunRequest {
  /** See idempotency-keys.ts; also the message's `Nats-Msg-Id`. */
  idempotency_key: string;
  workflow_id: string;
  trigger: TriggerData;
  /** The workflow's input: the event's data, the webhook's body, the caller's input; {} for a schedule. */
  input: Record<string, unknown>;
  requested_at: string;
  /** Carried into logs and the run result, to follow one cause across services. */
  correlation_id?: string;
}

// Messages accept fields they do not know, so a reader older than its writer keeps working
// during a rolling deploy.
export const RUN_REQUEST_SCHEMA = {
  title: 'Run request',
  type: 'object',
  required: ['idempotency_key', 'workflow_id', 'trigger', 'input', 'requested_at'],
  properties: {
    idempotency_key: nonEmptyString,
    workflow_id: nonEmptyString,
    trigger: TRIGGER_DATA_SCHEMA,
    input: { type: 'object' },
    requested_at: dateTime,
    correlation_id: nonEmptyString,
  },
  additionalProperties: true,
};

const validate = compileValidator<RunRequest>(RUN_REQUEST_SCHEMA);

export function validateRunRequest(value: unknown, basePath = ''): Validated<RunRequest> {
  return validate(value, basePath);
}
