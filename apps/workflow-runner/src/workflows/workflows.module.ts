import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LifecyclePublisher } from './lifecycle-publisher.js';
import { WorkflowEntity } from './workflow.entity.js';
import { WorkflowsController } from './workflows.controller.js';
import { WorkflowsService } from './workflows.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([WorkflowEntity])],
  controllers: [WorkflowsController],
  providers: [WorkflowsService, LifecyclePublisher],
  exports: [WorkflowsService],
})
export class WorkflowsModule {}
