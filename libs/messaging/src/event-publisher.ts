import type { PubAck } from '@nats-io/jetstream';
import { type CatalogEvent, type EventEnvelope, eventSubject } from '@triggerline/contracts';
import type { JetStreamPublisher } from './publisher.js';

/**
 * Publishes a CloudEvent on `events.<type>` with its id as `Nats-Msg-Id`, so a producer's
 * retry of the same event is stored once. Typed: build the event with `createEvent`.
 */
export function publishEvent(
  publisher: JetStreamPublisher,
  event: CatalogEvent | EventEnvelope,
): Promise<PubAck> {
  return publisher.publish(eventSubject(event.type), event, { msgId: event.id });
}
