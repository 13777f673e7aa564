import type { WorkflowDefinition, WorkflowLifecycleMessage } from '@triggerline/contracts';
import type { WorkflowEntity } from './workflow.entity.js';

/** The wire form of a stored workflow: what the API returns and `workflows.<id>` carries. */
export function toDefinition(entity: WorkflowEntity): WorkflowDefinition {
  return {
    id: entity.id,
    name: entity.name,
    ...(entity.description ? { description: entity.description } : {}),
    status: entity.status,
    trigger: entity.trigger,
    steps: entity.steps.map((step) => ({ ...step })),
    ...(entity.maxConcurrency ? { max_concurrency: entity.maxConcurrency } : {}),
    ...(entity.timeoutSeconds ? { timeout_seconds: entity.timeoutSeconds } : {}),
    version: entity.version,
    created_at: entity.createdAt.toISOString(),
    updated_at: entity.updatedAt.toISOString(),
  };
}

export function toLifecycleMessage(entity: WorkflowEntity): WorkflowLifecycleMessage {
  return entity.deletedAt
    ? {
        kind: 'workflow.deleted',
        workflow_id: entity.id,
        version: entity.version,
        deleted_at: entity.deletedAt,
      }
    : { kind: 'workflow.upserted', workflow: toDefinition(entity) };
}
