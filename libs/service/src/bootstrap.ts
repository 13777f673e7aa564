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
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Triggerline ${options.name}`)
      .setDescription(options.description)
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);

  if (options.jetstream) {
    connectJetStream(app, { service: options.name, ...options.jetstream });
    await app.startAllMicroservices();
  }
  await app.listen({ port: options.port, host: options.host ?? '0.0.0.0' });
  new NestLogger(options.name).log(`listening on http://127.0.0.1:${options.port} (OpenAPI at /docs)`);
  return app;
}

/** Entry point of a service's main.ts: a failed start is logged with its reason, then exit 1. */
export function runService(start: () => Promise<unknown>): void {
  start().catch((error: unknown) => {
    console.error(
      `start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  });
}
