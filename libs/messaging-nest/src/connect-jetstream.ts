import type { INestApplication, INestMicroservice } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { JetStreamExceptionFilter } from './jetstream-exception.filter.js';
import { JetStreamTransport, type JetStreamTransportOptions } from './jetstream.transport.js';
import { NATS_CONNECTION } from './nats.tokens.js';

/**
 * Attaches the JetStream transport to an HTTP app over the app's own NATS connection, with the
 * filter that keeps handler errors intact. Call `app.startAllMicroservices()` afterwards.
 */
export function connectJetStream(
  app: INestApplication,
  options: Omit<JetStreamTransportOptions, 'connection'>,
): INestMicroservice {
  const strategy = new JetStreamTransport({
    ...options,
    connection: app.get<NatsConnection>(NATS_CONNECTION),
  });
  // Deferred, so the filter is registered before Nest wires the handlers.
  const microservice = app.connectMicroservice({ strategy }, { deferInitialization: true });
  microservice.useGlobalFilters(new JetStreamExceptionFilter());
  return microservice;
}
