import type { WebhookScheme } from '@triggerline/contracts';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A delivery as a scheme sees it: the exact bytes received and the headers (names in lower case). */
export interface SignedDelivery {
  rawBody: Buffer;
  headers: Readonly<Record<string, string | undefined>>;
  /** When it arrived; schemes with a timestamp check it against this. */
  receivedAt: Date;
}

/** Why a delivery was refused: recorded and counted, never told to the sender. */
export type RejectionReason =
  'missing_signature' | 'malformed_signature' | 'stale_timestamp' | 'bad_signature';

export type Verification =
  | {
      verified: true;
      /** The sender's own id for this delivery, when the scheme carries one. */ deliveryId?: string;
    }
  | { verified: false; reason: RejectionReason };

/** How one family of senders signs: one class per scheme. */
export interface SignatureScheme {
  readonly name: WebhookScheme;
  /** Headers that carry the signature: never copied into a run request. */
  readonly signatureHeaders: readonly string[];
  /** A fresh secret in the form this scheme's senders expect. */
  generateSecret(): string;
  /** True when any of `secrets` signed the delivery. Runs in constant time per secret. */
  verify(delivery: SignedDelivery, secrets: readonly string[]): Verification;
}

/** Senders may clock-drift either way; five minutes, as Standard Webhooks and Stripe use. */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;

export function withinTolerance(timestampSeconds: number, receivedAt: Date): boolean {
  return Math.abs(Math.floor(receivedAt.getTime() / 1000) - timestampSeconds) <= TIMESTAMP_TOLERANCE_SECONDS;
}

export function hmacSha256Hex(key: string, ...parts: (string | Buffer)[]): string {
  const hmac = createHmac('sha256', key);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
}

/**
 * Constant-time equality of two hex digests. A candidate of the wrong length is compared with
 * itself, so the work done does not depend on where it differs; the expected length is public.
 */
export function sameHex(expected: string, candidate: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(candidate.toLowerCase(), 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** Compares with every secret, always, so the position of the matching one does not show in the timing. */
export function anySecret(secrets: readonly string[], matches: (secret: string) => boolean): boolean {
  return secrets.reduce((found, secret) => matches(secret) || found, false);
}
