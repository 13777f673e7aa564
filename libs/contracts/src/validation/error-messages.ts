import type { ErrorObject } from 'ajv';
import { type FieldError, joinPath } from './field-error.js';

// Turns Ajv's errors into FieldErrors a person can act on: the path reads like code
// (`steps[2].config.url`) and the message says what the value must be.

const FORMAT_MESSAGES: Record<string, string> = {
  'iana-timezone': 'must be an IANA time zone such as "Europe/Berlin"',
  cron: 'must be a valid cron expression',
  'hh-mm': 'must be a time of day as HH:MM (00:00 to 23:59)',
  'date-time': 'must be an RFC 3339 date-time such as "2026-01-31T09:00:00Z"',
  date: 'must be a date as YYYY-MM-DD',
  email: 'must be an email address',
  uri: 'must be a URI',
  uuid: 'must be a UUID',
};

/** Keywords about an object's members: a schema's own `x-error-message` does not describe them. */
const MEMBER_KEYWORDS = new Set(['required', 'additionalProperties', 'discriminator']);

/** Ajv reports a failed `if`, `anyOf` and the like beside the concrete errors; keep the concrete ones. */
const STRUCTURAL_KEYWORDS = new Set(['if', 'anyOf', 'oneOf', 'allOf']);

export function fieldErrors(errors: ErrorObject[] | null | undefined, basePath = ''): FieldError[] {
  const all = errors ?? [];
  const concrete = all.filter((e) => !STRUCTURAL_KEYWORDS.has(e.keyword));
  const unique = new Map<string, FieldError>();
  for (const error of concrete.length > 0 ? concrete : all) {
    const fieldError = toFieldError(error, basePath);
    unique.set(`${fieldError.path}\u0000${fieldError.message}`, fieldError);
  }
  return [...unique.values()];
}

function toFieldError(error: ErrorObject, basePath: string): FieldError {
  const path = pointerToPath(error.instancePath, basePath);
  const custom: unknown = error.parentSchema?.['x-error-message'];
  if (typeof custom === 'string' && !MEMBER_KEYWORDS.has(error.keyword)) return { path, message: custom };

  const { params } = error;
  switch (error.keyword) {
    case 'required':
      return { path: joinPath(path, params.missingProperty), message: 'is required' };
    case 'additionalProperties':
      return { path: joinPath(path, params.additionalProperty), message: 'is not a known field' };
    case 'discriminator':
      return discriminatorError(error, path);
    case 'type':
      return { path, message: `must be ${[params.type].flat().map(withArticle).join(' or ')}` };
    case 'format':
      return { path, message: FORMAT_MESSAGES[params.format] ?? `must match format "${params.format}"` };
    case 'enum':
      return { path, message: `must be one of ${params.allowedValues.map(String).join(', ')}` };
    case 'const':
      return { path, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'minLength':
      return {
        path,
        message: params.limit === 1 ? 'must not be empty' : `must be at least ${params.limit} characters`,
      };
    case 'maxLength':
      return { path, message: `must be at most ${params.limit} characters` };
    case 'minimum':
      return { path, message: `must be at least ${params.limit}` };
    case 'maximum':
      return { path, message: `must be at most ${params.limit}` };
    case 'false schema':
      return { path, message: 'is not allowed' };
    default:
      return { path, message: error.message ?? 'is invalid' };
  }
}

/** A tagged union (`oneOf` + `discriminator`) whose tag is missing, not a string, or unknown. */
function discriminatorError(error: ErrorObject, path: string): FieldError {
  const { tag, tagValue } = error.params;
  const tagPath = joinPath(path, tag);
  if (tagValue === undefined) return { path: tagPath, message: 'is required' };
  if (error.params.error === 'tag') return { path: tagPath, message: 'must be a string' };
  return {
    path: tagPath,
    message: `must be one of ${tagValues(error.parentSchema?.['oneOf'], tag).join(', ')}`,
  };
}

/** The `const` (or `enum`) of the tag property in each variant of a tagged union. */
function tagValues(variants: unknown, tag: string): string[] {
  if (!Array.isArray(variants)) return [];
  return variants.flatMap((variant) => {
    const tagSchema: unknown = variant?.properties?.[tag];
    if (typeof tagSchema !== 'object' || tagSchema === null) return [];
    if ('const' in tagSchema) return [String(tagSchema.const)];
    return 'enum' in tagSchema && Array.isArray(tagSchema.enum) ? tagSchema.enum.map(String) : [];
  });
}

function withArticle(type: string): string {
  if (type === 'null') return 'null';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** `/steps/2/config` → `steps[2].config` */
function pointerToPath(pointer: string, basePath: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<string>((path, token) => joinPath(path, /^\d+$/.test(token) ? Number(token) : token), basePath);
}
