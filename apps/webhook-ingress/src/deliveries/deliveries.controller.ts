import { All, Controller, HttpCode, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, ErrorCode, Public } from '@triggerline/service';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DeliveriesService } from './deliveries.service.js';
import { DeliveryAcceptedDto } from './dtos/delivery.dto.js';
import { flattenHeaders } from './webhook-request.js';

/** The public webhook endpoint: authenticated by each trigger's signature, not by an API key. */
@Public()
@ApiTags('webhooks')
@Controller('webhooks')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  // Every method routes here, so anything but POST gets 405 rather than 404.
  @All('*')
  @HttpCode(202)
  @ApiOperation({ summary: 'Deliver a webhook (POST only); 202 once the run request is stored' })
  @ApiAcceptedResponse({ type: DeliveryAcceptedDto })
  receive(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeliveryAcceptedDto> {
    if (request.method !== 'POST') {
      void reply.header('Allow', 'POST');
      throw new DomainError(ErrorCode.MethodNotAllowed, `${request.method} is not allowed here; use POST`);
    }
    return this.deliveries.receive({
      path: request.url.split('?')[0],
      rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      headers: flattenHeaders(request.headers),
      receivedAt: new Date(),
    });
  }
}
