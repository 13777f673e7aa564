import { envVariable, platformEnvSchema } from '@triggerline/config';
import { z } from 'zod';

const positiveInt = (description: string) =>
  envVariable(z.coerce.number().int().positive({ error: 'must be a whole number above 0' }), { description });

/** The gateway's environment: the shared variables plus its own. */
export const gatewayEnvSchema = platformEnvSchema({ service: 'event-gateway', port: 3001 }).extend({
  GATEWAY_CONCURRENCY: positiveInt('Events this replica handles at once').default(16),
  GATEWAY_ACK_WAIT_SECONDS: positiveInt(
    'Seconds before an event held by a replica that died is handed to another',
  ).default(30),
  // 10 deliveries with the default backoff (1 s doubling to 60 s) ride out about 4 minutes of a
  // database or NATS outage before an event is parked on dlq.events.<type>.
  GATEWAY_MAX_DELIVERIES: positiveInt('Deliveries of a failing event before it is dead-lettered').default(10),
  EVENT_HISTORY_MAX_AGE_DAYS: positiveInt('Event history rows older than this many days are deleted').default(
    30,
  ),
  EVENT_HISTORY_MAX_COUNT: positiveInt('Event history keeps at most this many rows, the newest').default(
    100_000,
  ),
  EVENT_HISTORY_PRUNE_INTERVAL_SECONDS: positiveInt('How often retention runs on each replica').default(60),
});

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

/** Injection token of the validated environment. */
export const GATEWAY_ENV = Symbol('GATEWAY_ENV');
