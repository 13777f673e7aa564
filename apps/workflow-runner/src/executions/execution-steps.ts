import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { NonRetryableError, RedeliverLater } from '@triggerline/messaging';
import { row } from '@triggerline/persistence';
import type { DataSource, Repository } from 'typeorm';
import { HttpStepError } from '../steps/http-request.executor.js';
import { type StepOutcome, StepExecutors } from '../steps/step-executors.js';
import type { DelayStep, Step } from '../steps/step-schemas.js';
import type { TemplateContext } from '../templates/template-engine.js';
import { ExecutionEntity } from './execution.entity.js';
import { RunnerMetrics } from './runner-metrics.js';
import { StepResultEntity } from './step-result.entity.js';

export type AdvanceOutcome =
  { status: 'succeeded' } | { status: 'failed' | 'cancelled'; error: string; failedStep?: string };

/** Retries shorter than this wait in the worker; longer ones go back to NATS. */
const INLINE_BACKOFF_LIMIT_MS = 5_000;
const DEFAULT_STEP_TIMEOUT_S = 30;

/**
 * Runs an execution's steps from the first unfinished one, writing each result as it happens:
 * after a crash, finished steps are not run again.
 */
@Injectable()
export class ExecutionSteps {
  constructor(
    @InjectRepository(StepResultEntity) private readonly results: Repository<StepResultEntity>,
    @InjectRepository(ExecutionEntity) private readonly executions: Repository<ExecutionEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly executors: StepExecutors,
    private readonly metrics: RunnerMetrics,
  ) {}

  /** `fresh`: the execution was opened by this delivery, so it has no results or cancel request yet. */
  async advance(execution: ExecutionEntity, { fresh = false } = {}): Promise<AdvanceOutcome> {
    const { steps, timeout_seconds: timeoutSeconds } = execution.plan;
    const done = new Map(
      fresh ? [] : (await this.results.findBy({ executionId: execution.id })).map((r) => [r.stepId, r]),
    );
    const context: TemplateContext = {
      trigger: { ...execution.trigger },
      input: execution.input,
      vars: execution.vars,
      steps: {},
    };
    for (let index = 0; index < steps.length; index++) {
      const step = steps[index];
      const prior = done.get(step.id);
      if (prior?.status === 'succeeded' || prior?.status === 'skipped') {
        if (prior.status === 'succeeded') context.steps[step.id] = { output: prior.output };
        continue;
      }
      const stop = await this.stopReason(execution, timeoutSeconds, fresh && index === 0);
      if (stop) return { ...stop, failedStep: stop.status === 'failed' ? step.id : undefined };
      if (step.type === 'delay') {
        await this.delay(execution, step, index, prior);
        continue;
      }
      const outcome = await this.runWithRetry(execution, step, index, prior, context);
      if ('error' in outcome)
        return { status: 'failed', error: `${step.id}: ${outcome.error}`, failedStep: step.id };
      context.steps[step.id] = { output: outcome.output };
      const skipped = skippedBy(outcome, steps, index);
      if (skipped.length > 0) {
        await this.skip(execution, skipped, steps);
        index += skipped.length;
      }
    }
    return { status: 'succeeded' };
  }

  private async stopReason(
    execution: ExecutionEntity,
    timeoutSeconds: number | undefined,
    justRead: boolean,
  ) {
    const current = justRead ? execution : await this.executions.findOneBy({ id: execution.id });
    if (current?.cancelRequested) return { status: 'cancelled' as const, error: 'cancelled on request' };
    const startedAt = Date.parse(execution.startedAt ?? execution.createdAt);
    if (timeoutSeconds && Date.now() - startedAt > timeoutSeconds * 1000) {
      return { status: 'failed' as const, error: `timed out after ${timeoutSeconds} s` };
    }
    return undefined;
  }

