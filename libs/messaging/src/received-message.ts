import type { JsMsg } from '@nats-io/jetstream';
import { decodeJson } from './codec.js';
import { fromNatsHeaders, type HeaderValues } from './headers.js';

/** A JetStream message as handlers see it: decoded body plus where it came from. */
export interface ReceivedMessage {
  subject: string;
  data: unknown;
  headers: HeaderValues;
  /** 1 on the first delivery. */
  deliveryCount: number;
  stream: string;
  streamSequence: number;
  /** Messages still in the stream after this one for this consumer. */
  pending: number;
  /** `Nats-Msg-Id`, the publisher's idempotency key, when it set one. */
  msgId?: string;
}

/** Thrown by a handler for a message that can never succeed: it is dead-lettered without retries. */
export class NonRetryableError extends Error {
  override readonly name = 'NonRetryableError';
}

export function toReceivedMessage(msg: JsMsg): ReceivedMessage {
  let data: unknown;
  try {
    data = decodeJson(msg.data);
  } catch (error) {
    throw new NonRetryableError(`message body is not JSON: ${(error as Error).message}`);
  }
  const headers = fromNatsHeaders(msg.headers);
  return {
    subject: msg.subject,
    data,
    headers,
    deliveryCount: msg.info.deliveryCount,
    stream: msg.info.stream,
    streamSequence: msg.info.streamSequence,
    pending: msg.info.pending,
    msgId: headers['Nats-Msg-Id'],
  };
}

/**
 * Thrown by a handler that cannot proceed yet (a durable delay, a free concurrency slot): the
 * message comes back after `delayMs` and no worker holds it meanwhile. It is not a failure, but
 * it is a delivery: a handler that defers often sets `maxDeliver` high and bounds its own attempts.
 */
export class RedeliverLater extends Error {
  override readonly name = 'RedeliverLater';

  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
  }
}
