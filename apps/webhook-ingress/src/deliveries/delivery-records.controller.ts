import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ValidationFailedError } from '@triggerline/service';
import { WebhookTriggersService } from '../webhooks/webhook-triggers.service.js';
import { DeliveryRecordsService } from './delivery-records.service.js';
import { DeliveryRecordDto } from './dtos/delivery.dto.js';

/** Inspection: what reached a webhook and what it was answered. */
@ApiTags('webhook-triggers')
@ApiBearerAuth()
@Controller('webhook-triggers')
export class DeliveryRecordsController {
  constructor(
    private readonly triggers: WebhookTriggersService,
    private readonly records: DeliveryRecordsService,
  ) {}

  @Get(':id/deliveries')
  @ApiQuery({ name: 'limit', required: false, description: 'Newest first; 1 to 500, default 50' })
  @ApiOkResponse({ type: [DeliveryRecordDto] })
  async list(@Param('id') id: string, @Query('limit') limit?: string): Promise<DeliveryRecordDto[]> {
    await this.triggers.get(id);
    const records = await this.records.list(id, parseLimit(limit));
    return records.map((record) => DeliveryRecordDto.of(record));
  }
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 50;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new ValidationFailedError([{ path: 'limit', message: 'must be a whole number from 1 to 500' }]);
  }
  return limit;
}
