import { z } from 'zod';

/** What the README's configuration table and the compose-file check read about a variable. */
export interface EnvVariableMeta {
  description: string;
  /** Never printed: logs and error messages show `***`. */
  secret?: boolean;
  [key: string]: unknown;
}

/** Describes a variable where it is declared, so docs and redaction read one place. */
export function envVariable<T extends z.ZodType>(schema: T, meta: EnvVariableMeta): T {
  return schema.meta(meta);
}

export function metaOf(schema: z.ZodType): EnvVariableMeta | undefined {
  return schema.meta() as EnvVariableMeta | undefined;
}

/** A comma-separated list, blank entries dropped. */
export function commaList(item: z.ZodString) {
  return z
    .string()
    .transform((raw) =>
      raw
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0),
    )
    .pipe(z.array(item));
}
