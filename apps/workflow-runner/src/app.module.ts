import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NatsModule } from '@triggerline/messaging-nest';
import { dataSourceOptions } from '@triggerline/persistence';
import { ServiceModule } from '@triggerline/service';
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
  static forRoot(env: RunnerEnv, options: { synchronize?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(
          dataSourceOptions({
            url: env.DATABASE_URL,
            entities: RUNNER_ENTITIES,
            migrations: RUNNER_MIGRATIONS,
            synchronize: options.synchronize,
          }),
        ),
        NatsModule.forRootAsync({
          useFactory: () => ({
            servers: env.NATS_URL.join(','),
            name: SERVICE_NAME,
            replicas: env.NATS_REPLICAS,
          }),
        }),
        ServiceModule.forRootAsync({
          useFactory: () => ({
            name: SERVICE_NAME,
            apiKeys: env.API_KEYS,
            logLevel: env.LOG_LEVEL,
            database: true,
          }),
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
