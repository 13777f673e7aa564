import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { type Observable, throwError } from 'rxjs';
import { DomainError, ErrorCode, UnavailableError } from './domain-error.js';

export interface ErrorBody {
  error: { code: string; message: string; fields?: { path: string; message: string }[]; error_id?: string };
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthorized,
  404: ErrorCode.NotFound,
  405: ErrorCode.MethodNotAllowed,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  503: ErrorCode.Unavailable,
};

/**
 * Every HTTP error leaves as `{ error: { code, message, fields? } }`. Domain errors keep their
 * code; Nest and Fastify errors (bad JSON, body too large) get one by status; anything else is
 * a 500 with an error id, logged once with its stack, which never reaches the caller.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    // Message handlers: hand the original error to the transport, which retries or dead-letters.
    if (host.getType() !== 'http') return throwError(() => exception);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = this.describe(exception);
    if (exception instanceof UnavailableError)
      void reply.header('Retry-After', String(exception.retryAfterSeconds));
    void reply.status(status).send(body);
  }

  private describe(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      const fields = exception.fields.length > 0 ? { fields: exception.fields } : {};
      return {
        status: exception.httpStatus,
        body: { error: { code: exception.code, message: exception.message, ...fields } },
      };
    }
    const status = httpStatusOf(exception);
    if (status !== undefined && status < 500) {
      const code = CODE_BY_STATUS[status] ?? `http_${status}`;
      return { status, body: { error: { code, message: messageOf(exception) } } };
    }
    const errorId = randomUUID();
    this.logger.error(
      `error ${errorId}: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`,
    );
    return {
      status: status ?? 500,
      body: {
        error: {
          code: ErrorCode.Internal,
          message: 'internal error; quote the error id when reporting it',
          error_id: errorId,
        },
      },
    };
  }
}

/** Nest's HttpException and Fastify's errors (`statusCode`) both carry a status. */
function httpStatusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

function messageOf(exception: unknown): string {
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null
        ? (response as { message?: unknown }).message
        : response;
    return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
  }
  return exception instanceof Error ? exception.message : String(exception);
}
