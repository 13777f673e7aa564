/** NATS wildcard matching: `*` is one token, a final `>` is one or more tokens. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const patternTokens = pattern.split('.');
  const subjectTokens = subject.split('.');
  for (let i = 0; i < patternTokens.length; i++) {
    const token = patternTokens[i];
    if (token === '>') return subjectTokens.length > i;
    if (i >= subjectTokens.length) return false;
    if (token !== '*' && token !== subjectTokens[i]) return false;
  }
  return patternTokens.length === subjectTokens.length;
}

/** A durable consumer name for a service and a subject pattern (names may not hold `.`, `*`, `>`). */
export function durableName(service: string, pattern: string): string {
  const token = pattern.replace(/\./g, '_').replace(/\*/g, 'any').replace(/>/g, 'all');
  return `${service}__${token}`.replace(/[^A-Za-z0-9_-]/g, '-');
}
