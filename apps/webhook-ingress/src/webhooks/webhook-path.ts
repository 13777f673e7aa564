import { randomBytes } from 'node:crypto';

/** Every webhook path lives under this prefix; the seed's default is `/webhooks/trigger/<id>`. */
export const WEBHOOKS_PREFIX = '/webhooks/';

/** `wht_` and 12 hex digits, as the seed makes them. */
export function newTriggerId(): string {
  return `wht_${randomBytes(6).toString('hex')}`;
}

/** The workflow's custom path (already validated by the contract), or the seed's default. */
export function webhookPath(triggerId: string, customPath: string | undefined): string {
  return `${WEBHOOKS_PREFIX}${customPath ?? `trigger/${triggerId}`}`;
}
