import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { WEBHOOKS_PREFIX } from '../webhooks/webhook-path.js';
import { DeliveriesService } from './deliveries.service.js';
import { flattenHeaders } from './webhook-request.js';

/**
 * Fastify answers 413 itself, before any handler runs, when a body exceeds the limit. This hook
 * sees that answer go out and has it recorded against the trigger, like every other rejection.
 */
@Injectable()
export class TooLargeDeliveriesHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly deliveries: DeliveriesService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', async (request, reply) => {
      // A body that was read (a run request too large for NATS) is recorded by the service itself.
      if (
        reply.statusCode !== 413 ||
        !request.url.startsWith(WEBHOOKS_PREFIX) ||
        Buffer.isBuffer(request.body)
      ) {
        return;
      }
      const headers = flattenHeaders(request.headers);
      const declared = Number(headers['content-length']);
      await this.deliveries.recordTooLarge(
        { path: request.url.split('?')[0], rawBody: Buffer.alloc(0), headers, receivedAt: new Date() },
        Number.isFinite(declared) ? declared : 0,
      );
    });
  }
}
