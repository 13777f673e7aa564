import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ValidationFailedError } from '@triggerline/service';
import { EVENT_STATUSES } from './event-record.entity.js';
import type { EventDetailView, EventPageView } from './event-record.view.js';
import { EventHistoryService } from './event-history.service.js';
import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX, parseHistoryQuery } from './history-query.js';

@ApiTags('event history')
@ApiBearerAuth()
@Controller('events')
export class HistoryController {
  constructor(private readonly history: EventHistoryService) {}

  @Get()
  @ApiOperation({ summary: 'Recent events, newest first' })
  @ApiQuery({ name: 'type', required: false })
  @ApiQuery({ name: 'customer_id', required: false })
  @ApiQuery({ name: 'status', required: false, enum: EVENT_STATUSES })
  @ApiQuery({ name: 'from', required: false, description: 'Event time, RFC 3339, inclusive' })
  @ApiQuery({ name: 'to', required: false, description: 'Event time, RFC 3339, inclusive' })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `1 to ${HISTORY_PAGE_MAX}, default ${HISTORY_PAGE_DEFAULT}`,
  })
  @ApiQuery({ name: 'cursor', required: false, description: 'next_cursor of the previous page' })
  list(@Query() query: unknown): Promise<EventPageView> {
    const parsed = parseHistoryQuery(query);
    if (!parsed.ok) throw new ValidationFailedError(parsed.errors);
    return this.history.list(parsed.value);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One event with the run requests it led to' })
  get(@Param('id') id: string): Promise<EventDetailView> {
    return this.history.get(id);
  }
}
