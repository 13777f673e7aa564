import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { dlqSubject } from '@triggerline/contracts';
import { type BackoffPolicy, DEFAULT_BACKOFF, backoffDelay } from './backoff.js';
import { HEADER, fromNatsHeaders, toNatsHeaders } from './headers.js';
import {
  NonRetryableError,
  type ReceivedMessage,
  RedeliverLater,
  toReceivedMessage,
} from './received-message.js';
import { PULL_LIVENESS } from './pull-liveness.js';
import { isApiError } from './streams.js';
import { type MessagingLogger, consoleLogger } from './worker-logger.js';

export interface DurableWorkerOptions {
  stream: string;
  /** Shared by every replica of a service, so each message is handled by one of them. */
  durable: string;
  filterSubject: string;
  handle: (message: ReceivedMessage) => Promise<void>;
  /** Messages handled at once by this process. */
  concurrency?: number;
  /** Deliveries before a failing message is dead-lettered to `dlq.<subject>`. */
  maxDeliver?: number;
  backoff?: BackoffPolicy;
  /** Unacknowledged this long, a message is redelivered; handlers still running extend it. */
  ackWaitMs?: number;
  /** For a consumer created now: `all` also takes what the stream already holds. */
  deliverPolicy?: 'all' | 'new';
  logger?: MessagingLogger;
}

type Settings = Required<Omit<DurableWorkerOptions, 'logger'>> & { logger: MessagingLogger };

/**
 * Runs a handler over a durable JetStream pull consumer: ack after success, nak with backoff on
 * a throw, dead-letter after the last delivery, bounded concurrency, and a stop that finishes
 * what is in flight and hands the rest back to the server.
 */
export class DurableWorker {
  private readonly inFlight = new Set<Promise<void>>();
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private stopping = false;

  private constructor(
    private readonly js: JetStreamClient,
    private readonly settings: Settings,
  ) {}

  static async start(
    js: JetStreamClient,
    jsm: JetStreamManager,
    options: DurableWorkerOptions,
  ): Promise<DurableWorker> {
    const settings: Settings = {
      concurrency: 16,
      maxDeliver: 5,
      backoff: DEFAULT_BACKOFF,
      ackWaitMs: 30_000,
      deliverPolicy: 'all',
      logger: consoleLogger,
      ...options,
    };
    await ensureDurableConsumer(jsm, settings);
    const worker = new DurableWorker(js, settings);
    await worker.consume();
    return worker;
  }

  get activeCount(): number {
    return this.inFlight.size;
  }

  private async consume(): Promise<void> {
    const consumer = await this.js.consumers.get(this.settings.stream, this.settings.durable);
    // `bind`: after missed heartbeats, pull again at once rather than first asking for the consumer's
    // info, which times out until a new consumer leader is elected and then backs off for `expires`.
    const messages = await consumer.consume({
      max_messages: this.settings.concurrency,
      ...PULL_LIVENESS,
      bind: true,
    });
    this.messages = messages;
    this.loop = (async () => {
      for await (const msg of messages) {
        // Buffered but not started: give it back now rather than after the ack wait.
        if (this.stopping) {
          msg.nak();
          continue;
        }
        while (this.inFlight.size >= this.settings.concurrency) await Promise.race(this.inFlight);
        const task = this.process(msg).finally(() => this.inFlight.delete(task));
        this.inFlight.add(task);
      }
    })();
  }

  /** Stops pulling, lets running handlers finish, returns unstarted messages to the server. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await this.messages?.close();
    await this.loop;
    await Promise.allSettled(this.inFlight);
  }

  private async process(msg: JsMsg): Promise<void> {
    const { maxDeliver, ackWaitMs, logger, handle } = this.settings;
    const deliveries = msg.info.deliveryCount;
    if (deliveries > maxDeliver) {
      // Earlier deliveries ended without an outcome: the process died or the handler hung.
      return this.deadLetter(msg, new Error(`no outcome after ${maxDeliver} deliveries`));
    }
    const keepAlive = setInterval(() => msg.working(), Math.max(100, Math.floor(ackWaitMs / 3)));
    try {
      await handle(toReceivedMessage(msg));
      msg.ack();
    } catch (error) {
      if (error instanceof RedeliverLater) return msg.nak(Math.max(0, error.delayMs));
      if (error instanceof NonRetryableError || deliveries >= maxDeliver) {
        await this.deadLetter(msg, error);
      } else {
        const delay = backoffDelay(deliveries, this.settings.backoff);
        logger.warn(
          `${msg.subject} #${msg.info.streamSequence} failed (delivery ${deliveries}/${maxDeliver}), retry in ${delay} ms: ${describe(error)}`,
        );
        msg.nak(delay);
      }
    } finally {
      clearInterval(keepAlive);
    }
  }

  /** Parks the message on `dlq.<subject>` with the error in headers, then acks the original. */
  private async deadLetter(msg: JsMsg, error: unknown): Promise<void> {
    const { stream, backoff, logger } = this.settings;
    const headers = toNatsHeaders({
      ...withoutMsgId(fromNatsHeaders(msg.headers)),
      [HEADER.error]: describe(error),
      [HEADER.originalSubject]: msg.subject,
      [HEADER.originalStream]: stream,
      [HEADER.originalSequence]: String(msg.info.streamSequence),
      [HEADER.deliveries]: String(msg.info.deliveryCount),
      [HEADER.failedAt]: new Date().toISOString(),
    });
    try {
      await this.js.publish(dlqSubject(msg.subject), msg.data, {
        headers,
        msgID: `dlq:${stream}:${msg.info.streamSequence}`,
      });
      msg.ack();
      logger.error(
        `${msg.subject} #${msg.info.streamSequence} dead-lettered after ${msg.info.deliveryCount} deliveries: ${describe(error)}`,
      );
    } catch (publishError) {
      // The DLQ is unreachable: keep the message and try again later rather than lose it.
      logger.error(
        `${msg.subject} #${msg.info.streamSequence} could not be dead-lettered: ${describe(publishError)}`,
      );
      msg.nak(backoffDelay(msg.info.deliveryCount, backoff));
    }
  }
}

async function ensureDurableConsumer(jsm: JetStreamManager, settings: Settings): Promise<void> {
  const { stream, durable, filterSubject, ackWaitMs, concurrency, deliverPolicy } = settings;
  const existing = await jsm.consumers.info(stream, durable).catch((error: unknown) => {
    if (isApiError(error, JetStreamApiCodes.ConsumerNotFound)) return undefined;
    throw error;
  });
  // The server redelivers without limit; this worker decides when a message is dead.
  const mutable = {
    ack_wait: nanos(ackWaitMs),
    max_deliver: -1,
    max_ack_pending: Math.max(1_000, concurrency * 4),
  };
  if (!existing) {
    await jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: deliverPolicy === 'all' ? DeliverPolicy.All : DeliverPolicy.New,
      filter_subject: filterSubject,
      ...mutable,
    });
  } else if (
    existing.config.ack_wait !== mutable.ack_wait ||
    existing.config.max_ack_pending !== mutable.max_ack_pending
  ) {
    await jsm.consumers.update(stream, durable, mutable);
  }
}

function withoutMsgId(headers: Record<string, string>): Record<string, string> {
  const { ['Nats-Msg-Id']: _dropped, ...rest } = headers;
  return rest;
}

export function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'object' ? JSON.stringify(error) : String(error);
}
