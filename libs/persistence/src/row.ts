import type { QueryDeepPartialEntity } from 'typeorm';

/**
 * Column values for `insert`/`update`. TypeORM's deep-partial type cannot express JSON columns
 * typed `unknown` or `Record<string, unknown>` (it maps into them); the values are plain data.
 */
export function row<T>(values: Partial<T>): QueryDeepPartialEntity<T> {
  return values as QueryDeepPartialEntity<T>;
}
