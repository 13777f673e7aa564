import type { WebhookScheme } from '@triggerline/contracts';
import { GithubScheme } from './github.scheme.js';
import { HmacSha256Scheme } from './hmac-sha256.scheme.js';
import { NoneScheme } from './none.scheme.js';
import type { SignatureScheme } from './signature-scheme.js';
import { StandardScheme } from './standard.scheme.js';
import { StripeScheme } from './stripe.scheme.js';

/** One instance per scheme; they hold no state. */
export const SIGNATURE_SCHEMES: Readonly<Record<WebhookScheme, SignatureScheme>> = {
  standard: new StandardScheme(),
  'hmac-sha256': new HmacSha256Scheme(),
  github: new GithubScheme(),
  stripe: new StripeScheme(),
  none: new NoneScheme(),
};

/** Every header any scheme signs with: kept out of run requests and delivery records. */
export const SIGNATURE_HEADERS: ReadonlySet<string> = new Set(
  Object.values(SIGNATURE_SCHEMES).flatMap((scheme) => scheme.signatureHeaders),
);
