import { type DynamicModule, type INestApplication, Logger as NestLogger, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type JetStreamTransportOptions, connectJetStream } from '@triggerline/messaging-nest';
import { Logger } from 'nestjs-pino';

export interface ServiceBootstrapOptions {
  name: string;
  description: string;
  port: number;
  host?: string;
  /** Largest request body accepted, in bytes; larger ones get 413. */
  bodyLimit?: number;
  /**
   * Serve the Swagger UI at /docs besides the JSON at /docs-json (default). Its static-file
   * plugin is ESM-only, which Jest on Node 20 cannot load: in-process tests turn the UI off and
   * the spawned-service tests check it.
   */
  docsUi?: boolean;
  /** Consume JetStream with the app's `@EventPattern` handlers; omit for an HTTP-only service. */
  jetstream?: Omit<JetStreamTransportOptions, 'connection' | 'service'>;
}

/** Creates, documents and starts a service: Fastify, pino logs, OpenAPI at /docs, JetStream handlers. */
export async function bootstrapService(
  module: Type | DynamicModule,
  options: ServiceBootstrapOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    new FastifyAdapter({ bodyLimit: options.bodyLimit ?? 1024 * 1024 }),
    // A failed start throws (runService logs why and exits 1) instead of exiting inside Nest.
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Triggerline ${options.name}`)
      .setDescription(options.description)
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { swaggerUiEnabled: options.docsUi ?? true });

  if (options.jetstream) connectJetStream(app, { service: options.name, ...options.jetstream });
  // Lifecycle hooks (stream provisioning, projections) run here, once, before any handler starts.
  await app.init();
  if (options.jetstream) await app.startAllMicroservices();
  await app.listen({ port: options.port, host: options.host ?? '0.0.0.0' });
  new NestLogger(options.name).log(`listening on http://127.0.0.1:${options.port} (OpenAPI at /docs)`);
  return app;
}

/**
 * Entry point of a service's main.ts. A failed start is logged with its reason, then exit 1.
 * SIGTERM or SIGINT closes the app (HTTP first, then the JetStream handlers finish what they
 * hold, then NATS drains) and exits 0; a second signal exits at once.
 */
export function runService(start: () => Promise<INestApplication>): void {
  start().then(
    (app) => {
      const logger = new NestLogger('Shutdown');
      let stopping = false;
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) process.exit(1);
        stopping = true;
        logger.log(`${signal}: stopping`);
        app.close().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    },
    (error: unknown) => {
      console.error(
        `start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      process.exit(1);
    },
  );
}
