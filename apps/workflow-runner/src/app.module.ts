import { type DynamicModule, Module } from '@nestjs/common';
import { serviceFoundation } from '@triggerline/service';
import { RUNNER_ENV, type RunnerEnv } from './env.schema.js';
import { ExecutionEntity } from './executions/execution.entity.js';
import { ExecutionsModule } from './executions/executions.module.js';
import { RunSlotEntity } from './executions/run-slot.entity.js';
import { StepResultEntity } from './executions/step-result.entity.js';
import { RUNNER_MIGRATIONS } from './migrations/index.js';
import { WorkflowEntity } from './workflows/workflow.entity.js';
import { WorkflowsModule } from './workflows/workflows.module.js';

export const RUNNER_ENTITIES = [WorkflowEntity, ExecutionEntity, StepResultEntity, RunSlotEntity];
export const SERVICE_NAME = 'workflow-runner';

@Module({})
export class AppModule {
  /** The whole runner for a validated environment (see env.schema.ts). */
  static forRoot(env: RunnerEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceFoundation({
          name: SERVICE_NAME,
          env,
          entities: RUNNER_ENTITIES,
          migrations: RUNNER_MIGRATIONS,
        }),
        WorkflowsModule,
        ExecutionsModule,
      ],
      providers: [{ provide: RUNNER_ENV, useValue: env }],
      exports: [RUNNER_ENV],
      global: true,
    };
  }
}
