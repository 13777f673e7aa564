import { Module } from '@nestjs/common';
import { RunRequestPublisher } from '../fan-out/run-request-publisher.js';
import { HistoryModule } from '../history/history.module.js';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module.js';
import { EventIngestService } from './event-ingest.service.js';
import { EventPublishingService } from './event-publishing.service.js';
import { EventsController } from './events.controller.js';
import { EventsHandler } from './events.handler.js';

/** Events in: `POST /events` publishes them, the `events.>` handler validates, records, fans out. */
@Module({
  imports: [HistoryModule, SubscriptionsModule],
  controllers: [EventsController, EventsHandler],
  providers: [EventIngestService, EventPublishingService, RunRequestPublisher],
})
export class EventsModule {}
