import { type DynamicModule, Module } from '@nestjs/common';
import { serviceFoundation } from '@triggerline/service';
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
  static forRoot(env: IngressEnv): DynamicModule {
    return {
      // Global, so the feature modules see the environment.
      global: true,
      module: AppModule,
      imports: [
        ...serviceFoundation({
          name: SERVICE_NAME,
          env,
          entities: INGRESS_ENTITIES,
          migrations: INGRESS_MIGRATIONS,
        }),
        WebhooksModule,
        DeliveriesModule,
      ],
      providers: [{ provide: INGRESS_ENV, useValue: env }],
      exports: [INGRESS_ENV],
    };
  }
}
