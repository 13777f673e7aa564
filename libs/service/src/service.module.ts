import { type DynamicModule, type FactoryProvider, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { API_KEYS, ApiKeyGuard } from './auth/api-key.guard.js';
import { HttpErrorFilter } from './errors/http-error.filter.js';
import { HEALTH_CHECKS_DATABASE, HealthController } from './observability/health.controller.js';
import { REDACTED_PATHS } from './observability/redaction.js';
import { METRICS_REGISTRY, MetricsController } from './observability/metrics.controller.js';

export interface ServiceOptions {
  /** The service name: log field `service`, metric label prefix. */
  name: string;
  apiKeys: readonly string[];
  logLevel: string;
  /** Whether `/health` pings the TypeORM data source. */
  database: boolean;
}

const SERVICE_OPTIONS = Symbol('SERVICE_OPTIONS');

export interface ServiceModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: never[]) => ServiceOptions | Promise<ServiceOptions>;
  inject?: FactoryProvider['inject'];
}

/**
 * What every Triggerline HTTP service has: JSON logs with secrets redacted, the API-key guard,
 * one error shape, `/health` and `/metrics`. Needs `NatsModule` (and TypeORM when `database`).
 */
@Module({})
export class ServiceModule {
  static forRootAsync(options: ServiceModuleAsyncOptions): DynamicModule {
    const optionsProvider = {
      provide: SERVICE_OPTIONS,
      useFactory: options.useFactory,
      inject: options.inject ?? [],
    };
    return {
      module: ServiceModule,
      global: true,
      imports: [
        ...(options.imports ?? []),
        TerminusModule,
        LoggerModule.forRootAsync({
          imports: options.imports ?? [],
          inject: options.inject ?? [],
          useFactory: async (...args: unknown[]) => {
            const { name, logLevel } = await options.useFactory(...(args as never[]));
            return {
              pinoHttp: {
                level: logLevel,
                base: { service: name },
                redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
                autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
              },
            };
          },
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        optionsProvider,
        { provide: API_KEYS, inject: [SERVICE_OPTIONS], useFactory: (o: ServiceOptions) => o.apiKeys },
        {
          provide: HEALTH_CHECKS_DATABASE,
          inject: [SERVICE_OPTIONS],
          useFactory: (o: ServiceOptions) => o.database,
        },
        {
          provide: METRICS_REGISTRY,
          inject: [SERVICE_OPTIONS],
          useFactory: (o: ServiceOptions) => {
            const registry = new Registry();
            registry.setDefaultLabels({ service: o.name });
            collectDefaultMetrics({ register: registry });
            return registry;
          },
        },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
      exports: [METRICS_REGISTRY],
    };
  }
}
