import { envVariable, platformEnvSchema } from '@triggerline/config';
import { z } from 'zod';

/** The scheduler's environment: the shared variables plus its own. */
export const schedulerEnvSchema = platformEnvSchema({ service: 'scheduler', port: 3002 }).extend({
  LEADER_LEASE_TTL_MS: envVariable(
    z.coerce
      .number()
      .int({ error: 'must be a whole number of milliseconds' })
      .min(1_000, { error: 'must be at least 1000 (ms)' }),
    {
      description:
        'Leader lease in the NATS KV bucket: when the leader dies, another replica fires within about this long',
    },
  ).default(10_000),
});

export type SchedulerEnv = z.infer<typeof schedulerEnvSchema>;

/** Injection token of the validated environment. */
export const SCHEDULER_ENV = Symbol('SCHEDULER_ENV');
