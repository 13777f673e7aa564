import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The local API key: made on first start, kept in ./data/api-key (readable by its owner only). */
export function localApiKey(dataDir: string): { key: string; created: boolean; path: string } {
  const path = join(dataDir, 'api-key');
  if (existsSync(path)) return { key: readFileSync(path, 'utf8').trim(), created: false, path };
  mkdirSync(dirname(path), { recursive: true });
  const key = `tl_${randomBytes(24).toString('base64url')}`;
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  return { key, created: true, path };
}
