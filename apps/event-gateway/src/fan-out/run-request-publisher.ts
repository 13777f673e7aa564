import { Injectable } from '@nestjs/common';
import {
  eventRunKey,
  type EventTriggerData,
  type RunRequest,
  runRequestedSubject,
} from '@triggerline/contracts';
import { HEADER, JetStreamPublisher } from '@triggerline/messaging';
import type { EventRecordEntity } from '../history/event-record.entity.js';

/**
 * Sends one run request per workflow an event triggered, built from the history row so that a
 * redelivery sends byte-for-byte the same keys. The key is the `Nats-Msg-Id`: JetStream stores a
 * repeat once within its duplicate window, and the runner's unique key absorbs one beyond it.
 */
@Injectable()
export class RunRequestPublisher {
  constructor(private readonly publisher: JetStreamPublisher) {}

  /** Resolves once JetStream has acknowledged every request. */
  async requestRuns(record: EventRecordEntity, correlationId: string): Promise<number> {
    const requestedAt = new Date().toISOString();
    const messages = record.workflowIds.map((workflowId) => {
      const request: RunRequest = {
        idempotency_key: eventRunKey(record.eventId, workflowId),
        workflow_id: workflowId,
        trigger: eventTrigger(record),
        // As the seed's triggers_init.py: the event's payload is the workflow's input.
        input: isObject(record.payload) ? record.payload : {},
        requested_at: requestedAt,
        correlation_id: correlationId,
      };
      return {
        subject: runRequestedSubject(workflowId),
        message: request,
        msgId: request.idempotency_key,
        headers: { [HEADER.correlationId]: correlationId },
      };
    });
    await this.publisher.publishMany(messages);
    return messages.length;
  }
}

/** The seed's trigger data, plus the event's chain depth for the runner's loop guard. */
function eventTrigger(record: EventRecordEntity): EventTriggerData {
  return {
    trigger_type: 'event',
    event: record.type,
    event_id: record.eventId,
    timestamp: record.time.toISOString(),
    chain_depth: record.chainDepth ?? 0,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
