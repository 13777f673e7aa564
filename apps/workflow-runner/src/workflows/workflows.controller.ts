import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import { type WorkflowStatus, WORKFLOW_STATUSES } from '@triggerline/contracts';
import { openApiSchema, ValidationFailedError } from '@triggerline/service';
import { WORKFLOW_INPUT_SCHEMA } from './workflow-input.js';
import { WorkflowsService } from './workflows.service.js';

@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Post()
  @ApiBody({ schema: openApiSchema(WORKFLOW_INPUT_SCHEMA) })
  create(@Body() body: unknown) {
    return this.workflows.create(body);
  }

  @Get()
  list(
    @Query('status') status?: string,
    @Query('trigger_type') triggerType?: string,
    @Query('event') event?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ) {
    return this.workflows.list({
      status: parseStatus(status),
      trigger_type: triggerType,
      event,
      limit: parseLimit(limit),
      cursor,
    });
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.workflows.get(id);
  }

  @Put(':id')
  @ApiBody({ schema: openApiSchema(WORKFLOW_INPUT_SCHEMA) })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'the version this change was made from; 409 when the workflow has moved on',
  })
  replace(@Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch?: string) {
    return this.workflows.replace(id, body, parseIfMatch(ifMatch));
  }

  @Post(':id/activate')
  @HttpCode(200)
  activate(@Param('id') id: string) {
    return this.workflows.setStatus(id, 'active');
  }

  @Post(':id/pause')
  @HttpCode(200)
  pause(@Param('id') id: string) {
    return this.workflows.setStatus(id, 'paused');
  }

  @Delete(':id')
  @HttpCode(204)
  delete(@Param('id') id: string) {
    return this.workflows.delete(id);
  }
}

/** `If-Match: 3`, `"3"` or `W/"3"`: the workflow's version. */
function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const version = Number(/^(?:W\/)?"?(\d+)"?$/.exec(value.trim())?.[1]);
  if (!Number.isInteger(version) || version < 1) {
    throw new ValidationFailedError([
      { path: 'If-Match', message: 'must be the version the change was made from, e.g. "3"' },
    ]);
  }
  return version;
}

function parseStatus(value: string | undefined): WorkflowStatus | undefined {
  if (value === undefined) return undefined;
  if ((WORKFLOW_STATUSES as readonly string[]).includes(value)) return value as WorkflowStatus;
  throw new ValidationFailedError([
    { path: 'status', message: `must be one of ${WORKFLOW_STATUSES.join(', ')}` },
  ]);
}

export function parseLimit(value: string | undefined, max = 200): number {
  if (value === undefined) return 50;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new ValidationFailedError([{ path: 'limit', message: `must be a whole number from 1 to ${max}` }]);
  }
  return limit;
}
