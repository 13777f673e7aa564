import { redactUrlPasswords } from '@triggerline/config';

export type DatabaseLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** `sqlite:<path>` (`sqlite::memory:` for a throw-away one) or `postgres://` / `postgresql://`. */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path === '')
      throw new Error('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:data/service.sqlite');
    return { kind: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  throw new Error(
    `DATABASE_URL must be sqlite:<path> or a postgres:// URL, got "${describeDatabaseUrl(url)}"`,
  );
}

/** The URL with any password replaced, for logs and error messages. */
export function describeDatabaseUrl(url: string): string {
  return redactUrlPasswords(url);
}
