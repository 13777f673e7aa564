import { Module } from '@nestjs/common';
import { SubscriptionProjection } from './subscription-projection.js';
import { SubscriptionsController } from './subscriptions.controller.js';

@Module({
  controllers: [SubscriptionsController],
  providers: [SubscriptionProjection],
  exports: [SubscriptionProjection],
})
export class SubscriptionsModule {}
