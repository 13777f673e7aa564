import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventHistoryService } from './event-history.service.js';
import { EventRecordEntity } from './event-record.entity.js';
import { HistoryController } from './history.controller.js';
import { HistoryRetention } from './history-retention.js';

@Module({
  imports: [TypeOrmModule.forFeature([EventRecordEntity])],
  controllers: [HistoryController],
  providers: [EventHistoryService, HistoryRetention],
  exports: [EventHistoryService],
})
export class HistoryModule {}
