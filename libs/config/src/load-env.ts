import type { z } from 'zod';
import { metaOf } from './env-variable.js';

/** Thrown at start-up when the environment is invalid; the message names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type EnvSchema = z.ZodObject<z.ZodRawShape>;

/**
 * Reads and validates the environment. An empty variable counts as unset (so its default
 * applies); every problem is reported at once as `NAME: what is expected (got "value")`.
 */
export function loadEnv<S extends EnvSchema>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const known = Object.keys(schema.shape);
  const input = Object.fromEntries(
    known.filter((name) => env[name] !== undefined && env[name] !== '').map((name) => [name, env[name]]),
  );
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const raw = input[name];
    const given =
      raw === undefined ? 'unset' : `got "${isSecret(schema, name) ? '***' : redactUrlPasswords(raw)}"`;
    return `  ${name}: ${issue.message} (${given})`;
  });
  throw new ConfigError(`Invalid environment:\n${[...new Set(lines)].join('\n')}`);
}

/** The same check in the shape `ConfigModule.forRoot({ validate })` expects. */
export function envValidator<S extends EnvSchema>(schema: S): (raw: Record<string, unknown>) => z.infer<S> {
  return (raw) =>
    loadEnv(
      schema,
      Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v === undefined ? undefined : String(v)])),
    );
}

export function isSecret(schema: EnvSchema, name: string): boolean {
  const variable = schema.shape[name] as z.ZodType | undefined;
  return variable !== undefined && metaOf(unwrapDefault(variable))?.secret === true;
}

/** A copy of a loaded config safe to log: secrets replaced by `***`, passwords in URLs too. */
export function redactEnv<S extends EnvSchema>(schema: S, config: z.infer<S>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([name, value]) => [
      name,
      isSecret(schema, name) ? '***' : redactUrlPasswordsIn(value),
    ]),
  );
}

// `://user:` then everything up to the authority's last `@`: also masks a password holding an
// unencoded `@` or `,`, and every URL of a comma-separated NATS_URL list.
const URL_PASSWORD = /(:\/\/[^:@/\s]*:)[^/\s]*@/g;

/** `postgres://app:pw@db/x` -> `postgres://app:***@db/x`: the URL is not secret, its password is. */
export function redactUrlPasswords(value: string): string {
  return value.replace(URL_PASSWORD, '$1***@');
}

function redactUrlPasswordsIn(value: unknown): unknown {
  if (typeof value === 'string') return redactUrlPasswords(value);
  return Array.isArray(value) ? value.map(redactUrlPasswordsIn) : value;
}

export interface EnvVariableDoc {
  name: string;
  description: string;
  default: unknown;
  secret: boolean;
}

/** Every variable a schema knows, with its description and default: for docs and deployment checks. */
export function describeEnv(schema: EnvSchema): EnvVariableDoc[] {
  return Object.entries(schema.shape).map(([name, variable]) => {
    const type = variable as z.ZodType;
    const meta = metaOf(unwrapDefault(type));
    return {
      name,
      description: meta?.description ?? '',
      default: defaultOf(type),
      secret: meta?.secret === true,
    };
  });
}

function unwrapDefault(schema: z.ZodType): z.ZodType {
  const def = schema.def as { type: string; innerType?: z.ZodType };
  return def.type === 'default' && def.innerType ? def.innerType : schema;
}

function defaultOf(schema: z.ZodType): unknown {
  const def = schema.def as { type: string; defaultValue?: unknown };
  return def.type === 'default' ? def.defaultValue : undefined;
}
