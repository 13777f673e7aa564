import type { FieldError } from '@triggerline/contracts';

/** Stable error codes: clients branch on these, so they are append-only. */
export enum ErrorCode {
  ValidationFailed = 'validation_failed',
  Unauthorized = 'unauthorized',
  NotFound = 'not_found',
  MethodNotAllowed = 'method_not_allowed',
  Conflict = 'conflict',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  Unavailable = 'unavailable',
  Internal = 'internal_error',
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.MethodNotAllowed]: 405,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.Unavailable]: 503,
  [ErrorCode.Internal]: 500,
};

/** An expected failure with a code and a message meant for the caller. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

/** Bad input: every offending field with its path, and a message that names the first ones. */
export class ValidationFailedError extends DomainError {
  constructor(fields: FieldError[]) {
    const named = fields.slice(0, 3).map((f) => (f.path ? `${f.path} ${f.message}` : f.message));
    const more = fields.length > 3 ? ` (and ${fields.length - 3} more)` : '';
    super(ErrorCode.ValidationFailed, `${named.join('; ')}${more}`, fields);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super(ErrorCode.NotFound, `${what} "${id}" does not exist`);
  }
}

export class UnavailableError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(ErrorCode.Unavailable, message);
  }
}
