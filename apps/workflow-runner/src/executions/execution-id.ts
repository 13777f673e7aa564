import { createHash } from 'node:crypto';

/**
 * An execution's id follows from its idempotency key, so whoever requested a run (a manual run
 * answered with 202, say) knows the id before any runner has picked the request up.
 */
export function executionIdFor(idempotencyKey: string): string {
  return `exe_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}
