import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { WEBHOOKS_PREFIX } from '../webhooks/webhook-path.js';

/**
 * One Fastify content-type parser for every request. A webhook's body stays the exact bytes
 * received, because its signature covers exactly those (re-serialized JSON would not verify);
 * the delivery parses it after verification. Management routes get JSON parsed as before.
 * Fastify's `bodyLimit` applies to both: it refuses a body whose Content-Length is too large
 * before reading it, and stops reading a chunked one at the limit (413 either way).
 */
@Injectable()
export class RawBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const json = fastify.getDefaultJsonParser('error', 'error');
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
      if (request.url.startsWith(WEBHOOKS_PREFIX)) return done(null, body);
      if (/^application\/(.+\+)?json\b/i.test(request.headers['content-type'] ?? '')) {
        return json(request, body.toString(), done);
      }
      done(null, body);
    });
  }
}
