import { type DynamicModule, Module } from '@nestjs/common';
import { serviceFoundation } from '@triggerline/service';
import { CatalogModule } from './catalog/catalog.module.js';
import { GATEWAY_ENV, type GatewayEnv } from './env.schema.js';
import { EventsModule } from './events/events.module.js';
import { EventRecordEntity } from './history/event-record.entity.js';
import { HistoryModule } from './history/history.module.js';
import { GATEWAY_MIGRATIONS } from './migrations/index.js';
import { GatewayMetrics } from './observability/gateway-metrics.js';
import { SERVICE_NAME } from './service-name.js';
import { SubscriptionsModule } from './subscriptions/subscriptions.module.js';

export { SERVICE_NAME } from './service-name.js';
export const GATEWAY_ENTITIES = [EventRecordEntity];

@Module({})
export class AppModule {
  /** The whole gateway for a validated environment (see env.schema.ts). */
  static forRoot(env: GatewayEnv): DynamicModule {
    return {
      module: AppModule,
      // Global, so every feature module sees the environment and the metrics; the metrics need
      // the service kit's registry, which only the module importing ServiceModule can inject.
      global: true,
      imports: [
        ...serviceFoundation({
          name: SERVICE_NAME,
          env,
          entities: GATEWAY_ENTITIES,
          migrations: GATEWAY_MIGRATIONS,
        }),
        SubscriptionsModule,
        HistoryModule,
        EventsModule,
        CatalogModule,
      ],
      providers: [{ provide: GATEWAY_ENV, useValue: env }, GatewayMetrics],
      exports: [GATEWAY_ENV, GatewayMetrics],
    };
  }
}
