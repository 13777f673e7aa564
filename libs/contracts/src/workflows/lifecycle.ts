import { TRIGGER_SCHEMA } from '../triggers/trigger.schema.js';
import type { TriggerDefinition } from '../triggers/trigger.js';
import { dateTime, nonEmptyString, positiveInteger } from '../validation/common-schemas.js';
import type { Validated } from '../validation/field-error.js';
import { compileValidator } from '../validation/schema-validator.js';

// The runner owns workflows and publishes each change on `workflows.<workflowId>` (the stream keeps
// the latest per subject). The other services build their view of workflows from these messages only.

export const WORKFLOW_STATUSES = ['draft', 'active', 'paused', 'archived'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

/** A step as the trigger services see it: the runner owns the rest of its shape. */
export interface WorkflowStep {
  id: string;
  type: string;
  [field: string]: unknown;
}

export interface WorkflowDefinition {
  id: string;
  name: string;
  description?: string;
  /** Only an active workflow is triggered. */
  status: WorkflowStatus;
  trigger: TriggerDefinition;
  steps: WorkflowStep[];
  max_concurrency?: number;
  timeout_seconds?: number;
  /** Grows by one on each change; a reader ignores a message older than what it holds. */
  version: number;
  created_at: string;
  updated_at: string;
}

export interface WorkflowUpserted {
  kind: 'workflow.upserted';
  workflow: WorkflowDefinition;
}

/** The tombstone: the workflow is gone and its triggers must stop. */
export interface WorkflowDeleted {
  kind: 'workflow.deleted';
  workflow_id: string;
  version: number;
  deleted_at: string;
}

export type WorkflowLifecycleMessage = WorkflowUpserted | WorkflowDeleted;

export const WORKFLOW_DEFINITION_SCHEMA = {
  title: 'Workflow definition',
  type: 'object',
  required: ['id', 'name', 'status', 'trigger', 'steps', 'version', 'created_at', 'updated_at'],
  properties: {
    id: nonEmptyString,
    name: nonEmptyString,
    description: { type: 'string' },
    status: { enum: WORKFLOW_STATUSES },
    trigger: TRIGGER_SCHEMA,
    steps: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'type'],
        properties: { id: nonEmptyString, type: nonEmptyString },
        additionalProperties: true,
      },
    },
    max_concurrency: positiveInteger,
    timeout_seconds: positiveInteger,
    version: positiveInteger,
    created_at: dateTime,
    updated_at: dateTime,
  },
  // Tolerant of new fields, so a reader older than the runner keeps working during a rolling deploy.
  additionalProperties: true,
};

export const WORKFLOW_LIFECYCLE_SCHEMA = {
  title: 'Workflow lifecycle message',
  type: 'object',
  discriminator: { propertyName: 'kind' },
  oneOf: [
    {
      type: 'object',
      required: ['kind', 'workflow'],
      properties: { kind: { const: 'workflow.upserted' }, workflow: WORKFLOW_DEFINITION_SCHEMA },
      additionalProperties: true,
    },
    {
      type: 'object',
      required: ['kind', 'workflow_id', 'version', 'deleted_at'],
      properties: {
        kind: { const: 'workflow.deleted' },
        workflow_id: nonEmptyString,
        version: positiveInteger,
        deleted_at: dateTime,
      },
      additionalProperties: true,
    },
  ],
};

const validateDefinition = compileValidator<WorkflowDefinition>(WORKFLOW_DEFINITION_SCHEMA);
const validateMessage = compileValidator<WorkflowLifecycleMessage>(WORKFLOW_LIFECYCLE_SCHEMA);

export function validateWorkflowDefinition(value: unknown, basePath = ''): Validated<WorkflowDefinition> {
  return validateDefinition(value, basePath);
}

export function validateWorkflowLifecycleMessage(
  value: unknown,
  basePath = '',
): Validated<WorkflowLifecycleMessage> {
  return validateMessage(value, basePath);
}
