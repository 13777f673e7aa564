import { loadEnv } from '@triggerline/config';
import { bootstrapService, runService } from '@triggerline/service';
import { AppModule, SERVICE_NAME } from './app.module.js';
import { runnerEnvSchema } from './env.schema.js';

runService(async () => {
  const env = loadEnv(runnerEnvSchema);
  return bootstrapService(AppModule.forRoot(env), {
    name: SERVICE_NAME,
    description: 'Workflow definitions, durable executions and run results',
    port: env.PORT,
    // Runs wait (delays, concurrency slots) by going back to NATS, which counts as a delivery:
    // the runner bounds step retries itself, so the dead-letter threshold is only a crash guard.
    jetstream: {
      concurrency: env.RUNNER_CONCURRENCY,
      ackWaitMs: env.RUNNER_ACK_WAIT_SECONDS * 1000,
      maxDeliver: 1_000,
    },
  });
});
