import {
  type DynamicModule,
  type FactoryProvider,
  Global,
  Logger,
  Module,
  type ModuleMetadata,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { JetStreamPublisher, connectNats } from '@triggerline/messaging';
import { NatsHealthIndicator } from './nats.health.js';
import { NatsLifecycle } from './nats-lifecycle.js';
import { NATS_CONNECTION, NATS_MODULE_OPTIONS, type NatsModuleOptions } from './nats.tokens.js';

export interface NatsModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: never[]) => NatsModuleOptions | Promise<NatsModuleOptions>;
  inject?: FactoryProvider['inject'];
}

/**
 * One NATS connection per process (reconnecting for ever), the streams provisioned at
 * start-up, a `JetStreamPublisher`, and a health indicator. Global: import it once in the app.
 */
@Global()
@Module({})
export class NatsModule {
  static forRootAsync(options: NatsModuleAsyncOptions): DynamicModule {
    return {
      module: NatsModule,
      imports: [...(options.imports ?? []), TerminusModule],
      providers: [
        { provide: NATS_MODULE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: NATS_CONNECTION,
          inject: [NATS_MODULE_OPTIONS],
          useFactory: async ({ servers, name }: NatsModuleOptions): Promise<NatsConnection> => {
            new Logger('Nats').log(`connecting to ${servers}`);
            return connectNats({ servers, name, waitOnFirstConnect: true });
          },
        },
        {
          provide: JetStreamPublisher,
          inject: [NATS_CONNECTION],
          useFactory: (connection: NatsConnection) => new JetStreamPublisher(jetstream(connection)),
        },
        NatsLifecycle,
        NatsHealthIndicator,
      ],
      exports: [NATS_CONNECTION, NATS_MODULE_OPTIONS, JetStreamPublisher, NatsHealthIndicator],
    };
  }
}