  private async runWithRetry(
    execution: ExecutionEntity,
    step: Exclude<Step, DelayStep>,
    position: number,
    prior: StepResultEntity | undefined,
    context: TemplateContext,
  ): Promise<StepOutcome | { error: string }> {
    const maxAttempts = step.retry?.max_attempts ?? 1;
    const startedAt = prior?.startedAt ?? new Date().toISOString();
    let attempts = prior?.attempts ?? 0;
    for (;;) {
      attempts++;
      // Counted before the attempt: a step that crashes the process still uses up its attempts.
      // One upsert rather than save's read, then write, in a transaction of their own.
      await this.results.upsert(
        {
          executionId: execution.id,
          stepId: step.id,
          position,
          stepType: step.type,
          status: 'running',
          attempts,
          startedAt,
          error: prior?.error ?? null,
        },
        ['executionId', 'stepId'],
      );
      const began = performance.now();
      try {
        const outcome = await withTimeout((step.timeout_seconds ?? DEFAULT_STEP_TIMEOUT_S) * 1000, (signal) =>
          this.executors.run(step, context, execution, signal),
        );
        this.metrics.stepDuration.observe(
          { type: step.type, status: 'succeeded' },
          (performance.now() - began) / 1000,
        );
        const succeeded = row<StepResultEntity>({
          status: 'succeeded',
          output: outcome.output,
          error: null,
          finishedAt: new Date().toISOString(),
        });
        const key = { executionId: execution.id, stepId: step.id };
        if (!outcome.vars) await this.results.update(key, succeeded);
        else {
          // The step's result and the vars it set belong together (a resumed run reads both).
          await this.dataSource.transaction(async (manager) => {
            await manager.update(StepResultEntity, key, succeeded);
            Object.assign(execution.vars, outcome.vars);
            await manager.update(
              ExecutionEntity,
              execution.id,
              row<ExecutionEntity>({ vars: execution.vars }),
            );
          });
        }
        return outcome;
      } catch (error) {
        this.metrics.stepDuration.observe(
          { type: step.type, status: 'failed' },
          (performance.now() - began) / 1000,
        );
        const message = describe(error);
        const output = error instanceof HttpStepError ? error.output : null;
        const final = error instanceof NonRetryableError || attempts >= maxAttempts;
        await this.results.update(
          { executionId: execution.id, stepId: step.id },
          row<StepResultEntity>({
            error: message,
            output,
            ...(final ? { status: 'failed', finishedAt: new Date().toISOString() } : {}),
          }),
        );
        if (final) return { error: message };
        const backoffMs = (step.retry?.backoff_seconds ?? 1) * 1000 * 2 ** (attempts - 1);
        if (backoffMs > INLINE_BACKOFF_LIMIT_MS)
          throw new RedeliverLater(backoffMs, `${step.id} retries in ${backoffMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, backoffMs));
      }
    }
  }

  /** A durable wait: the due time is stored and the request goes back to NATS until then. */
  private async delay(
    execution: ExecutionEntity,
    step: DelayStep,
    position: number,
    prior: StepResultEntity | undefined,
  ): Promise<void> {
    const now = Date.now();
    if (!prior?.resumeAt) {
      const resumeAt = new Date(now + step.seconds * 1000).toISOString();
      await this.dataSource.transaction(async (manager) => {
        await manager.save(StepResultEntity, {
          executionId: execution.id,
          stepId: step.id,
          position,
          stepType: step.type,
          status: 'waiting',
          attempts: 1,
          resumeAt,
          startedAt: new Date(now).toISOString(),
          error: null,
        });
        await manager.update(ExecutionEntity, execution.id, { status: 'waiting' });
      });
      throw new RedeliverLater(step.seconds * 1000, `${step.id} waits until ${resumeAt}`);
    }
    const remaining = Date.parse(prior.resumeAt) - now;
    if (remaining > 0) throw new RedeliverLater(remaining, `${step.id} waits until ${prior.resumeAt}`);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        StepResultEntity,
        { executionId: execution.id, stepId: step.id },
        {
          status: 'succeeded',
          output: { waited_seconds: step.seconds },
          finishedAt: new Date(now).toISOString(),
        },
      );
      await manager.update(ExecutionEntity, execution.id, { status: 'running' });
    });
  }

  private async skip(execution: ExecutionEntity, skipped: Step[], all: Step[]): Promise<void> {
    const now = new Date().toISOString();
    await this.results.save(
      skipped.map((step) => ({
        executionId: execution.id,
        stepId: step.id,
        position: all.indexOf(step),
        stepType: step.type,
        status: 'skipped' as const,
        attempts: 0,
        startedAt: now,
        finishedAt: now,
        error: null,
      })),
    );
  }
}

/** The steps a condition jumps over: up to its target, or all the rest. */
function skippedBy(outcome: StepOutcome, steps: Step[], index: number): Step[] {
  if (!outcome.next) return [];
  if (outcome.next === 'end') return steps.slice(index + 1);
  const { stepId } = outcome.next;
  const target = steps.findIndex((step) => step.id === stepId);
  return steps.slice(index + 1, target);
}

async function withTimeout<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`timed out after ${ms / 1000} s`));
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
