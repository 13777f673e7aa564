import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ValidationFailedError } from '@triggerline/service';
import { INGRESS_ENV, type IngressEnv } from '../env.schema.js';
import {
  RegeneratedSecretDto,
  RegenerateSecretDto,
  WebhookTriggerDetailDto,
  WebhookTriggerDto,
} from './dtos/webhook-trigger.dto.js';
import { WebhookTriggersService } from './webhook-triggers.service.js';

const MAX_GRACE_SECONDS = 30 * 24 * 60 * 60;

/** Management of webhook triggers; API key required (the service's guard). */
@ApiTags('webhook-triggers')
@ApiBearerAuth()
@Controller('webhook-triggers')
export class WebhookTriggersController {
  constructor(
    private readonly triggers: WebhookTriggersService,
    @Inject(INGRESS_ENV) private readonly env: IngressEnv,
  ) {}

  @Get()
  @ApiQuery({ name: 'workflow_id', required: false })
  @ApiOkResponse({ type: [WebhookTriggerDto] })
  async list(@Query('workflow_id') workflowId?: string): Promise<WebhookTriggerDto[]> {
    const triggers = await this.triggers.list(workflowId || undefined);
    return triggers.map((trigger) => WebhookTriggerDto.of(trigger, this.env.PUBLIC_BASE_URL));
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookTriggerDetailDto })
  async show(@Param('id') id: string): Promise<WebhookTriggerDetailDto> {
    const { trigger, secrets } = await this.triggers.getWithSecrets(id);
    return WebhookTriggerDetailDto.withSecrets(trigger, secrets, this.env.PUBLIC_BASE_URL);
  }

  @Post(':id/regenerate-secret')
  @HttpCode(200)
  @ApiOkResponse({ type: RegeneratedSecretDto })
  async regenerateSecret(
    @Param('id') id: string,
    @Body() body: RegenerateSecretDto | undefined,
  ): Promise<RegeneratedSecretDto> {
    const { secret, previousExpireAt } = await this.triggers.regenerateSecret(id, {
      graceSeconds: graceSeconds(body),
      secret: providedSecret(body),
    });
    return { secret, previous_secrets_expire_at: previousExpireAt.toISOString() };
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookTriggerDto })
  async enable(@Param('id') id: string): Promise<WebhookTriggerDto> {
    return WebhookTriggerDto.of(await this.triggers.setEnabled(id, true), this.env.PUBLIC_BASE_URL);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookTriggerDto })
  async disable(@Param('id') id: string): Promise<WebhookTriggerDto> {
    return WebhookTriggerDto.of(await this.triggers.setEnabled(id, false), this.env.PUBLIC_BASE_URL);
  }

  /**
   * Removes the trigger. While its workflow still has a webhook trigger, the ingress makes a new
   * one (new id, path and secret) the next time it reads that workflow.
   */
  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id') id: string): Promise<void> {
    return this.triggers.delete(id);
  }
}

/** The optional grace period; undefined means the configured default. */
function graceSeconds(body: RegenerateSecretDto | undefined): number | undefined {
  const value: unknown = body?.grace_period_seconds;
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_GRACE_SECONDS) {
    throw new ValidationFailedError([
      { path: 'grace_period_seconds', message: `must be a whole number from 0 to ${MAX_GRACE_SECONDS}` },
    ]);
  }
  return value;
}

/** A secret the caller brings; undefined means generate one. */
function providedSecret(body: RegenerateSecretDto | undefined): string | undefined {
  const value: unknown = body?.secret;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length < 16 || value.length > 200) {
    throw new ValidationFailedError([
      { path: 'secret', message: 'must be a string of 16 to 200 characters' },
    ]);
  }
  return value;
}
