import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { fieldErrors } from './error-messages.js';
import type { Validated } from './field-error.js';
import { HH_MM_PATTERN, isCronExpression, isIanaTimeZone } from './formats.js';

/**
 * One Ajv instance for every schema of the contracts, so each validator compiles once.
 * `verbose` hands each error its schema, which is where `x-error-message` and the allowed
 * values of a discriminator are read from; `discriminator` makes a tagged union report the
 * errors of the chosen variant only.
 */
export const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  verbose: true,
  discriminator: true,
});
addFormats.default(ajv, ['date', 'date-time', 'email', 'uri', 'uuid']);
ajv.addFormat('iana-timezone', { type: 'string', validate: isIanaTimeZone });
ajv.addFormat('cron', { type: 'string', validate: isCronExpression });
ajv.addFormat('hh-mm', HH_MM_PATTERN);
// An annotation: the message a reader sees when the value fails this schema (see error-messages.ts).
ajv.addKeyword('x-error-message');

/** A compiled schema as a function that returns the value typed, or every error with its path. */
export function compileValidator<T>(schema: object): (value: unknown, basePath?: string) => Validated<T> {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value, basePath = '') =>
    validate(value)
      ? { ok: true, value: value as T }
      : { ok: false, errors: fieldErrors(validate.errors, basePath) };
}
