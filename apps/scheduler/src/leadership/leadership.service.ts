import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { NATS_CONNECTION } from '@triggerline/messaging-nest';
import { SCHEDULER_ENV, type SchedulerEnv } from '../env.schema.js';
import { FiringService } from '../firing/firing.service.js';
import { JobsProjection } from '../jobs/jobs.projection.js';
import { LeaderLease } from './leader-lease.js';

/** The KV bucket holding the scheduler's leader lease; its TTL is the lease. */
export const LEADER_BUCKET = 'scheduler_leader';

/** Campaigns for the lease once the projection is complete, and hands leadership to firing. */
@Injectable()
export class LeadershipService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Leadership');
  private lease?: LeaderLease;

  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    @Inject(SCHEDULER_ENV) private readonly env: SchedulerEnv,
    private readonly projection: JobsProjection,
    private readonly firing: FiringService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.ready;
    this.lease = await LeaderLease.open(this.connection, {
      bucket: LEADER_BUCKET,
      ttlMs: this.env.LEADER_LEASE_TTL_MS,
      replicas: this.env.NATS_REPLICAS,
      logger: this.logger,
      onChange: (leader) => this.firing.setLeader(leader, () => this.isLeader()),
    });
  }

  isLeader(): boolean {
    return this.lease?.isLeader() ?? false;
  }

  /** Stop firing, finish what is in flight, then free the lease for a successor at once. */
  async beforeApplicationShutdown(): Promise<void> {
    this.firing.stop();
    await this.firing.settle();
    await this.lease?.stop();
  }
}
