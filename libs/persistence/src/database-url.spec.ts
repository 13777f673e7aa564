import { describeDatabaseUrl, parseDatabaseUrl } from './database-url.js';

describe('parseDatabaseUrl', () => {
  it('reads SQLite paths and PostgreSQL URLs', () => {
    expect(parseDatabaseUrl('sqlite:data/runner.sqlite')).toEqual({
      kind: 'sqlite',
      path: 'data/runner.sqlite',
    });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
    expect(parseDatabaseUrl('postgresql://u@h/db')).toEqual({ kind: 'postgres', url: 'postgresql://u@h/db' });
  });

  it('refuses anything else without echoing a password', () => {
    expect(() => parseDatabaseUrl('sqlite:')).toThrow('DATABASE_URL "sqlite:" needs a file path');
    expect(() => parseDatabaseUrl('mysql://root:s3cret@db/app')).toThrow(
      'DATABASE_URL must be sqlite:<path> or a postgres:// URL, got "mysql://root:***@db/app"',
    );
  });
});

describe('describeDatabaseUrl', () => {
  it('masks the password and leaves the rest readable', () => {
    expect(describeDatabaseUrl('postgres://app:p%40ss@db:5432/triggerline')).toBe(
      'postgres://app:***@db:5432/triggerline',
    );
    expect(describeDatabaseUrl('postgres://app@db/triggerline')).toBe('postgres://app@db/triggerline');
    expect(describeDatabaseUrl('postgres://:only-password@db/x')).toBe('postgres://:***@db/x');
    expect(describeDatabaseUrl('postgres://app:p@ss@db/x')).toBe('postgres://app:***@db/x');
  });
});
