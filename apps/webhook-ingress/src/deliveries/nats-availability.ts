import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { NATS_CONNECTION } from '@triggerline/messaging-nest';

/**
 * Whether the NATS connection is up right now. While it is down, a publish would only wait for
 * its timeout, so a delivery is refused at once (503): the sender retries, nothing is lost.
 */
@Injectable()
export class NatsAvailability implements OnApplicationBootstrap {
  private connected = true;

  constructor(@Inject(NATS_CONNECTION) private readonly connection: NatsConnection) {}

  onApplicationBootstrap(): void {
    void this.watch();
  }

  get available(): boolean {
    return this.connected && !this.connection.isClosed() && !this.connection.isDraining();
  }

  private async watch(): Promise<void> {
    for await (const status of this.connection.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnecting') this.connected = false;
      if (status.type === 'reconnect') this.connected = true;
    }
  }
}
