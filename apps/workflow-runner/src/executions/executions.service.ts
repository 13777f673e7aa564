import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { manualRunKey, runRequestedSubject, type RunRequest } from '@triggerline/contracts';
import { JetStreamPublisher } from '@triggerline/messaging';
import { DomainError, ErrorCode, NotFoundError, ValidationFailedError } from '@triggerline/service';
import type { Repository } from 'typeorm';
import { WorkflowsService } from '../workflows/workflows.service.js';
import { ExecutionEntity, type ExecutionStatus, TERMINAL_STATUSES } from './execution.entity.js';
import { executionIdFor } from './execution-id.js';
import { ExecutionRunner } from './execution-runner.js';
import { StepResultEntity } from './step-result.entity.js';

const STATUSES: readonly ExecutionStatus[] = ['running', 'waiting', 'succeeded', 'failed', 'cancelled'];

/** Reading executions, starting manual runs and cancelling. */
@Injectable()
export class ExecutionsService {
  constructor(
    @InjectRepository(ExecutionEntity) private readonly executions: Repository<ExecutionEntity>,
    @InjectRepository(StepResultEntity) private readonly steps: Repository<StepResultEntity>,
    private readonly workflows: WorkflowsService,
    private readonly publisher: JetStreamPublisher,
    private readonly runner: ExecutionRunner,
  ) {}

  /** Publishes a manual run request; the execution id is known at once (it follows from the key). */
  async runManually(workflowId: string, input: unknown, triggeredBy?: string) {
    await this.workflows.load(workflowId);
    if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input))) {
      throw new ValidationFailedError([
        { path: '', message: 'the body is the run input and must be a JSON object' },
      ]);
    }
    const now = new Date().toISOString();
    const request: RunRequest = {
      idempotency_key: manualRunKey(),
      workflow_id: workflowId,
      trigger: {
        trigger_type: 'manual',
        triggered_at: now,
        ...(triggeredBy ? { triggered_by: triggeredBy } : {}),
      },
      input: (input as Record<string, unknown> | undefined) ?? {},
      requested_at: now,
    };
    await this.publisher.publish(runRequestedSubject(workflowId), request, {
      msgId: request.idempotency_key,
    });
    return {
      execution_id: executionIdFor(request.idempotency_key),
      idempotency_key: request.idempotency_key,
    };
  }

  async list(workflowId: string, status: string | undefined, limit: number, cursor?: string) {
    if (status !== undefined && !STATUSES.includes(status as ExecutionStatus)) {
      throw new ValidationFailedError([{ path: 'status', message: `must be one of ${STATUSES.join(', ')}` }]);
    }
    const query = this.executions
      .createQueryBuilder('e')
      .where('e.workflow_id = :workflowId', { workflowId })
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(limit + 1);
    if (status) query.andWhere('e.status = :status', { status });
    if (cursor) {
      const [createdAt, id] = cursor.split('|');
      query.andWhere('(e.created_at < :createdAt OR (e.created_at = :createdAt AND e.id < :id))', {
        createdAt,
        id,
      });
    }
    const rows = await query.getMany();
    const items = rows.slice(0, limit).map((execution) => toView(execution));
    const last = rows[limit - 1];
    return { items, next_cursor: rows.length > limit ? `${last.createdAt}|${last.id}` : null };
  }

  async get(id: string) {
    const execution = await this.executions.findOneBy({ id });
    if (!execution) throw new NotFoundError('execution', id);
    const steps = await this.steps.find({ where: { executionId: id }, order: { position: 'ASC' } });
    return toView(execution, steps);
  }

  /** A waiting execution ends now; a running one stops before its next step. */
  async cancel(id: string) {
    const execution = await this.executions.findOneBy({ id });
    if (!execution) throw new NotFoundError('execution', id);
    if (TERMINAL_STATUSES.includes(execution.status)) {
      throw new DomainError(ErrorCode.Conflict, `execution ${id} already ${execution.status}`);
    }
    await this.executions.update(id, { cancelRequested: true });
    if (execution.status === 'waiting')
      await this.runner.finish(execution, 'cancelled', 'cancelled on request');
    return { execution_id: id, cancel_requested: true };
  }
}

function toView(execution: ExecutionEntity, steps?: StepResultEntity[]) {
  return {
    id: execution.id,
    workflow_id: execution.workflowId,
    workflow_version: execution.workflowVersion,
    idempotency_key: execution.idempotencyKey,
    status: execution.status,
    trigger: execution.trigger,
    input: execution.input,
    vars: execution.vars,
    error: execution.error,
    failed_step: execution.failedStep,
    requested_at: execution.requestedAt,
    started_at: execution.startedAt,
    finished_at: execution.finishedAt,
    ...(steps
      ? {
          steps: steps.map((step) => ({
            id: step.stepId,
            type: step.stepType,
            status: step.status,
            attempts: step.attempts,
            output: step.output,
            error: step.error,
            resume_at: step.resumeAt,
            started_at: step.startedAt,
            finished_at: step.finishedAt,
          })),
        }
      : {}),
  };
}
