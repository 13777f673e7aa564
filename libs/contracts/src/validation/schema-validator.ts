import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { CronExpressionParser } from 'cron-parser';
import { type FieldError, type Validated, joinPath } from './field-error.js';


function isIanaTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isCronExpression(expression: string): boolean {
  try {
    CronExpressionParser.parse(expression, { strict: false });
    return true;
  } catch {
    return false;
  }
}

/** One Ajv instance for every schema of the contracts, so each validator compiles once. */
export const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats.default(ajv, ['date', 'date-time', 'email', 'uri', 'uuid']);
ajv.addFormat('iana-timezone', { type: 'string', validate: isIanaTimeZone });
ajv.addFormat('cron', { type: 'string', validate: isCronExpression });
ajv.addFormat('hh-mm', /^([01]\d|2[0-3]):[0-5]\d$/);

const FORMAT_MESSAGES: Record<string, string> = {
  'iana-timezone': 'must be an IANA time zone such as "Europe/Berlin"',
  cron: 'must be a valid cron expression',
  'hh-mm': 'must be a time of day as HH:MM (00:00 to 23:59)',
  'date-time': 'must be an RFC 3339 date-time such as "2026-01-31T09:00:00Z"',
  date: 'must be a date as YYYY-MM-DD',
  email: 'must be an email address',
};

/** `/steps/2/config` → `steps[2].config` */
function pointerToPath(pointer: string, basePath: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<string>((path, token) => joinPath(path, /^\d+$/.test(token) ? Number(token) : token), basePath);
}

function toFieldError(error: ErrorObject, basePath: string): FieldError {
  const path = pointerToPath(error.instancePath, basePath);
  switch (error.keyword) {
    case 'required':
      return { path: joinPath(path, error.params.missingProperty), message: 'is required' };
    case 'additionalProperties':
      return { path: joinPath(path, error.params.additionalProperty), message: 'is not a known field' };
    case 'format':
      return { path, message: FORMAT_MESSAGES[error.params.format] ?? `must match format "${error.params.format}"` };
    case 'enum':
      return { path, message: `must be one of ${error.params.allowedValues.map(String).join(', ')}` };
    case 'const':
      return { path, message: `must be ${JSON.stringify(error.params.allowedValue)}` };
    default:
      return { path, message: error.message ?? 'is invalid' };
  }
}

/** Ajv reports a failed `if`, `anyOf` and the like beside the concrete errors; keep the concrete ones. */
const STRUCTURAL_KEYWORDS = new Set(['if', 'anyOf', 'oneOf', 'allOf', 'not']);

export function fieldErrors(errors: ErrorObject[] | null | undefined, basePath = ''): FieldError[] {
  const concrete = (errors ?? []).filter((e) => !STRUCTURAL_KEYWORDS.has(e.keyword));
  const unique = new Map<string, FieldError>();
  for (const error of concrete.length > 0 ? concrete : (errors ?? [])) {
    const fieldError = toFieldError(error, basePath);
    unique.set(`${fieldError.path}\u0000${fieldError.message}`, fieldError);
  }
  return [...unique.values()];
}

/** A compiled schema as a function that returns the value typed, or every error with its path. */
export function compileValidator<T>(schema: object): (value: unknown, basePath?: string) => Validated<T> {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value, basePath = '') =>
    validate(value) ? { ok: true, value: value as T } : { ok: false, errors: fieldErrors(validate.errors, basePath) };
}
