import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type AsyncApiDocument, buildAsyncApiDocument, type EventCategory } from '@triggerline/contracts';
import { NotFoundError, ValidationFailedError } from '@triggerline/service';
import {
  eventTypeView,
  type EventTypeView,
  eventTypeViews,
  eventTypeViewsByCategory,
} from './event-type.view.js';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller()
export class CatalogController {
  private readonly asyncApi = buildAsyncApiDocument({ version: '1.0.0' });

  @Get('event-types')
  @ApiOperation({ summary: 'Every event type with its payload JSON Schema; ?group=category groups them' })
  @ApiQuery({ name: 'group', required: false, enum: ['category'] })
  list(@Query('group') group?: string): EventTypeView[] | Partial<Record<EventCategory, EventTypeView[]>> {
    if (group === undefined) return eventTypeViews();
    if (group === 'category') return eventTypeViewsByCategory();
    throw new ValidationFailedError([{ path: 'group', message: 'must be "category"' }]);
  }

  @Get('event-types/:type')
  @ApiOperation({ summary: 'One event type' })
  get(@Param('type') type: string): EventTypeView {
    const view = eventTypeView(type);
    if (!view) throw new NotFoundError('event type', type);
    return view;
  }

  @Get('asyncapi.json')
  @ApiOperation({ summary: 'The AsyncAPI 3.0 document of every subject' })
  asyncApiDocument(): AsyncApiDocument {
    return this.asyncApi;
  }
}
