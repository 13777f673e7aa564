import { envVariable, platformEnvSchema } from '@triggerline/config';
import { z } from 'zod';

const positiveInt = (description: string) =>
  envVariable(z.coerce.number().int().positive({ error: 'must be a whole number above 0' }), { description });

/** The runner's environment: the shared variables plus its own. */
export const runnerEnvSchema = platformEnvSchema({ service: 'workflow-runner', port: 3004 }).extend({
  RUNNER_CONCURRENCY: positiveInt('Executions this replica runs at once').default(16),
  // Safe to shorten: a worker tells NATS it is still busy every third of this while a run lasts.
  RUNNER_ACK_WAIT_SECONDS: positiveInt(
    'Seconds before a run request held by a replica that died is handed to another',
  ).default(30),
  EMIT_EVENT_MAX_CHAIN_DEPTH: positiveInt(
    'Workflows triggering workflows: events deeper than this are refused',
  ).default(8),
});

export type RunnerEnv = z.infer<typeof runnerEnvSchema>;

/** Injection token of the validated environment. */
export const RUNNER_ENV = Symbol('RUNNER_ENV');
