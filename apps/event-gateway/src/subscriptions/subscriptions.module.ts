import { Module } from '@nestjs/common';
import { SubscriptionProjection } from './subscription-projection.js';

@Module({ providers: [SubscriptionProjection], exports: [SubscriptionProjection] })
export class SubscriptionsModule {}
