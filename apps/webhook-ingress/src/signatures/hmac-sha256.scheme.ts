import { randomBytes } from 'node:crypto';
import {
  anySecret,
  hmacSha256Hex,
  sameHex,
  type SignatureScheme,
  type SignedDelivery,
  type Verification,
} from './signature-scheme.js';

/** The seed's scheme: `X-Signature: [sha256=]<hex HMAC-SHA256 of the body>`, keyed by the secret's text. */
export class HmacSha256Scheme implements SignatureScheme {
  readonly name = 'hmac-sha256';
  readonly signatureHeaders = ['x-signature'];

  generateSecret(): string {
    return randomBytes(32).toString('hex');
  }

  verify({ rawBody, headers }: SignedDelivery, secrets: readonly string[]): Verification {
    const header = headers['x-signature']?.trim();
    if (!header) return { verified: false, reason: 'missing_signature' };
    const signature = header.startsWith('sha256=') ? header.slice('sha256='.length) : header;
    if (!/^[0-9a-fA-F]{64}$/.test(signature)) return { verified: false, reason: 'malformed_signature' };
    return anySecret(secrets, (secret) => sameHex(hmacSha256Hex(secret, rawBody), signature))
      ? { verified: true }
      : { verified: false, reason: 'bad_signature' };
  }
}
