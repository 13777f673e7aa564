import type { SignatureScheme, Verification } from './signature-scheme.js';
import { StandardScheme } from './standard.scheme.js';

/** No signature at all: only when a workflow asks for it, and the API then flags the trigger insecure. */
export class NoneScheme implements SignatureScheme {
  readonly name = 'none';
  readonly signatureHeaders = [];

  /** Unused while the scheme is `none`; ready if the workflow later picks a signing scheme. */
  generateSecret(): string {
    return new StandardScheme().generateSecret();
  }

  verify(): Verification {
    return { verified: true };
  }
}
