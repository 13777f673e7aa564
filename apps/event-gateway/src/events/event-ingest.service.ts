import { Injectable, Logger } from '@nestjs/common';
import { isEventType } from '@triggerline/contracts';
import { HEADER, type ReceivedMessage } from '@triggerline/messaging';
import { RunRequestPublisher } from '../fan-out/run-request-publisher.js';
import { EventHistoryService } from '../history/event-history.service.js';
import { GatewayMetrics } from '../observability/gateway-metrics.js';
import { SubscriptionProjection } from '../subscriptions/subscription-projection.js';
import { acceptedRecord, readInboundEvent, rejectedRecord } from './inbound-event.js';

type Outcome = 'accepted' | 'rejected' | 'duplicate';

/** Metric label of a type: a publisher inventing types must not create unbounded series. */
function typeLabel(type: string): string {
  return isEventType(type) ? type : 'unknown';
}

/**
 * One event from the EVENTS stream: validate, record, fan out. Returning means the history row is
 * committed and every run request acknowledged, so the transport may ack; a throw is retried.
 */
@Injectable()
export class EventIngestService {
  private readonly logger = new Logger(EventIngestService.name);

  constructor(
    private readonly history: EventHistoryService,
    private readonly subscriptions: SubscriptionProjection,
    private readonly runRequests: RunRequestPublisher,
    private readonly metrics: GatewayMetrics,
  ) {}

  async ingest(message: ReceivedMessage): Promise<void> {
    const stopTimer = this.metrics.handlerSeconds.startTimer();
    try {
      stopTimer({ outcome: await this.handle(message) });
    } catch (error) {
      stopTimer({ outcome: 'failed' });
      throw error;
    }
  }

  private async handle(message: ReceivedMessage): Promise<Outcome> {
    const receivedAt = new Date();
    const read = readInboundEvent(message);
    if (!read.ok) {
      const { created, record } = await this.history.record(rejectedRecord(message, read.errors, receivedAt));
      if (!created) return 'duplicate';
      const type = typeLabel(record.type);
      this.metrics.received.inc({ type });
      this.metrics.rejected.inc({ type });
      const reasons = read.errors.map((e) => `${e.path || '(event)'} ${e.message}`).join('; ');
      this.logger.warn(`event ${record.eventId} on ${message.subject} rejected: ${reasons}`);
      return 'rejected';
    }

    const event = read.value;
    // Matched once, on the first delivery; a redelivery reuses what the row recorded.
    const { created, record } = await this.history.record({
      ...acceptedRecord(event, receivedAt),
      workflowIds: this.subscriptions.match(event),
    });
    if (created) {
      this.metrics.received.inc({ type: event.type });
      this.metrics.accepted.inc({ type: event.type });
    } else if (record.status === 'rejected' || record.runsRequestedAt !== null) {
      // A producer's retry of an event already handled: nothing more to do.
      return 'duplicate';
    }
    const correlationId = message.headers[HEADER.correlationId] ?? record.eventId;
    this.metrics.runsRequested.inc(await this.runRequests.requestRuns(record, correlationId));
    await this.history.markRunsRequested(record.eventId, new Date());
    return 'accepted';
  }
}
