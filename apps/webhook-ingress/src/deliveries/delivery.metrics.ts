import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@triggerline/service';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Prometheus series of the delivery endpoint. */
@Injectable()
export class DeliveryMetrics {
  readonly accepted: Counter<'scheme' | 'duplicate'>;
  readonly rejected: Counter<'reason'>;
  readonly latency: Histogram<'outcome'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.accepted = new Counter({
      name: 'webhook_deliveries_accepted_total',
      help: 'Deliveries answered 202, by scheme and whether they repeated an earlier one',
      labelNames: ['scheme', 'duplicate'],
      registers: [registry],
    });
    this.rejected = new Counter({
      name: 'webhook_deliveries_rejected_total',
      help: 'Deliveries refused, by reason',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.latency = new Histogram({
      name: 'webhook_delivery_duration_seconds',
      help: 'From request to answer, publish and JetStream ack included',
      labelNames: ['outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }
}
