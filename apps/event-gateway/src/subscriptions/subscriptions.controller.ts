import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SubscriptionProjection } from './subscription-projection.js';

export interface SubscriptionView {
  workflow_id: string;
  event: string;
  filter: string | null;
}

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(private readonly projection: SubscriptionProjection) {}

  @Get()
  @ApiOperation({ summary: "This replica's view: every active workflow with an event trigger" })
  list(): SubscriptionView[] {
    return this.projection.list().map((s) => ({
      workflow_id: s.workflowId,
      event: s.eventType,
      filter: s.filter?.expression ?? null,
    }));
  }
}
