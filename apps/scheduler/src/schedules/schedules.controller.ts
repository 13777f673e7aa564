import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TRIGGER_SCHEMA } from '@triggerline/contracts';
import {
  PREVIEW_MAX_COUNT,
  parsePauseRequest,
  parsePreviewRequest,
  parseValidateCronRequest,
} from './dtos/schedule-requests.js';
import { SchedulesService } from './schedules.service.js';

@ApiTags('schedules')
@ApiBearerAuth()
@Controller('schedules')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Get()
  @ApiOperation({ summary: 'Every scheduled job with its next run, last run and run statistics' })
  list() {
    return this.schedules.list();
  }

  @Get('presets')
  @ApiOperation({ summary: 'The 16 cron presets, each described in words (cronstrue)' })
  presets() {
    return this.schedules.presets();
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The next fire times of a schedule, as ISO 8601 with the zone’s offset',
    description: 'An interval counts from `from` (default now), as a job counts from its creation.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['schedule'],
      properties: {
        schedule: { description: 'A schedule trigger; `type` may be left out', ...scheduleSchema() },
        count: { type: 'integer', minimum: 1, maximum: PREVIEW_MAX_COUNT, default: 10 },
        from: { type: 'string', format: 'date-time' },
      },
    },
  })
  preview(@Body() body: unknown) {
    return this.schedules.preview(parsePreviewRequest(body));
  }

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Checks a cron expression: valid or why not, in words, and its next 5 runs' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['cron'],
      properties: {
        cron: { type: 'string', example: '0 9 * * 1' },
        timezone: { type: 'string', default: 'UTC' },
      },
    },
  })
  validate(@Body() body: unknown) {
    return this.schedules.validate(parseValidateCronRequest(body));
  }

  @Get(':workflowId')
  @ApiOperation({ summary: 'One scheduled job, with its next 10 fire times' })
  get(@Param('workflowId') workflowId: string) {
    return this.schedules.get(workflowId);
  }

  @Post(':workflowId/run')
  @HttpCode(202)
  @ApiOperation({ summary: 'Runs the workflow now (trigger_type "manual"); the schedule goes on as before' })
  runNow(@Param('workflowId') workflowId: string) {
    return this.schedules.runNow(workflowId);
  }

  @Post(':workflowId/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stops firing until resumed, with an optional note' })
  @ApiBody({
    required: false,
    schema: { type: 'object', properties: { note: { type: 'string', maxLength: 500 } } },
  })
  pause(@Param('workflowId') workflowId: string, @Body() body: unknown) {
    return this.schedules.pause(workflowId, parsePauseRequest(body));
  }

  @Post(':workflowId/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Fires again from the next slot; slots passed while paused are not made up' })
  resume(@Param('workflowId') workflowId: string) {
    return this.schedules.resume(workflowId);
  }
}

/** The schedule variant of the trigger schema, for the OpenAPI document. */
function scheduleSchema(): Record<string, unknown> {
  const variant = TRIGGER_SCHEMA.oneOf.find((schema) => schema.title === 'Schedule trigger');
  return variant ? { type: 'object', properties: variant.properties } : { type: 'object' };
}
