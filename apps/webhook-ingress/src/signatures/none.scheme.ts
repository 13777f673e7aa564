import type { SignatureScheme, Verification } from './signature-scheme.js';

/** No signature at all: only when a workflow asks for it, and the API then flags the trigger insecure. */
export class NoneScheme implements SignatureScheme {
  readonly name = 'none';
  readonly signatureHeaders = [];

  generateSecret(): string {
    return '';
  }

  verify(): Verification {
    return { verified: true };
  }
}
