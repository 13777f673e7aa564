import { randomBytes } from 'node:crypto';
import {
  anySecret,
  hmacSha256Hex,
  sameHex,
  type SignatureScheme,
  type SignedDelivery,
  type Verification,
} from './signature-scheme.js';

/** GitHub: `X-Hub-Signature-256: sha256=<hex>` over the body; the delivery id is `X-GitHub-Delivery`. */
export class GithubScheme implements SignatureScheme {
  readonly name = 'github';
  readonly signatureHeaders = ['x-hub-signature-256', 'x-hub-signature'];

  generateSecret(): string {
    return randomBytes(32).toString('hex');
  }

  verify({ rawBody, headers }: SignedDelivery, secrets: readonly string[]): Verification {
    const header = headers['x-hub-signature-256']?.trim();
    if (!header) return { verified: false, reason: 'missing_signature' };
    const signature = /^sha256=([0-9a-fA-F]{64})$/.exec(header)?.[1];
    if (!signature) return { verified: false, reason: 'malformed_signature' };
    if (!anySecret(secrets, (secret) => sameHex(hmacSha256Hex(secret, rawBody), signature))) {
      return { verified: false, reason: 'bad_signature' };
    }
    const deliveryId = headers['x-github-delivery']?.trim();
    return { verified: true, ...(deliveryId ? { deliveryId } : {}) };
  }
}
