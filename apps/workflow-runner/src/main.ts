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
    jetstream: { concurrency: env.RUNNER_CONCURRENCY },
  });
});
