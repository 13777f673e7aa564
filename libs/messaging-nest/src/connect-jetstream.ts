import type { INestApplication, INestMicroservice } from '@nestjs/common';
import { NestMicroservice } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import { JetStreamExceptionFilter } from './jetstream-exception.filter.js';
import { JetStreamTransport, type JetStreamTransportOptions } from './jetstream.transport.js';
import { NATS_CONNECTION } from './nats.tokens.js';

/**
 * Attaches the JetStream transport to an HTTP app over the app's own NATS connection, with the
 * filter that keeps handler errors intact. Then `await app.init()` (the hooks run there, once)
 * and `app.startAllMicroservices()`.
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
  // The app's own init() runs the lifecycle hooks; without this the microservice runs them a
  // second time when it starts (every onApplicationBootstrap twice).
  if (microservice instanceof NestMicroservice) microservice.setIsInitHookCalled(true);
  return microservice;
}
