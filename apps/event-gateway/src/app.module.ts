import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NatsModule } from '@triggerline/messaging-nest';
import { dataSourceOptions } from '@triggerline/persistence';
import { ServiceModule } from '@triggerline/service';
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
  static forRoot(env: GatewayEnv, options: { synchronize?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      // Global, so every feature module sees the environment and the metrics; the metrics need
      // the service kit's registry, which only the module importing ServiceModule can inject.
      global: true,
      imports: [
        TypeOrmModule.forRoot(
          dataSourceOptions({
            url: env.DATABASE_URL,
            entities: GATEWAY_ENTITIES,
            migrations: GATEWAY_MIGRATIONS,
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
