import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_ENVELOPE_SCHEMA } from '@triggerline/contracts';
import { openApiSchema } from '@triggerline/service';
import { EventPublishingService, MAX_BATCH, type PublishedEvents } from './event-publishing.service.js';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly publishing: EventPublishingService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: `Publish one CloudEvent, or an array of up to ${MAX_BATCH}`,
    description:
      'Every event is validated against the catalog first; 400 names each bad field and nothing is ' +
      'published. 202 once JetStream has stored every event, with their ids.',
  })
  @ApiBody({
    description: 'A CloudEvents 1.0 envelope (GET /asyncapi.json describes each type), or an array of them',
    schema: openApiSchema({
      oneOf: [EVENT_ENVELOPE_SCHEMA, { type: 'array', items: EVENT_ENVELOPE_SCHEMA, maxItems: MAX_BATCH }],
    }),
  })
  publish(@Body() body: unknown): Promise<PublishedEvents> {
    return this.publishing.publish(body);
  }
}
