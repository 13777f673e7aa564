import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StepExecutors } from '../steps/step-executors.js';
import { WorkflowEntity } from '../workflows/workflow.entity.js';
import { WorkflowsModule } from '../workflows/workflows.module.js';
import { ConcurrencySlots } from './concurrency-slots.js';
import { ExecutionEntity } from './execution.entity.js';
import { ExecutionRunner } from './execution-runner.js';
import { ExecutionSteps } from './execution-steps.js';
import { ExecutionsController } from './executions.controller.js';
import { ExecutionsService } from './executions.service.js';
import { RunRequestedHandler } from './run-requested.handler.js';
import { RunResultsPublisher } from './run-results.publisher.js';
import { RunSlotEntity } from './run-slot.entity.js';
import { RunnerMetrics } from './runner-metrics.js';
import { StepResultEntity } from './step-result.entity.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([ExecutionEntity, StepResultEntity, RunSlotEntity, WorkflowEntity]),
    WorkflowsModule,
  ],
  controllers: [ExecutionsController, RunRequestedHandler],
  providers: [
    ExecutionRunner,
    ExecutionSteps,
    ExecutionsService,
    ConcurrencySlots,
    RunResultsPublisher,
    RunnerMetrics,
    StepExecutors,
  ],
})
export class ExecutionsModule {}
