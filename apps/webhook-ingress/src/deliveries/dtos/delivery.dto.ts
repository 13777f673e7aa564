import { ApiProperty } from '@nestjs/swagger';
import type { DeliveryRecordEntity } from '../delivery-record.entity.js';

export class DeliveryAcceptedDto {
  @ApiProperty({ description: "The sender's delivery id, or a SHA-256 of its timestamp and body" })
  delivery_id!: string;
  @ApiProperty({ description: 'True when this delivery was accepted before: nothing new runs' })
  duplicate!: boolean;
}

/** One request to a webhook, as recorded for inspection. */
export class DeliveryRecordDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) received_at!: string;
  @ApiProperty() verified!: boolean;
  @ApiProperty({ description: 'The HTTP status answered' }) status!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'missing_signature, malformed_signature, stale_timestamp, bad_signature, disabled, workflow_inactive, rate_limited, invalid_body, too_large, nats_unavailable',
  })
  rejection_reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) delivery_id!: string | null;
  @ApiProperty() duplicate!: boolean;
  @ApiProperty() size_bytes!: number;
  @ApiProperty({ description: 'Credentials and signatures show as [redacted]' }) headers!: Record<
    string,
    string
  >;
  @ApiProperty({ description: 'The body as text, cut at DELIVERY_BODY_RECORD_BYTES' }) body!: string;
  @ApiProperty() body_truncated!: boolean;

  static of(record: DeliveryRecordEntity): DeliveryRecordDto {
    return {
      id: record.id,
      received_at: record.receivedAt.toISOString(),
      verified: record.verified,
      status: record.status,
      rejection_reason: record.rejectionReason,
      delivery_id: record.deliveryId,
      duplicate: record.duplicate,
      size_bytes: record.sizeBytes,
      headers: record.headers,
      body: record.body,
      body_truncated: record.bodyTruncated,
    };
  }
}
