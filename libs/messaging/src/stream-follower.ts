import { DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import { backoffDelay } from './backoff.js';
import { describe } from './durable-worker.js';
import { PULL_LIVENESS } from './pull-liveness.js';
import { type ReceivedMessage, toReceivedMessage } from './received-message.js';
import { type MessagingLogger, consoleLogger } from './worker-logger.js';

export interface StreamFollowerOptions {
  stream: string;
  filterSubject?: string;
  /** Applied in stream order; a throw is retried in place so the order holds. */
  onMessage: (message: ReceivedMessage) => Promise<void>;
  logger?: MessagingLogger;
  /** Attempts per message before it is skipped with an error log. */
  maxAttempts?: number;
}

/**
 * Reads a whole stream from its start, then live, through an ordered consumer: how every replica
 * builds its projection (workflows and their triggers). `caughtUp` resolves once everything that
 * was in the stream at start has been applied.
 */
export class StreamFollower {
  readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  private constructor(
    private readonly options: Required<Omit<StreamFollowerOptions, 'filterSubject'>> & {
      filterSubject?: string;
    },
  ) {
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
  }

  static async start(js: JetStreamClient, options: StreamFollowerOptions): Promise<StreamFollower> {
    const follower = new StreamFollower({ logger: consoleLogger, maxAttempts: 5, ...options });
    await follower.follow(js);
    return follower;
  }

  private async follow(js: JetStreamClient): Promise<void> {
    const { stream, filterSubject } = this.options;
    const consumer = await js.consumers.get(stream, {
      deliver_policy: DeliverPolicy.All,
      ...(filterSubject ? { filter_subjects: filterSubject } : {}),
    });
    const { num_pending } = await consumer.info();
    if (num_pending === 0) this.markCaughtUp();
    const messages = await consumer.consume(PULL_LIVENESS);
    this.messages = messages;
    this.loop = (async () => {
      for await (const msg of messages) {
        await this.apply(msg);
        if (msg.info.pending === 0) this.markCaughtUp();
      }
    })();
  }

  private async apply(msg: JsMsg): Promise<void> {
    const { onMessage, maxAttempts, logger } = this.options;
    let message: ReceivedMessage;
    try {
      message = toReceivedMessage(msg);
    } catch (error) {
      return logger.error(`${msg.subject} #${msg.info.streamSequence} skipped: ${describe(error)}`);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await onMessage(message);
      } catch (error) {
        if (attempt >= maxAttempts) {
          logger.error(
            `${message.subject} #${message.streamSequence} skipped after ${attempt} attempts: ${describe(error)}`,
          );
          return;
        }
        await new Promise((resolve) =>
          setTimeout(resolve, backoffDelay(attempt, { initialMs: 100, factor: 2, maxMs: 5_000 })),
        );
      }
    }
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
  }
}
