import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { validateRunRequest, workflowIdFromSubject } from '@triggerline/contracts';
import { NonRetryableError } from '@triggerline/messaging';
import { JetStreamContext } from '@triggerline/messaging-nest';
import { ExecutionRunner } from './execution-runner.js';

/** Every run request, from any trigger: one durable consumer shared by the runner's replicas. */
@Controller()
export class RunRequestedHandler {
  constructor(private readonly runner: ExecutionRunner) {}

  @EventPattern<string>('runs.requested.>')
  async handle(@Payload() data: unknown, @Ctx() context: JetStreamContext): Promise<void> {
    const request = validateRunRequest(data);
    if (!request.ok) {
      throw new NonRetryableError(
        `not a run request: ${request.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      );
    }
    if (workflowIdFromSubject(context.getSubject()) !== request.value.workflow_id) {
      throw new NonRetryableError(
        `${context.getSubject()} carries a run of workflow ${request.value.workflow_id}`,
      );
    }
    await this.runner.handle(request.value);
  }
}
