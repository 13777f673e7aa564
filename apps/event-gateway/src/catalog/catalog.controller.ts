import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  type AsyncApiDocument,
  buildAsyncApiDocument,
  type EventCategory,
  type EventTypeDefinition,
  eventTypesByCategory,
  getEventType,
  listEventTypes,
} from '@triggerline/contracts';
import { NotFoundError, ValidationFailedError } from '@triggerline/service';

/** A catalog entry as the API shows it (the seed's `get_available_events`). */
export interface EventTypeView {
  type: string;
  name: string;
  description: string;
  category: EventCategory;
  payload_schema: object;
}

@ApiTags('catalog')
@ApiBearerAuth()
@Controller()
export class CatalogController {
  private readonly asyncApi = buildAsyncApiDocument({ version: '1.0.0' });

  @Get('event-types')
  @ApiOperation({ summary: 'Every event type with its payload JSON Schema; ?group=category groups them' })
  @ApiQuery({ name: 'group', required: false, enum: ['category'] })
  list(@Query('group') group?: string): EventTypeView[] | Record<EventCategory, EventTypeView[]> {
    if (group === undefined) return listEventTypes().map(toView);
    if (group !== 'category') {
      throw new ValidationFailedError([{ path: 'group', message: 'must be "category"' }]);
    }
    const groups = eventTypesByCategory();
    return Object.fromEntries(
      Object.entries(groups).map(([category, entries]) => [category, entries.map(toView)]),
    ) as Record<EventCategory, EventTypeView[]>;
  }

  @Get('event-types/:type')
  @ApiOperation({ summary: 'One event type' })
  get(@Param('type') type: string): EventTypeView {
    const entry = getEventType(type);
    if (!entry) throw new NotFoundError('event type', type);
    return toView(entry);
  }

  @Get('asyncapi.json')
  @ApiOperation({ summary: 'The AsyncAPI 3.0 document of every subject' })
  asyncApiDocument(): AsyncApiDocument {
    return this.asyncApi;
  }
}

function toView(entry: EventTypeDefinition): EventTypeView {
  return {
    type: entry.type,
    name: entry.name,
    description: entry.description,
    category: entry.category,
    payload_schema: entry.payloadSchema,
  };
}
