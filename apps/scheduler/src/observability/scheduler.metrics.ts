import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@triggerline/service';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The scheduler's Prometheus series, on the service's registry (`/metrics`). */
@Injectable()
export class SchedulerMetrics {
  readonly fires: Counter<'kind'>;
  readonly lateness: Histogram;
  readonly missed: Counter<'reason'>;
  readonly publishFailures: Counter;
  readonly leader: Gauge;
  readonly jobs: Gauge;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.fires = new Counter({
      name: 'scheduler_fires_total',
      help: 'Run requests sent, by kind: scheduled, catch_up (after downtime) or manual',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.lateness = new Histogram({
      name: 'scheduler_fire_lateness_seconds',
      help: 'From a slot’s scheduled time to its run request being stored by JetStream',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.missed = new Counter({
      name: 'scheduler_missed_slots_total',
      help: 'Slots not run, by reason: misfire (downtime under skip/fire_once/the fire_all cap) or overlap',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.publishFailures = new Counter({
      name: 'scheduler_publish_failures_total',
      help: 'Run requests JetStream did not acknowledge (retried)',
      registers: [registry],
    });
    this.leader = new Gauge({
      name: 'scheduler_leader',
      help: '1 while this replica holds the leader lease and fires',
      registers: [registry],
    });
    this.jobs = new Gauge({
      name: 'scheduler_jobs_armed',
      help: 'Jobs waiting in the leader’s timer queue',
      registers: [registry],
    });
  }
}
