import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { streamForSubject } from '@triggerline/contracts';
import { type BackoffPolicy, DurableWorker, type ReceivedMessage, durableName } from '@triggerline/messaging';
import { isObservable, lastValueFrom } from 'rxjs';
import { JetStreamContext } from './jetstream.context.js';

export interface JetStreamTransportOptions {
  /** The app's connection (`app.get(NATS_CONNECTION)`): the transport does not own or close it. */
  connection: NatsConnection;
  /** Prefix of the durable consumer names, shared by every replica of the service. */
  service: string;
  concurrency?: number;
  maxDeliver?: number;
  backoff?: BackoffPolicy;
  ackWaitMs?: number;
}

/**
 * Nest microservice transport over durable JetStream pull consumers: each `@EventPattern(subject)`
 * (wildcards allowed) gets a durable consumer named after the service and the pattern, so replicas
 * share the work. A handler's success acks; a throw (or a failed observable) naks with backoff,
 * and after `maxDeliver` deliveries the message goes to `dlq.<subject>`.
 */
export class JetStreamTransport extends Server implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  protected override readonly logger = new Logger(JetStreamTransport.name);
  private workers: DurableWorker[] = [];

  constructor(private readonly options: JetStreamTransportOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.startWorkers();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.stop()));
  }

  on(): never {
    throw new Error('JetStreamTransport has no events to subscribe to; watch the NATS connection instead');
  }

  unwrap<T>(): T {
    return this.options.connection as T;
  }

  private async startWorkers(): Promise<void> {
    const { connection, service, ...tuning } = this.options;
    const js = jetstream(connection);
    const jsm = await jetstreamManager(connection);
    for (const [pattern, handler] of this.messageHandlers) {
      const stream = streamForSubject(pattern);
      if (!handler.isEventHandler)
        throw new Error(`@MessagePattern('${pattern}'): JetStream carries events only; use @EventPattern`);
      if (!stream)
        throw new Error(
          `@EventPattern('${pattern}') matches no JetStream stream (events.>, runs.requested.>, ...)`,
        );
      const worker = await DurableWorker.start(js, jsm, {
        ...tuning,
        stream,
        durable: durableName(service, pattern),
        filterSubject: pattern,
        logger: this.logger,
        handle: (message) => this.dispatch(handler, message),
      });
      this.workers.push(worker);
      this.logger.log(`consuming ${pattern} from ${stream} as ${durableName(service, pattern)}`);
    }
  }

  /** Runs the handler chain and settles its result, so a failure reaches the worker as a throw. */
  private async dispatch(handler: MessageHandler, message: ReceivedMessage): Promise<void> {
    const result = await handler(message.data, new JetStreamContext([message]));
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }
}
