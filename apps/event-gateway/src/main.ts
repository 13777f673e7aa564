import { loadEnv } from '@triggerline/config';
import { bootstrapService, runService } from '@triggerline/service';
import { AppModule, SERVICE_NAME } from './app.module.js';
import { gatewayEnvSchema } from './env.schema.js';

runService(async () => {
  const env = loadEnv(gatewayEnvSchema);
  return bootstrapService(AppModule.forRoot(env), {
    name: SERVICE_NAME,
    description: 'Validates, records and fans out business events; event history and catalog',
    port: env.PORT,
    // 500 events of a few KB each fit; the default 1 MB would not.
    bodyLimit: 8 * 1024 * 1024,
    jetstream: {
      concurrency: env.GATEWAY_CONCURRENCY,
      ackWaitMs: env.GATEWAY_ACK_WAIT_SECONDS * 1000,
      maxDeliver: env.GATEWAY_MAX_DELIVERIES,
    },
  });
});
