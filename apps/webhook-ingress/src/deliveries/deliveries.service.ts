import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PubAck } from '@nats-io/jetstream';
import { type RunRequest, runRequestedSubject, webhookRunKey } from '@triggerline/contracts';
import { JetStreamPublisher } from '@triggerline/messaging';
import { DomainError, ErrorCode, NotFoundError, UnavailableError } from '@triggerline/service';
import { INGRESS_ENV, type IngressEnv } from '../env.schema.js';
import { SIGNATURE_SCHEMES } from '../signatures/signature-schemes.js';
import type { WebhookTriggerEntity } from '../webhooks/webhook-trigger.entity.js';
import { WebhookTriggersService } from '../webhooks/webhook-triggers.service.js';
import { DeliveryMetrics } from './delivery.metrics.js';
import { DeliveryRecordsService } from './delivery-records.service.js';
import { NatsAvailability } from './nats-availability.js';
import { RateLimiter } from './rate-limiter.js';
import { TriggerStats } from './trigger-stats.js';
import {
  fallbackDeliveryId,
  forwardedHeaders,
  parseBody,
  redactedHeaders,
  safeDeliveryId,
} from './webhook-request.js';

/** A request to a webhook path, as the controller hands it over. */
export interface IncomingDelivery {
  path: string;
  rawBody: Buffer;
  /** Lower-case names, one string each. */
  headers: Record<string, string>;
  receivedAt: Date;
}

export interface DeliveryAccepted {
  delivery_id: string;
  /** True when this delivery was accepted before: nothing new runs. */
  duplicate: boolean;
}

/** 429 with Retry-After. The service kit has no 429 code yet (see the report); it keeps `unavailable`. */
export class RateLimitedError extends UnavailableError {
  override get httpStatus(): number {
    return 429;
  }
}

/** One message for every verification failure: the sender learns nothing about which check failed. */
const UNAUTHORIZED_MESSAGE = 'the webhook signature is missing or does not verify';

/**
 * The delivery endpoint's work: find the trigger, verify, publish the run request and answer
 * only after JetStream's ack. Every answer to a known trigger is recorded and counted.
 */
@Injectable()
export class DeliveriesService {
  private readonly logger = new Logger('Deliveries');
  private readonly limiter: RateLimiter;

  constructor(
    private readonly triggers: WebhookTriggersService,
    private readonly records: DeliveryRecordsService,
    private readonly publisher: JetStreamPublisher,
    private readonly nats: NatsAvailability,
    private readonly metrics: DeliveryMetrics,
    private readonly stats: TriggerStats,
    @Inject(INGRESS_ENV) env: IngressEnv,
  ) {
    this.limiter = new RateLimiter(env.WEBHOOK_RATE_LIMIT_PER_SECOND);
  }

  async receive(incoming: IncomingDelivery): Promise<DeliveryAccepted> {
    const stopTimer = this.metrics.latency.startTimer();
    const found = await this.triggers.findByPath(incoming.path, incoming.receivedAt);
    if (!found) {
      this.metrics.rejected.inc({ reason: 'unknown_path' });
      stopTimer({ outcome: 'rejected' });
      throw new NotFoundError('webhook', incoming.path);
    }
    const { trigger, secrets } = found;
    const outcome: Outcome = { verified: false };
    try {
      const accepted = await this.accept(trigger, secrets, incoming, outcome);
      stopTimer({ outcome: 'accepted' });
      this.finish(trigger, incoming, outcome, 202);
      return accepted;
    } catch (error) {
      stopTimer({ outcome: 'rejected' });
      this.finish(trigger, incoming, outcome, error instanceof DomainError ? error.httpStatus : 500);
      throw error;
    }
  }

  /** A body Fastify refused before it reached the controller (over the limit): recorded all the same. */
  async recordTooLarge(incoming: IncomingDelivery, sizeBytes: number): Promise<void> {
    const found = await this.triggers.findByPath(incoming.path, incoming.receivedAt);
    if (found) this.finish(found.trigger, incoming, { verified: false, reason: 'too_large' }, 413, sizeBytes);
    else this.metrics.rejected.inc({ reason: 'too_large' });
  }

