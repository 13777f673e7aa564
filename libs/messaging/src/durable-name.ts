/** A durable consumer name for a service and a subject pattern (names may not hold `.`, `*`, `>`). */
export function durableName(service: string, pattern: string): string {
  const token = pattern.replace(/\./g, '_').replace(/\*/g, 'any').replace(/>/g, 'all');
  return `${service}__${token}`.replace(/[^A-Za-z0-9_-]/g, '-');
}
