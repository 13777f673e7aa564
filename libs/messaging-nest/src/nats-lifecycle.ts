import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { provisionStreams } from '@triggerline/messaging';
import { NATS_CONNECTION, NATS_MODULE_OPTIONS, type NatsModuleOptions } from './nats.tokens.js';

/** Provisions the streams at start-up and drains the connection last at shutdown. */
@Injectable()
export class NatsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Nats');

  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    @Inject(NATS_MODULE_OPTIONS) private readonly options: NatsModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await provisionStreams(await jetstreamManager(this.connection), { replicas: this.options.replicas });
    this.logger.log(
      `connected to ${this.connection.getServer()}; streams provisioned (replicas ${this.options.replicas})`,
    );
    void this.logStatus();
  }

  /** Runs after Nest closed the HTTP server and the JetStream transport: nothing is in flight. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.connection.isClosed()) await this.connection.drain();
  }

  private async logStatus(): Promise<void> {
    for await (const status of this.connection.status()) {
      if (status.type === 'disconnect') this.logger.warn(`disconnected from ${status.server}`);
      if (status.type === 'reconnect') this.logger.log(`reconnected to ${status.server}`);
    }
  }
}
