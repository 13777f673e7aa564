import { randomBytes } from 'node:crypto';
import {
  anySecret,
  hmacSha256Hex,
  sameHex,
  type SignatureScheme,
  type SignedDelivery,
  type Verification,
  withinTolerance,
} from './signature-scheme.js';

/**
 * Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=…][,v0=…]`, HMAC-SHA256 of `<t>.<body>` keyed
 * by the whole secret as given (`whsec_` included). Any `v1` may match (Stripe sends one per
 * active secret while rolling); `v0` is its test-mode scheme and is ignored.
 */
export class StripeScheme implements SignatureScheme {
  readonly name = 'stripe';
  readonly signatureHeaders = ['stripe-signature'];

  generateSecret(): string {
    return `whsec_${randomBytes(24).toString('hex')}`;
  }

  verify({ rawBody, headers, receivedAt }: SignedDelivery, secrets: readonly string[]): Verification {
    const header = headers['stripe-signature']?.trim();
    if (!header) return { verified: false, reason: 'missing_signature' };
    const pairs = header.split(',').map((pair) => pair.trim().split('=', 2) as [string, string | undefined]);
    const timestamp = pairs.find(([key]) => key === 't')?.[1];
    const signatures = pairs.filter(([key, value]) => key === 'v1' && value).map(([, value]) => value ?? '');
    if (!timestamp || !/^\d+$/.test(timestamp) || signatures.length === 0) {
      return { verified: false, reason: 'malformed_signature' };
    }
    if (!withinTolerance(Number(timestamp), receivedAt))
      return { verified: false, reason: 'stale_timestamp' };
    const matched = anySecret(secrets, (secret) => {
      const expected = hmacSha256Hex(secret, `${timestamp}.`, rawBody);
      return signatures.reduce((found, signature) => sameHex(expected, signature) || found, false);
    });
    if (!matched) return { verified: false, reason: 'bad_signature' };
    const deliveryId = eventId(rawBody);
    return { verified: true, ...(deliveryId ? { deliveryId } : {}) };
  }
}

/** Stripe retries an event with the same `id` (evt_…) in its body: the natural delivery id. */
function eventId(rawBody: Buffer): string | undefined {
  try {
    const event: unknown = JSON.parse(rawBody.toString('utf8'));
    const id = typeof event === 'object' && event !== null && 'id' in event ? event.id : undefined;
    return typeof id === 'string' && id.length > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}
