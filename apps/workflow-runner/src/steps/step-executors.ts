import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  buildEnvelope,
  compileCel,
  customerIdOf,
  evaluateCelCondition,
  type TriggerData,
  validateEvent,
} from '@triggerline/contracts';
import { JetStreamPublisher, NonRetryableError, publishEvent } from '@triggerline/messaging';
import { RUNNER_ENV, type RunnerEnv } from '../env.schema.js';
import type { ExecutionEntity } from '../executions/execution.entity.js';
import { renderMap, renderText, type TemplateContext } from '../templates/template-engine.js';
import { runHttpRequest } from './http-request.executor.js';
import type { ConditionStep, EmitEventStep, Step } from './step-schemas.js';

/** What a finished step leaves behind, and where the run goes next. */
export interface StepOutcome {
  output: unknown;
  /** Values a `set` step adds to `vars`. */
  vars?: Record<string, unknown>;
  /** A `condition` step: continue at this step (skipping those between), or skip all the rest. */
  next?: { stepId: string } | 'end';
}

const EVENT_SOURCE = '/triggerline/workflow-runner';

/** Runs one step of each type, except `delay`, which the execution runner handles durably. */
@Injectable()
export class StepExecutors {
  private readonly logger = new Logger('WorkflowLog');

  constructor(
    private readonly publisher: JetStreamPublisher,
    @Inject(RUNNER_ENV) private readonly env: RunnerEnv,
  ) {}

  async run(
    step: Step,
    context: TemplateContext,
    execution: ExecutionEntity,
    signal: AbortSignal,
  ): Promise<StepOutcome> {
    switch (step.type) {
      case 'log': {
        const message = await renderText(step.message, context);
        this.logger[step.level === 'error' ? 'error' : step.level === 'warn' ? 'warn' : 'log'](
          `${execution.workflowId} ${execution.id} ${step.id}: ${message}`,
        );
        return { output: { message } };
      }
      case 'set': {
        const values = await renderMap(step.values, context);
        return { output: values, vars: values };
      }
      case 'condition':
        return this.condition(step, context);
      case 'http_request':
        return { output: await runHttpRequest(step, context, signal) };
      case 'emit_event':
        return { output: await this.emit(step, context, execution) };
      case 'delay':
        throw new Error('delay steps are run by the execution runner');
    }
  }

  private condition(step: ConditionStep, context: TemplateContext): StepOutcome {
    const compiled = compileCel(step.expression, 'expression');
    // Validated when the workflow was saved; a failure here means the definition bypassed that.
    if (!compiled.ok) throw new NonRetryableError(compiled.errors[0].message);
    const result = evaluateCelCondition(compiled.value, { ...context });
    const target = result ? step.then : step.else;
    return { output: { result }, next: target ? { stepId: target } : result ? undefined : 'end' };
  }

  /** The event id is derived from the execution and step, so a retried step emits the same event once. */
  private async emit(step: EmitEventStep, context: TemplateContext, execution: ExecutionEntity) {
    const depth = chainDepthOf(execution.trigger) + 1;
    if (depth > this.env.EMIT_EVENT_MAX_CHAIN_DEPTH) {
      throw new NonRetryableError(
        `chain depth ${depth} exceeds EMIT_EVENT_MAX_CHAIN_DEPTH ${this.env.EMIT_EVENT_MAX_CHAIN_DEPTH}: workflows are triggering each other in a loop`,
      );
    }
    const data = await renderMap(step.data, context);
    const envelope = buildEnvelope({
      id: `${execution.id}.${step.id}`,
      source: step.source ?? EVENT_SOURCE,
      type: step.event,
      time: new Date(),
      data,
      customerId: customerIdOf(data),
      chainDepth: depth,
    });
    const checked = validateEvent(envelope);
    if (!checked.ok) {
      throw new NonRetryableError(
        `the event does not match ${step.event}: ${checked.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      );
    }
    const ack = await publishEvent(this.publisher, envelope);
    return { event_id: envelope.id, type: envelope.type, stream_sequence: ack.seq };
  }
}

/** Depth of the event that triggered this run: 0 for an outside event or a non-event trigger. */
function chainDepthOf(trigger: TriggerData): number {
  return trigger.trigger_type === 'event' ? (trigger.chain_depth ?? 0) : 0;
}
