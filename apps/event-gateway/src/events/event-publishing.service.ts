import { Injectable } from '@nestjs/common';
import {
  type EventEnvelope,
  eventSubject,
  type FieldError,
  joinPath,
  normalizeEvent,
  type Validated,
} from '@triggerline/contracts';
import { JetStreamPublisher } from '@triggerline/messaging';
import { UnavailableError, ValidationFailedError } from '@triggerline/service';
import { checkEvent, GATEWAY_SOURCE } from './inbound-event.js';

export const MAX_BATCH = 500;

export interface PublishedEvents {
  ids: string[];
}

/**
 * `POST /events`: every event is checked first, and only a request whose events all pass is
 * published; the answer comes once JetStream has stored each one.
 */
@Injectable()
export class EventPublishingService {
  constructor(private readonly publisher: JetStreamPublisher) {}

  async publish(body: unknown): Promise<PublishedEvents> {
    const events = Array.isArray(body) ? this.checkBatch(body) : [this.check(body, '')];
    // Keyed by event id, as publishEvent does: a client's retry is stored once.
    await this.publisher
      .publishMany(
        events.map((event) => ({ subject: eventSubject(event.type), message: event, msgId: event.id })),
      )
      .catch((error: unknown) => {
        throw new UnavailableError(
          `JetStream did not store every event (${error instanceof Error ? error.message : String(error)}); ` +
            'sending the same events again is safe: their ids make a repeat harmless',
        );
      });
    return { ids: events.map((event) => event.id) };
  }

  private checkBatch(items: unknown[]): EventEnvelope[] {
    if (items.length === 0 || items.length > MAX_BATCH) {
      throw new ValidationFailedError([
        { path: '', message: `a batch holds from 1 to ${MAX_BATCH} events (got ${items.length})` },
      ]);
    }
    const errors: FieldError[] = [];
    const events: EventEnvelope[] = [];
    items.forEach((item, index) => {
      const checked = this.validate(item, joinPath('', index));
      if (checked.ok) events.push(checked.value);
      else errors.push(...checked.errors);
    });
    if (errors.length > 0) throw new ValidationFailedError(errors);
    return events;
  }

  private check(item: unknown, path: string): EventEnvelope {
    const checked = this.validate(item, path);
    if (!checked.ok) throw new ValidationFailedError(checked.errors);
    return checked.value;
  }

  private validate(item: unknown, path: string): Validated<EventEnvelope> {
    const normalized = normalizeEvent(item, { defaultSource: GATEWAY_SOURCE });
    const checked = normalized.ok ? checkEvent(normalized.value) : normalized;
    if (checked.ok) return checked;
    return {
      ok: false,
      errors: checked.errors.map((error) => ({ ...error, path: prefixed(path, error.path) })),
    };
  }
}

function prefixed(prefix: string, path: string): string {
  if (!prefix) return path;
  if (!path) return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}
