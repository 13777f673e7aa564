import { envVariable, platformEnvSchema } from '@triggerline/config';
import { z } from 'zod';

const positiveInt = (description: string) =>
  envVariable(z.coerce.number().int().positive({ error: 'must be a whole number above 0' }), { description });

const MIB = 1024 * 1024;

/** The ingress's environment: the shared variables plus its own. */
export const ingressEnvSchema = platformEnvSchema({ service: 'webhook-ingress', port: 3003 }).extend({
  PUBLIC_BASE_URL: envVariable(
    z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .transform((url) => url.replace(/\/+$/, '')),
    { description: 'Where senders reach this service; webhook URLs are built on it' },
  ).default('http://127.0.0.1:3003'),
  WEBHOOK_BODY_LIMIT_BYTES: positiveInt('Largest webhook body accepted; larger ones get 413').default(MIB),
  SECRET_GRACE_PERIOD_SECONDS: positiveInt(
    'How long a rotated-out secret still verifies, unless regenerate-secret names another period',
  ).default(24 * 60 * 60),
  WEBHOOK_RATE_LIMIT_PER_SECOND: positiveInt(
    'Deliveries per second one trigger accepts on this replica (bursts up to twice that); more get 429',
  ).default(100),
  DELIVERY_RETENTION_HOURS: positiveInt('How long delivery records are kept for inspection').default(72),
  DELIVERY_BODY_RECORD_BYTES: positiveInt('How much of each body a delivery record keeps').default(16 * 1024),
});

export type IngressEnv = z.infer<typeof ingressEnvSchema>;

/** Injection token of the validated environment. */
export const INGRESS_ENV = Symbol('INGRESS_ENV');
