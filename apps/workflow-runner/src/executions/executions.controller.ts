import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { parseLimit } from '../workflows/workflows.controller.js';
import { ExecutionsService } from './executions.service.js';

@ApiTags('executions')
@ApiBearerAuth()
@Controller()
export class ExecutionsController {
  constructor(private readonly executions: ExecutionsService) {}

  /** Starts a manual run with the body as input; 202 with the execution id. */
  @Post('workflows/:id/run')
  @HttpCode(202)
  run(@Param('id') workflowId: string, @Body() input: unknown) {
    return this.executions.runManually(workflowId, input);
  }

  @Get('workflows/:id/executions')
  list(
    @Param('id') workflowId: string,
    @Query('status') status?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ) {
    return this.executions.list(workflowId, status, parseLimit(limit), cursor);
  }

  @Get('executions/:id')
  get(@Param('id') id: string) {
    return this.executions.get(id);
  }

  @Post('executions/:id/cancel')
  @HttpCode(202)
  cancel(@Param('id') id: string) {
    return this.executions.cancel(id);
  }
}
