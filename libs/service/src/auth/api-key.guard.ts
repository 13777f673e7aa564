import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError, ErrorCode } from '../errors/domain-error.js';
import { IS_PUBLIC } from './public.decorator.js';

export const API_KEYS = Symbol('API_KEYS');

/**
 * Every HTTP route needs `Authorization: Bearer <key>` with one of `API_KEYS` unless marked
 * `@Public()`; with no keys configured nothing management-facing answers. Keys are compared as
 * SHA-256 digests in constant time, so neither content nor length leaks through timing.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly digests: Buffer[];

  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEYS) apiKeys: readonly string[],
  ) {
    this.digests = apiKeys.map(digest);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '';
    const presented = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (presented && this.matches(presented)) return true;
    throw new DomainError(ErrorCode.Unauthorized, 'a valid API key is required: Authorization: Bearer <key>');
  }

  private matches(presented: string): boolean {
    const candidate = digest(presented);
    // Compare with every key, always, so the position of a match does not show in the timing.
    return this.digests.reduce((found, key) => timingSafeEqual(key, candidate) || found, false);
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}
