import { Inject, Injectable } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { STREAMS } from '@triggerline/contracts';
import { durableName } from '@triggerline/messaging';
import { NATS_CONNECTION } from '@triggerline/messaging-nest';
import { METRICS_REGISTRY } from '@triggerline/service';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { EVENTS_PATTERN, SERVICE_NAME } from '../service-name.js';

/** The gateway's Prometheus metrics (issue 3, item 8), on the service's `/metrics`. */
@Injectable()
export class GatewayMetrics {
  readonly received: Counter<'type'>;
  readonly accepted: Counter<'type'>;
  readonly rejected: Counter<'type'>;
  readonly runsRequested: Counter;
  readonly handlerSeconds: Histogram<'outcome'>;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    @Inject(NATS_CONNECTION) connection: NatsConnection,
  ) {
    const registers = [registry];
    this.received = new Counter({
      name: 'gateway_events_received_total',
      help: 'Events taken from the EVENTS stream, first deliveries of each event id only',
      labelNames: ['type'],
      registers,
    });
    this.accepted = new Counter({
      name: 'gateway_events_accepted_total',
      help: 'Events that passed validation',
      labelNames: ['type'],
      registers,
    });
    this.rejected = new Counter({
      name: 'gateway_events_rejected_total',
      help: 'Events recorded as rejected (unknown type or invalid payload)',
      labelNames: ['type'],
      registers,
    });
    this.runsRequested = new Counter({
      name: 'gateway_runs_requested_total',
      help: 'Run requests acknowledged by JetStream',
      registers,
    });
    this.handlerSeconds = new Histogram({
      name: 'gateway_event_handler_seconds',
      help: 'Time to validate, record and fan out one event',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    new Gauge({
      name: 'gateway_consumer_pending',
      help: "Events in the stream not yet delivered to the gateway's durable consumer",
      registers,
      async collect() {
        // NATS unreachable: keep the last value rather than fail the whole scrape.
        const info = await jetstreamManager(connection, { checkAPI: false })
          .then((jsm) => jsm.consumers.info(STREAMS.events.name, durableName(SERVICE_NAME, EVENTS_PATTERN)))
          .catch(() => undefined);
        if (info) this.set(info.num_pending);
      },
    });
  }
}
