import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { DeliveriesController } from './deliveries.controller.js';
import { DeliveriesService } from './deliveries.service.js';
import { DeliveryMetrics } from './delivery.metrics.js';
import { DeliveryRecordEntity } from './delivery-record.entity.js';
import { DeliveryRecordsController } from './delivery-records.controller.js';
import { DeliveryRecordsService } from './delivery-records.service.js';
import { NatsAvailability } from './nats-availability.js';
import { RawBodyParser } from './raw-body.parser.js';
import { TooLargeDeliveriesHook } from './too-large-deliveries.hook.js';
import { TriggerStats } from './trigger-stats.js';

/** The public delivery endpoint and the inspection of what it received. */
@Module({
  imports: [WebhooksModule, TypeOrmModule.forFeature([DeliveryRecordEntity])],
  controllers: [DeliveriesController, DeliveryRecordsController],
  providers: [
    TriggerStats,
    DeliveriesService,
    DeliveryRecordsService,
    DeliveryMetrics,
    NatsAvailability,
    RawBodyParser,
    TooLargeDeliveriesHook,
  ],
})
export class DeliveriesModule {}
