import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NatsModule } from '@triggerline/messaging-nest';
import { dataSourceOptions } from '@triggerline/persistence';
import { ServiceModule } from '@triggerline/service';
import { CatalogController } from './catalog/catalog.controller.js';
import { GATEWAY_ENV, type GatewayEnv } from './env.schema.js';
import { EventIngestService } from './events/event-ingest.service.js';
import { EventPublishingService } from './events/event-publishing.service.js';
import { EventsController } from './events/events.controller.js';
import { EventsHandler } from './events/events.handler.js';
import { RunRequestPublisher } from './fan-out/run-request-publisher.js';
import { EventHistoryService } from './history/event-history.service.js';
import { EventRecordEntity } from './history/event-record.entity.js';
import { HistoryController } from './history/history.controller.js';
import { HistoryRetention } from './history/history-retention.js';
import { GATEWAY_MIGRATIONS } from './migrations/index.js';
import { GatewayMetrics } from './observability/gateway-metrics.js';
import { SERVICE_NAME } from './service-name.js';
import { SubscriptionProjection } from './subscriptions/subscription-projection.js';

export { SERVICE_NAME } from './service-name.js';
export const GATEWAY_ENTITIES = [EventRecordEntity];

// One module: the features share the metrics and the service kit's registry, which only the
// module importing ServiceModule can inject.
@Module({})
export class AppModule {
  /** The whole gateway for a validated environment (see env.schema.ts). */
  static forRoot(env: GatewayEnv, options: { synchronize?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(
          dataSourceOptions({
            url: env.DATABASE_URL,
            entities: GATEWAY_ENTITIES,
            migrations: GATEWAY_MIGRATIONS,
            synchronize: options.synchronize,
          }),
        ),
        TypeOrmModule.forFeature(GATEWAY_ENTITIES),
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
      ],
      controllers: [EventsController, HistoryController, CatalogController, EventsHandler],
      providers: [
        { provide: GATEWAY_ENV, useValue: env },
        GatewayMetrics,
        SubscriptionProjection,
        EventHistoryService,
        HistoryRetention,
        RunRequestPublisher,
        EventIngestService,
        EventPublishingService,
      ],
      exports: [GATEWAY_ENV],
    };
  }
}
