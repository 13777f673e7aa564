import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookSecretEntity } from './webhook-secret.entity.js';
import { WebhookTriggerEntity } from './webhook-trigger.entity.js';
import { WebhookTriggersController } from './webhook-triggers.controller.js';
import { WebhookTriggersService } from './webhook-triggers.service.js';
import { WorkflowProjection } from './workflow-projection.js';

/** Webhook triggers: built from the workflows, managed through the API. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookTriggerEntity, WebhookSecretEntity])],
  controllers: [WebhookTriggersController],
  providers: [WebhookTriggersService, WorkflowProjection],
  exports: [WebhookTriggersService],
})
export class WebhooksModule {}
