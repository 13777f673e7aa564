import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NatsModule } from '@triggerline/messaging-nest';
import { dataSourceOptions } from '@triggerline/persistence';
import { ServiceModule } from '@triggerline/service';
import { DeliveriesModule } from './deliveries/deliveries.module.js';
import { DeliveryRecordEntity } from './deliveries/delivery-record.entity.js';
import { INGRESS_ENV, type IngressEnv } from './env.schema.js';
import { INGRESS_MIGRATIONS } from './migrations/index.js';
import { WebhookSecretEntity } from './webhooks/webhook-secret.entity.js';
import { WebhookTriggerEntity } from './webhooks/webhook-trigger.entity.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

export const INGRESS_ENTITIES = [WebhookTriggerEntity, WebhookSecretEntity, DeliveryRecordEntity];
export const SERVICE_NAME = 'webhook-ingress';

@Module({})
export class AppModule {
  /** The whole ingress for a validated environment (see env.schema.ts). */
  static forRoot(env: IngressEnv, options: { synchronize?: boolean } = {}): DynamicModule {
    const service = ServiceModule.forRootAsync({
      useFactory: () => ({
        name: SERVICE_NAME,
        apiKeys: env.API_KEYS,
        logLevel: env.LOG_LEVEL,
        database: true,
      }),
    });
    return {
      // Global, so the feature modules see the environment and the metrics registry.
      global: true,
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(
          dataSourceOptions({
            url: env.DATABASE_URL,
            entities: INGRESS_ENTITIES,
            migrations: INGRESS_MIGRATIONS,
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
        service,
        WebhooksModule,
        DeliveriesModule,
      ],
      providers: [{ provide: INGRESS_ENV, useValue: env }],
      exports: [INGRESS_ENV, service],
    };
  }
}
