import { Controller } from '@nestjs/common';
import { Ctx, EventPattern } from '@nestjs/microservices';
import { JetStreamContext } from '@triggerline/messaging-nest';
import { EVENTS_PATTERN } from '../service-name.js';
import { EventIngestService } from './event-ingest.service.js';

/** The gateway's durable consumer on `events.>`, shared by every replica. */
@Controller()
export class EventsHandler {
  constructor(private readonly ingest: EventIngestService) {}

  @EventPattern<string>(EVENTS_PATTERN)
  handle(@Ctx() context: JetStreamContext): Promise<void> {
    return this.ingest.ingest(context.getMessage());
  }
}
