import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  WEBHOOK_SCHEMES,
  type WebhookScheme,
  WORKFLOW_STATUSES,
  type WorkflowStatus,
} from '@triggerline/contracts';
import type { WebhookSecretEntity } from '../webhook-secret.entity.js';
import type { WebhookTriggerEntity } from '../webhook-trigger.entity.js';

/** A webhook trigger as the management API shows it (the seed's `to_dict`, without the secret). */
export class WebhookTriggerDto {
  @ApiProperty({ example: 'wht_3f9a1c0d2b7e' }) id!: string;
  @ApiProperty() workflow_id!: string;
  @ApiProperty({ enum: WORKFLOW_STATUSES, description: 'Only an active workflow accepts deliveries' })
  workflow_status!: WorkflowStatus;
  @ApiProperty({ example: '/webhooks/trigger/wht_3f9a1c0d2b7e' }) path!: string;
  @ApiProperty({ example: 'https://hooks.example.com/webhooks/trigger/wht_3f9a1c0d2b7e' }) url!: string;
  @ApiProperty({ enum: WEBHOOK_SCHEMES }) scheme!: WebhookScheme;
  @ApiProperty({ description: 'True when the scheme is `none`: anyone who knows the URL can trigger it' })
  insecure!: boolean;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() trigger_count!: number;
  @ApiProperty() rejected_count!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) last_triggered_at!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;

  static of(trigger: WebhookTriggerEntity, publicBaseUrl: string): WebhookTriggerDto {
    return {
      id: trigger.id,
      workflow_id: trigger.workflowId,
      workflow_status: trigger.workflowStatus,
      path: trigger.path,
      url: `${publicBaseUrl}${trigger.path}`,
      scheme: trigger.scheme,
      insecure: trigger.scheme === 'none',
      enabled: trigger.enabled,
      trigger_count: trigger.triggerCount,
      rejected_count: trigger.rejectedCount,
      last_triggered_at: trigger.lastTriggeredAt?.toISOString() ?? null,
      created_at: trigger.createdAt.toISOString(),
    };
  }
}

export class RotatedSecretDto {
  @ApiProperty({ format: 'date-time', description: 'Until then this older secret still verifies' })
  expires_at!: string;
}

/** One trigger in full, with its secret: every management route needs an API key. */
export class WebhookTriggerDetailDto extends WebhookTriggerDto {
  @ApiProperty({ description: 'The current signing secret' }) secret!: string;
  @ApiProperty({ type: [RotatedSecretDto], description: 'Older secrets still in their grace period' })
  previous_secrets!: RotatedSecretDto[];

  static withSecrets(
    trigger: WebhookTriggerEntity,
    secrets: WebhookSecretEntity[],
    publicBaseUrl: string,
  ): WebhookTriggerDetailDto {
    const current = secrets.find((s) => s.expiresAt === null);
    return {
      ...WebhookTriggerDto.of(trigger, publicBaseUrl),
      secret: current?.secret ?? '',
      previous_secrets: secrets
        .filter((s) => s.expiresAt !== null)
        .map((s) => ({ expires_at: (s.expiresAt ?? new Date()).toISOString() })),
    };
  }
}

export class RegenerateSecretDto {
  @ApiPropertyOptional({
    description: 'How long the previous secret keeps verifying; default SECRET_GRACE_PERIOD_SECONDS (24 h)',
    minimum: 0,
    maximum: 2_592_000,
  })
  grace_period_seconds?: number;

  @ApiPropertyOptional({
    description:
      "Use this secret instead of a generated one: a provider's own, such as Stripe's endpoint secret (16 to 200 characters)",
  })
  secret?: string;
}

export class RegeneratedSecretDto {
  @ApiProperty({ description: 'The new secret; sign with it from now on' }) secret!: string;
  @ApiProperty({ format: 'date-time' }) previous_secrets_expire_at!: string;
}
