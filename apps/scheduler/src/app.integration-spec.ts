import { loadEnv } from '@triggerline/config';
import { bootstrapService } from '@triggerline/service';
import { describeServiceConformance } from '@triggerline/testing';
import { DataSource } from 'typeorm';
import { AppModule, SERVICE_NAME } from './app.module.js';
import { schedulerEnvSchema } from './env.schema.js';

describeServiceConformance({
  name: SERVICE_NAME,
  builtMain: new URL('../../../dist/apps/scheduler/apps/scheduler/src/main.js', import.meta.url).pathname,
  badVariable: {
    name: 'LEADER_LEASE_TTL_MS',
    value: '500',
    message: 'LEADER_LEASE_TTL_MS: must be at least 1000 (ms)',
  },
  async startInProcess(env) {
    const loaded = loadEnv(schedulerEnvSchema, { ...env });
    const app = await bootstrapService(AppModule.forRoot(loaded), {
      name: SERVICE_NAME,
      description: 'conformance',
      port: loaded.PORT,
      host: '127.0.0.1',
      docsUi: false,
    });
    return {
      base: `http://127.0.0.1:${loaded.PORT}`,
      dataSource: app.get(DataSource),
      close: () => app.close(),
    };
  },
});
