import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { encodeJson } from './codec.js';
import { type HeaderValues, toNatsHeaders } from './headers.js';

export interface PublishOptions {
  /** Becomes `Nats-Msg-Id`: JetStream stores a repeated id once within the duplicate window. */
  msgId?: string;
  headers?: HeaderValues;
}

export interface OutgoingMessage extends PublishOptions {
  subject: string;
  message: unknown;
}

/** Publishes JSON to JetStream; every call resolves only once the stream has stored the message. */
export class JetStreamPublisher {
  constructor(private readonly js: JetStreamClient) {}

  publish(subject: string, message: unknown, options: PublishOptions = {}): Promise<PubAck> {
    return this.js.publish(subject, encodeJson(message), {
      msgID: options.msgId,
      headers: options.headers ? toNatsHeaders(options.headers) : undefined,
    });
  }

  /**
   * Publishes many messages with up to `maxInFlight` awaiting their ack at once instead of one
   * round trip each. Resolves with the acks in input order; rejects on the first failure, after
   * the messages already in flight have settled (so the caller knows none is still pending).
   */
  async publishMany(messages: readonly OutgoingMessage[], maxInFlight = 256): Promise<PubAck[]> {
    const acks: PubAck[] = new Array(messages.length);
    let next = 0;
    let failure: { error: unknown } | undefined;
    const lane = async (): Promise<void> => {
      while (next < messages.length && !failure) {
        const index = next++;
        const { subject, message, ...options } = messages[index];
        try {
          acks[index] = await this.publish(subject, message, options);
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(maxInFlight, messages.length) }, lane));
    if (failure) throw failure.error;
    return acks;
  }
}
