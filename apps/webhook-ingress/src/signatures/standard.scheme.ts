import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import {
  anySecret,
  type SignatureScheme,
  type SignedDelivery,
  type Verification,
  withinTolerance,
} from './signature-scheme.js';

/**
 * Standard Webhooks v1 (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64> …`),
 * verified by the `standardwebhooks` package; the key is the base64 after `whsec_`. The
 * timestamp and headers are checked here first only to name the reason in the delivery record.
 */
export class StandardScheme implements SignatureScheme {
  readonly name = 'standard';
  readonly signatureHeaders = ['webhook-signature'];

  generateSecret(): string {
    return `whsec_${randomBytes(24).toString('base64')}`;
  }

  verify({ rawBody, headers, receivedAt }: SignedDelivery, secrets: readonly string[]): Verification {
    const id = headers['webhook-id'];
    const timestamp = headers['webhook-timestamp'];
    const signature = headers['webhook-signature'];
    if (!id || !timestamp || !signature) return { verified: false, reason: 'missing_signature' };
    if (!/^\d+$/.test(timestamp)) return { verified: false, reason: 'malformed_signature' };
    if (!withinTolerance(Number(timestamp), receivedAt))
      return { verified: false, reason: 'stale_timestamp' };
    const signed = { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature };
    const matched = anySecret(secrets, (secret) => {
      try {
        new Webhook(secret).verify(rawBody, signed, { jsonParse: false });
        return true;
      } catch {
        // A mismatch, or a secret that is not `whsec_<base64>` (set by hand): either way, not this one.
        return false;
      }
    });
    return matched ? { verified: true, deliveryId: id } : { verified: false, reason: 'bad_signature' };
  }
}
