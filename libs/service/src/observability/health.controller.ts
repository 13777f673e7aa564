import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  type HealthIndicatorFunction,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { NatsHealthIndicator } from '@triggerline/messaging-nest';
import { Public } from '../auth/public.decorator.js';

export const HEALTH_CHECKS_DATABASE = Symbol('HEALTH_CHECKS_DATABASE');

/** `/health/live`: the process answers. `/health`: ready, NATS and the database reachable. */
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly nats: NatsHealthIndicator,
    private readonly database: TypeOrmHealthIndicator,
    @Inject(HEALTH_CHECKS_DATABASE) private readonly checksDatabase: boolean,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get()
  @HealthCheck()
  ready() {
    const checks: HealthIndicatorFunction[] = [() => this.nats.isHealthy('nats')];
    if (this.checksDatabase) checks.push(() => this.database.pingCheck('database', { timeout: 2_000 }));
    return this.health.check(checks);
  }
}
