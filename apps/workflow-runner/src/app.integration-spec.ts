import { loadEnv } from '@triggerline/config';
import { bootstrapService } from '@triggerline/service';
import { describeServiceConformance } from '@triggerline/testing';
import { DataSource } from 'typeorm';
import { AppModule, SERVICE_NAME } from './app.module.js';
import { runnerEnvSchema } from './env.schema.js';

describeServiceConformance({
  name: SERVICE_NAME,
  builtMain: new URL('../../../dist/apps/workflow-runner/apps/workflow-runner/src/main.js', import.meta.url)
    .pathname,
  badVariable: { name: 'NATS_REPLICAS', value: '2', message: 'NATS_REPLICAS: must be 1, 3 or 5 (got "2")' },
  async startInProcess(env) {
    const loaded = loadEnv(runnerEnvSchema, { ...env });
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
