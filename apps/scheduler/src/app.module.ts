import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { serviceFoundation } from '@triggerline/service';
import { SCHEDULER_ENV, type SchedulerEnv } from './env.schema.js';
import { FiringService } from './firing/firing.service.js';
import { JobsProjection } from './jobs/jobs.projection.js';
import { LeadershipService } from './leadership/leadership.service.js';
import { SCHEDULER_MIGRATIONS } from './migrations/index.js';
import { SchedulerMetrics } from './observability/scheduler.metrics.js';
import { RunFinishedHandler } from './runs/run-finished.handler.js';
import { RunResultsService } from './runs/run-results.service.js';
import { CountedRunEntity } from './runs/counted-run.entity.js';
import { ScheduleEntity } from './schedules/schedule.entity.js';
import { SchedulesController } from './schedules/schedules.controller.js';
import { SchedulesService } from './schedules/schedules.service.js';
import { SchedulesStore } from './schedules/schedules.store.js';

export const SCHEDULER_ENTITIES = [ScheduleEntity, CountedRunEntity];
export const SERVICE_NAME = 'scheduler';

@Module({})
export class AppModule {
  /**
   * The whole scheduler for a validated environment (see env.schema.ts). Its providers sit here
   * rather than in a feature module because they need the service kit's metrics registry.
   */
  static forRoot(env: SchedulerEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceFoundation({
          name: SERVICE_NAME,
          env,
          entities: SCHEDULER_ENTITIES,
          migrations: SCHEDULER_MIGRATIONS,
        }),
        TypeOrmModule.forFeature(SCHEDULER_ENTITIES),
      ],
      controllers: [SchedulesController, RunFinishedHandler],
      providers: [
        { provide: SCHEDULER_ENV, useValue: env },
        SchedulerMetrics,
        SchedulesStore,
        SchedulesService,
        FiringService,
        JobsProjection,
        LeadershipService,
        RunResultsService,
      ],
      exports: [SCHEDULER_ENV],
    };
  }
}
