import type { TriggerData, WorkflowDefinition } from '@triggerline/contracts';
import type { ApiClient } from './api-client.js';

// The workflow-runner's answers, as its README and controllers describe them.

export interface StepView {
  id: string;
  type: string;
  status: string;
  attempts: number;
  output: unknown;
  error: string | null;
  started_at: string | null;
  finished_at: string | null;
}

export interface ExecutionView {
  id: string;
  workflow_id: string;
  workflow_version: number;
  status: string;
  trigger: TriggerData;
  input: unknown;
  error: string | null;
  failed_step: string | null;
  requested_at: string;
  started_at: string | null;
  finished_at: string | null;
  steps?: StepView[];
}

interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

const WORKFLOW_PAGE = 200;

/** Every workflow, following the runner's pages. */
export async function listAllWorkflows(api: ApiClient): Promise<WorkflowDefinition[]> {
  const all: WorkflowDefinition[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<Page<WorkflowDefinition>>('workflow-runner', '/workflows', {
      limit: WORKFLOW_PAGE,
      cursor,
    });
    all.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return all;
}

/** The newest executions of one workflow. */
export async function listExecutions(
  api: ApiClient,
  workflowId: string,
  filter: { status?: string; limit?: number } = {},
): Promise<ExecutionView[]> {
  const page = await api.get<Page<ExecutionView>>(
    'workflow-runner',
    `/workflows/${encodeURIComponent(workflowId)}/executions`,
    { status: filter.status, limit: filter.limit },
  );
  return page.items;
}

/**
 * The newest executions of every workflow (or of one), newest first: the runner lists them per
 * workflow only, so this asks each.
 */
export async function recentExecutions(
  api: ApiClient,
  filter: { workflowId?: string; status?: string; limit: number },
): Promise<ExecutionView[]> {
  const workflowIds = filter.workflowId
    ? [filter.workflowId]
    : (await listAllWorkflows(api)).map((workflow) => workflow.id);
  const lists = await Promise.all(
    workflowIds.map((id) => listExecutions(api, id, { status: filter.status, limit: filter.limit })),
  );
  return lists
    .flat()
    .sort((a, b) => b.requested_at.localeCompare(a.requested_at))
    .slice(0, filter.limit);
}

/** What started a run, in a few words: "event invoice.paid", "schedule 2026-...", "webhook". */
export function triggerSummary(trigger: TriggerData): string {
  switch (trigger.trigger_type) {
    case 'event':
      return `event ${trigger.event}`;
    case 'schedule':
      return `schedule ${trigger.scheduled_time}`;
    case 'webhook':
      return `webhook ${trigger.delivery_id}`;
    case 'manual':
      return 'manual';
    default:
      return String((trigger as { trigger_type?: unknown }).trigger_type ?? '?');
  }
}
