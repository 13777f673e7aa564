import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@triggerline/service';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Runs by outcome, step latency, and how long a request waited before a runner took it. */
@Injectable()
export class RunnerMetrics {
  readonly runsFinished: Counter<'status'>;
  readonly stepDuration: Histogram<'type' | 'status'>;
  readonly queueLag: Histogram;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.runsFinished = new Counter({
      name: 'triggerline_runs_finished_total',
      help: 'Executions finished, by status',
      labelNames: ['status'],
      registers: [registry],
    });
    this.stepDuration = new Histogram({
      name: 'triggerline_step_duration_seconds',
      help: 'Time one step attempt took, by step type and outcome',
      labelNames: ['type', 'status'],
      buckets: [0.001, 0.005, 0.025, 0.1, 0.5, 2, 10, 60],
      registers: [registry],
    });
    this.queueLag = new Histogram({
      name: 'triggerline_run_queue_lag_seconds',
      help: 'From a run request being published to a runner starting it',
      buckets: [0.005, 0.025, 0.1, 0.5, 2, 10, 60, 600],
      registers: [registry],
    });
  }
}
