import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { NatsConnection } from '@nats-io/transport-node';
import { NATS_CONNECTION } from './nats.tokens.js';

/** Terminus indicator: up while the connection is open and answers a round trip. */
@Injectable()
export class NatsHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
  ) {}

  async isHealthy(key = 'nats') {
    const indicator = this.health.check(key);
    if (this.connection.isClosed()) return indicator.down({ message: 'connection closed' });
    try {
      const rttMs = await withTimeout(this.connection.rtt(), 2_000);
      return indicator.up({ server: this.connection.getServer(), rttMs });
    } catch (error) {
      return indicator.down({ server: this.connection.getServer(), message: (error as Error).message });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
