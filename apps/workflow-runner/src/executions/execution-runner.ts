import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { RunRequest } from '@triggerline/contracts';
import { NonRetryableError, RedeliverLater } from '@triggerline/messaging';
import { isUniqueViolation, row } from '@triggerline/persistence';
import type { Repository } from 'typeorm';
import { WorkflowEntity } from '../workflows/workflow.entity.js';
import { ConcurrencySlots } from './concurrency-slots.js';
import { type ExecutionEntity as Execution, ExecutionEntity, TERMINAL_STATUSES } from './execution.entity.js';
import { executionIdFor } from './execution-id.js';
import { ExecutionSteps } from './execution-steps.js';
import { RunResultsPublisher } from './run-results.publisher.js';
import { RunnerMetrics } from './runner-metrics.js';

/** How long a run waits for a free `max_concurrency` slot before it asks again. */
const SLOT_WAIT_MS = 250;

/**
 * Turns one delivery of a run request into progress on its execution. The request is acked
 * only when the execution has ended; a crash brings it back and the run resumes after the last
 * finished step; a durable delay or a busy workflow sends it back to NATS to wait.
 */
@Injectable()
export class ExecutionRunner {
  constructor(
    @InjectRepository(ExecutionEntity) private readonly executions: Repository<ExecutionEntity>,
    @InjectRepository(WorkflowEntity) private readonly workflows: Repository<WorkflowEntity>,
    private readonly slots: ConcurrencySlots,
    private readonly steps: ExecutionSteps,
    private readonly results: RunResultsPublisher,
    private readonly metrics: RunnerMetrics,
  ) {}

  async handle(request: RunRequest): Promise<void> {
    const { execution, created } = await this.open(request);
    if (TERMINAL_STATUSES.includes(execution.status)) return this.results.publish(execution);
    if (execution.cancelRequested) return this.finish(execution, 'cancelled', 'cancelled on request');
    const { max_concurrency: maxConcurrency } = execution.plan;
    if (maxConcurrency && !(await this.slots.acquire(execution.workflowId, execution.id, maxConcurrency))) {
      throw new RedeliverLater(
        SLOT_WAIT_MS,
        `workflow ${execution.workflowId} runs ${maxConcurrency} at once already`,
      );
    }
    if (!execution.startedAt) {
      execution.startedAt = new Date().toISOString();
      this.observeStart(execution);
      await this.executions.update(execution.id, { startedAt: execution.startedAt, status: 'running' });
    }
    // A run opened by this delivery has no step results and no cancel request yet: no need to read them.
    const outcome = await this.steps.advance(execution, { fresh: created });
    if (outcome.status === 'succeeded') await this.finish(execution, 'succeeded');
    else await this.finish(execution, outcome.status, outcome.error, outcome.failedStep);
  }

  private observeStart(execution: Execution): void {
    this.metrics.queueLag.observe(
      (Date.parse(execution.startedAt ?? execution.createdAt) - Date.parse(execution.requestedAt)) / 1000,
    );
  }

  /** The execution of this request: made now (keyed by the idempotency key), or the one made before. */
  private async open(request: RunRequest): Promise<{ execution: Execution; created: boolean }> {
    const existing = await this.executions.findOneBy({ idempotencyKey: request.idempotency_key });
    if (existing) return { execution: existing, created: false };
    const workflow = await this.workflows.findOneBy({ id: request.workflow_id });
    const refusal =
      !workflow || workflow.deletedAt
        ? 'the workflow does not exist'
        : workflow.status !== 'active' && request.trigger.trigger_type !== 'manual'
          ? `the workflow is ${workflow.status}`
          : undefined;
    const now = new Date().toISOString();
    const execution = this.executions.create({
      id: executionIdFor(request.idempotency_key),
      workflowId: request.workflow_id,
      workflowVersion: workflow?.version ?? 0,
      idempotencyKey: request.idempotency_key,
      // A refused request is still recorded, with its reason: nothing accepted disappears.
      status: refusal ? 'cancelled' : 'running',
      error: refusal ?? null,
      failedStep: null,
      trigger: request.trigger,
      input: request.input,
      vars: {},
      plan:
        workflow && !refusal
          ? {
              steps: workflow.steps,
              max_concurrency: workflow.maxConcurrency ?? undefined,
              timeout_seconds: workflow.timeoutSeconds ?? undefined,
            }
          : { steps: [] },
      cancelRequested: false,
      correlationId: request.correlation_id ?? null,
      requestedAt: request.requested_at,
      createdAt: now,
      // Starts now unless it is refused or must first get one of its workflow's slots.
      startedAt: refusal || workflow?.maxConcurrency ? null : now,
      finishedAt: refusal ? now : null,
    });
    try {
      await this.executions.insert(row<ExecutionEntity>(execution));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another replica opened it first: carry on with that one.
      const winner = await this.executions.findOneBy({ idempotencyKey: request.idempotency_key });
      if (!winner) throw new NonRetryableError(`execution ${execution.id} vanished after a unique violation`);
      return { execution: winner, created: false };
    }
    if (refusal) this.metrics.runsFinished.inc({ status: 'cancelled' });
    if (execution.startedAt) this.observeStart(execution);
    return { execution, created: true };
  }

  async finish(
    execution: Execution,
    status: 'succeeded' | 'failed' | 'cancelled',
    error?: string,
    failedStep?: string,
  ): Promise<void> {
    Object.assign(execution, {
      status,
      error: error ?? null,
      failedStep: failedStep ?? null,
      finishedAt: new Date().toISOString(),
    });
    await this.executions.update(execution.id, {
      status,
      error: execution.error,
      failedStep: execution.failedStep,
      finishedAt: execution.finishedAt,
    });
    // Only a workflow with max_concurrency (frozen in the plan when the run opened) takes slots.
    if (execution.plan.max_concurrency) await this.slots.release(execution.id);
    this.metrics.runsFinished.inc({ status });
    await this.results.publish(execution);
  }
}
