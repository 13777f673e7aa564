import { loadEnv } from '@triggerline/config';
import { bootstrapService, runService } from '@triggerline/service';
import { AppModule, SERVICE_NAME } from './app.module.js';
import { ingressEnvSchema } from './env.schema.js';

runService(async () => {
  const env = loadEnv(ingressEnvSchema);
  return bootstrapService(AppModule.forRoot(env), {
    name: SERVICE_NAME,
    description: 'Webhook triggers: verified deliveries become run requests; trigger management',
    port: env.PORT,
    bodyLimit: env.WEBHOOK_BODY_LIMIT_BYTES,
  });
});
