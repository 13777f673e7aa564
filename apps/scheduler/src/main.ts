import { loadEnv } from '@triggerline/config';
import { bootstrapService, runService } from '@triggerline/service';
import { AppModule, SERVICE_NAME } from './app.module.js';
import { schedulerEnvSchema } from './env.schema.js';

runService(async () => {
  const env = loadEnv(schedulerEnvSchema);
  return bootstrapService(AppModule.forRoot(env), {
    name: SERVICE_NAME,
    description:
      'Cron, interval, daily and weekly triggers: run requests at due times, one leader among replicas',
    port: env.PORT,
    jetstream: {},
  });
});
