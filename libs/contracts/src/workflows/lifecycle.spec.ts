import {
  validateWorkflowDefinition,
  validateWorkflowLifecycleMessage,
  type WorkflowDefinition,
  type WorkflowLifecycleMessage,
} from './lifecycle.js';

const workflow: WorkflowDefinition = {
  id: 'wf_1',
  name: 'Chase overdue invoices',
  status: 'active',
  trigger: { type: 'event', event: 'invoice.overdue', filter: 'data.days_overdue > 30' },
  steps: [
    { id: 'email', type: 'send_email', config: { to: '{{customer.email}}' } },
    { id: 'wait', type: 'delay', seconds: 86400 },
  ],
  max_concurrency: 5,
  timeout_seconds: 600,
  version: 3,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-03-01T12:00:00Z',
};

describe('workflow lifecycle messages', () => {
  it('accepts an upsert and a tombstone', () => {
    const upserted: WorkflowLifecycleMessage = { kind: 'workflow.upserted', workflow };
    const deleted: WorkflowLifecycleMessage = {
      kind: 'workflow.deleted',
      workflow_id: 'wf_1',
      version: 4,
      deleted_at: '2026-03-02T00:00:00Z',
    };
    expect(validateWorkflowLifecycleMessage(upserted)).toEqual({ ok: true, value: upserted });
    expect(validateWorkflowLifecycleMessage(deleted)).toEqual({ ok: true, value: deleted });
  });

  it('names errors deep inside the workflow, its trigger and its steps', () => {
    const result = validateWorkflowLifecycleMessage({
      kind: 'workflow.upserted',
      workflow: {
        ...workflow,
        status: 'enabled',
        version: 0,
        trigger: { type: 'schedule', schedule_type: 'daily', time: '09:00', timezone: 'Berlin' },
        steps: [{ id: 'email', type: 'send_email' }, { type: 'delay' }, { id: 'x', type: 3 }],
      },
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'workflow.status', message: 'must be one of draft, active, paused, archived' },
        { path: 'workflow.trigger.timezone', message: 'must be an IANA time zone such as "Europe/Berlin"' },
        { path: 'workflow.steps[1].id', message: 'is required' },
        { path: 'workflow.steps[2].type', message: 'must be a string' },
        { path: 'workflow.version', message: 'must be at least 1' },
      ],
    });
  });

  it('names what a tombstone lacks, and an unknown kind', () => {
    expect(validateWorkflowLifecycleMessage({ kind: 'workflow.deleted', workflow_id: 'wf_1' })).toEqual({
      ok: false,
      errors: [
        { path: 'version', message: 'is required' },
        { path: 'deleted_at', message: 'is required' },
      ],
    });
    expect(validateWorkflowLifecycleMessage({ kind: 'workflow.renamed' })).toEqual({
      ok: false,
      errors: [{ path: 'kind', message: 'must be one of workflow.upserted, workflow.deleted' }],
    });
  });

  it('validates a definition on its own under a base path', () => {
    const { trigger: _omitted, ...withoutTrigger } = workflow;
    expect(validateWorkflowDefinition(withoutTrigger, 'body')).toEqual({
      ok: false,
      errors: [{ path: 'body.trigger', message: 'is required' }],
    });
  });
});
