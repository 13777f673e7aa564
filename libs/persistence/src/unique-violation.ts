/**
 * True when a write failed on a unique or primary-key constraint: how a service learns that a
 * message was already handled ("insert and catch", never "check then insert").
 */
export function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: unknown; driverError?: { code?: unknown } } | null)?.driverError?.code ??
    (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
