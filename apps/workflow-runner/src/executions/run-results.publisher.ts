import { Injectable } from '@nestjs/common';
import { runFinishedSubject, type RunResult } from '@triggerline/contracts';
import { JetStreamPublisher } from '@triggerline/messaging';
import type { ExecutionEntity } from './execution.entity.js';

/** Publishes how an execution ended on `runs.finished.<workflowId>`, once per execution. */
@Injectable()
export class RunResultsPublisher {
  constructor(private readonly publisher: JetStreamPublisher) {}

  async publish(execution: ExecutionEntity): Promise<void> {
    await this.publisher.publish(runFinishedSubject(execution.workflowId), toRunResult(execution), {
      msgId: `result:${execution.id}`,
    });
  }
}

export function toRunResult(execution: ExecutionEntity): RunResult {
  const startedAt = execution.startedAt ?? execution.createdAt;
  const finishedAt = execution.finishedAt ?? new Date().toISOString();
  const status =
    execution.status === 'succeeded' || execution.status === 'failed' ? execution.status : 'cancelled';
  return {
    execution_id: execution.id,
    workflow_id: execution.workflowId,
    idempotency_key: execution.idempotencyKey,
    status,
    started_at: startedAt,
    finished_at: finishedAt,
    duration_ms: Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt)),
    ...(execution.error
      ? {
          error: {
            message: execution.error,
            ...(execution.failedStep ? { step_id: execution.failedStep } : {}),
          },
        }
      : {}),
  };
}