  private async accept(
    trigger: WebhookTriggerEntity,
    secrets: string[],
    incoming: IncomingDelivery,
    outcome: Outcome,
  ): Promise<DeliveryAccepted> {
    if (!trigger.enabled || trigger.workflowStatus !== 'active') {
      outcome.reason = trigger.enabled ? 'workflow_inactive' : 'disabled';
      throw new NotFoundError('webhook', incoming.path);
    }
    const verification = SIGNATURE_SCHEMES[trigger.scheme].verify(incoming, secrets);
    if (!verification.verified) {
      outcome.reason = verification.reason;
      throw new DomainError(ErrorCode.Unauthorized, UNAUTHORIZED_MESSAGE);
    }
    outcome.verified = true;
    // Limited after verification, so unsigned noise cannot use up a sender's allowance.
    const wait = this.limiter.take(trigger.id);
    if (wait !== undefined) {
      outcome.reason = 'rate_limited';
      throw new RateLimitedError(`too many deliveries to this webhook; retry in ${wait} s`, wait);
    }
    const deliveryId = verification.deliveryId
      ? safeDeliveryId(verification.deliveryId)
      : fallbackDeliveryId(incoming.headers, incoming.rawBody);
    outcome.deliveryId = deliveryId;
    let input: Record<string, unknown>;
    try {
      input = parseBody(incoming.headers['content-type'], incoming.rawBody);
    } catch (error) {
      outcome.reason = 'invalid_body';
      throw error;
    }
    const request: RunRequest = {
      idempotency_key: webhookRunKey(trigger.id, deliveryId),
      workflow_id: trigger.workflowId,
      trigger: {
        trigger_type: 'webhook',
        webhook_id: trigger.id,
        delivery_id: deliveryId,
        headers: forwardedHeaders(incoming.headers),
        received_at: incoming.receivedAt.toISOString(),
      },
      input,
      requested_at: new Date().toISOString(),
    };
    // JetStream drops a repeat within its duplicate window; the records remember longer. Either
    // way the runner's unique key keeps it to one run: this only spares the republish.
    if (await this.records.acceptedBefore(trigger.id, deliveryId)) {
      outcome.duplicate = true;
      return { delivery_id: deliveryId, duplicate: true };
    }
    const ack = await this.publish(request, outcome);
    outcome.duplicate = ack.duplicate;
    return { delivery_id: deliveryId, duplicate: ack.duplicate };
  }

  private async publish(request: RunRequest, outcome: Outcome): Promise<PubAck> {
    // Disconnected, a publish would only wait for its timeout: refuse now, the sender retries.
    if (!this.nats.available) {
      outcome.reason = 'nats_unavailable';
      throw new UnavailableError('the run queue is unavailable; retry later');
    }
    try {
      return await this.publisher.publish(runRequestedSubject(request.workflow_id), request, {
        msgId: request.idempotency_key,
      });
    } catch (error) {
      const message = (error as Error).message;
      if (message.includes('max_payload')) {
        outcome.reason = 'too_large';
        throw new DomainError(ErrorCode.PayloadTooLarge, 'the body is too large to forward as a run request');
      }
      outcome.reason = 'nats_unavailable';
      this.logger.warn(`run request ${request.idempotency_key} not stored: ${message}`);
      throw new UnavailableError('the run queue is unavailable; retry later');
    }
  }

  /** After the answer: the record, the trigger's stats and the metrics. */
  private finish(
    trigger: WebhookTriggerEntity,
    incoming: IncomingDelivery,
    outcome: Outcome,
    status: number,
    sizeBytes = incoming.rawBody.length,
  ): void {
    const accepted = status === 202;
    if (accepted) {
      this.metrics.accepted.inc({ scheme: trigger.scheme, duplicate: String(outcome.duplicate ?? false) });
      if (!outcome.duplicate) this.stats.accepted(trigger.id, incoming.receivedAt);
    } else {
      this.metrics.rejected.inc({ reason: outcome.reason ?? 'internal_error' });
      // Our own failure (NATS down) is not the sender's rejection.
      if (status !== 503 && status !== 500) this.stats.rejected(trigger.id, incoming.receivedAt);
    }
    this.records.record({
      triggerId: trigger.id,
      receivedAt: incoming.receivedAt,
      verified: outcome.verified,
      status,
      rejectionReason: accepted ? null : (outcome.reason ?? 'internal_error'),
      deliveryId: outcome.deliveryId ?? null,
      duplicate: outcome.duplicate ?? false,
      sizeBytes,
      headers: redactedHeaders(incoming.headers),
      rawBody: incoming.rawBody,
    });
  }
}

/** What is known about a delivery as it goes through the checks. */
interface Outcome {
  verified: boolean;
  reason?: string;
  deliveryId?: string;
  duplicate?: boolean;
}
