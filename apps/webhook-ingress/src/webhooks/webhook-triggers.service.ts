import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  applyTriggerDefaults,
  type WebhookTrigger,
  type WorkflowDefinition,
  type WorkflowLifecycleMessage,
} from '@triggerline/contracts';
import { isUniqueViolation } from '@triggerline/persistence';
import { NotFoundError } from '@triggerline/service';
import { type DataSource, IsNull, LessThan, MoreThan, type Repository } from 'typeorm';
import { INGRESS_ENV, type IngressEnv } from '../env.schema.js';
import { SIGNATURE_SCHEMES } from '../signatures/signature-schemes.js';
import { WebhookSecretEntity } from './webhook-secret.entity.js';
import { WebhookTriggerEntity } from './webhook-trigger.entity.js';
import { newTriggerId, webhookPath } from './webhook-path.js';

/** How long a replica trusts its path table before reading the database again. */
export const PATH_TABLE_TTL_MS = 1_000;
const PATH_TABLE_MAX_ENTRIES = 10_000;

/** A trigger with the secrets that verify right now, newest first. */
export interface ActiveTrigger {
  trigger: WebhookTriggerEntity;
  secrets: string[];
}

/** Webhook triggers: kept in step with the workflows, managed through the API, counted per delivery. */
@Injectable()
export class WebhookTriggersService {
  private readonly logger = new Logger('WebhookTriggers');
  private readonly pathTable = new Map<string, { trigger?: WebhookTriggerEntity; readAt: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(WebhookTriggerEntity) private readonly triggers: Repository<WebhookTriggerEntity>,
    @InjectRepository(WebhookSecretEntity) private readonly secrets: Repository<WebhookSecretEntity>,
    @Inject(INGRESS_ENV) private readonly env: IngressEnv,
  ) {}

  /** One lifecycle message: create, update or delete the workflow's webhook trigger. Idempotent. */
  async applyWorkflowChange(change: WorkflowLifecycleMessage): Promise<void> {
    try {
      await this.apply(change);
    } finally {
      this.pathTable.clear();
    }
  }

  private async apply(change: WorkflowLifecycleMessage): Promise<void> {
    if (change.kind === 'workflow.deleted') {
      await this.triggers.delete({ workflowId: change.workflow_id });
      return;
    }
    const { workflow } = change;
    if (workflow.trigger.type !== 'webhook') {
      // Its trigger changed to another type: the webhook goes.
      await this.triggers.delete({ workflowId: workflow.id });
      return;
    }
    const existing = await this.triggers.findOneBy({ workflowId: workflow.id });
    if (existing) await this.update(existing, workflow, workflow.trigger);
    else await this.create(workflow, workflow.trigger);
  }

  private async create(workflow: WorkflowDefinition, definition: WebhookTrigger): Promise<void> {
    const { scheme } = applyTriggerDefaults(definition);
    const id = newTriggerId();
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(WebhookTriggerEntity, {
          id,
          workflowId: workflow.id,
          workflowStatus: workflow.status,
          workflowVersion: workflow.version,
          path: webhookPath(id, definition.path),
          scheme,
          enabled: true,
        });
        await manager.insert(WebhookSecretEntity, {
          triggerId: id,
          secret: SIGNATURE_SCHEMES[scheme].generateSecret(),
          expiresAt: null,
        });
      });
      this.logger.log(`created webhook trigger ${id} for workflow ${workflow.id} (${scheme})`);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another replica created it first (same workflow), or another workflow holds the path.
      const winner = await this.triggers.findOneBy({ workflowId: workflow.id });
      if (winner) return this.update(winner, workflow, definition);
      this.logger.error(
        `workflow ${workflow.id}: webhook path ${webhookPath(id, definition.path)} is taken by another workflow`,
      );
    }
  }

  private async update(
    existing: WebhookTriggerEntity,
    workflow: WorkflowDefinition,
    definition: WebhookTrigger,
  ): Promise<void> {
    const { scheme } = applyTriggerDefaults(definition);
    try {
      // Conditional on the version, so a replica lagging behind never writes an older definition.
      await this.triggers
        .createQueryBuilder()
        .update()
        .set({
          workflowStatus: workflow.status,
          workflowVersion: workflow.version,
          path: webhookPath(existing.id, definition.path),
          scheme,
        })
        .where('id = :id AND workflow_version <= :version', { id: existing.id, version: workflow.version })
        .execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      this.logger.error(`workflow ${workflow.id}: webhook path /webhooks/${definition.path} is taken`);
    }
  }

  /**
   * The trigger at `path` with its secrets valid at `now`, or undefined: the hot path of every
   * delivery, so answered from this replica's path table, read again after PATH_TABLE_TTL_MS.
   * A change made through this replica clears the table at once; one made through another
   * replica (disable, rotation) shows here within the TTL.
   */
  async findByPath(path: string, now = new Date()): Promise<ActiveTrigger | undefined> {
    let entry = this.pathTable.get(path);
    if (!entry || entry.readAt + PATH_TABLE_TTL_MS < Date.now()) {
      const trigger = await this.triggers.findOne({ where: { path }, relations: { secrets: true } });
      entry = { trigger: trigger ?? undefined, readAt: Date.now() };
      if (this.pathTable.size >= PATH_TABLE_MAX_ENTRIES) this.pathTable.clear();
      this.pathTable.set(path, entry);
    }
    const { trigger } = entry;
    if (!trigger) return undefined;
    const secrets = (trigger.secrets ?? [])
      .filter((secret) => secret.expiresAt === null || secret.expiresAt > now)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((secret) => secret.secret);
    return { trigger, secrets };
  }

  list(workflowId?: string): Promise<WebhookTriggerEntity[]> {
    return this.triggers.find({ where: workflowId ? { workflowId } : {}, order: { createdAt: 'ASC' } });
  }

  async get(id: string): Promise<WebhookTriggerEntity> {
    const trigger = await this.triggers.findOneBy({ id });
    if (!trigger) throw new NotFoundError('webhook trigger', id);
    return trigger;
  }

  /** The trigger with its current secret and when each rotated-out one stops verifying. */
  async getWithSecrets(
    id: string,
    now = new Date(),
  ): Promise<{ trigger: WebhookTriggerEntity; secrets: WebhookSecretEntity[] }> {
    const trigger = await this.get(id);
    const secrets = await this.secrets.find({
      where: [
        { triggerId: id, expiresAt: IsNull() },
        { triggerId: id, expiresAt: MoreThan(now) },
      ],
      order: { createdAt: 'DESC' },
    });
    return { trigger, secrets };
  }

  /**
   * A new secret (generated, or the caller's own). Older ones keep verifying for `graceSeconds` (never longer
   * than they already had), so senders can switch without losing deliveries.
   */
  async regenerateSecret(
    id: string,
    options: { graceSeconds?: number; secret?: string } = {},
    now = new Date(),
  ) {
    const trigger = await this.get(id);
    const graceSeconds = options.graceSeconds ?? this.env.SECRET_GRACE_PERIOD_SECONDS;
    const expiresAt = new Date(now.getTime() + graceSeconds * 1000);
    const secret = options.secret ?? SIGNATURE_SCHEMES[trigger.scheme].generateSecret();
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(WebhookSecretEntity, { triggerId: id, expiresAt: LessThan(now) });
      await manager.update(WebhookSecretEntity, { triggerId: id, expiresAt: IsNull() }, { expiresAt });
      await manager.update(
        WebhookSecretEntity,
        { triggerId: id, expiresAt: MoreThan(expiresAt) },
        { expiresAt },
      );
      await manager.insert(WebhookSecretEntity, { triggerId: id, secret, expiresAt: null });
    });
    this.pathTable.clear();
    this.logger.log(
      `webhook trigger ${id}: secret regenerated; previous ones expire at ${expiresAt.toISOString()}`,
    );
    return { trigger, secret, previousExpireAt: expiresAt };
  }

  async setEnabled(id: string, enabled: boolean): Promise<WebhookTriggerEntity> {
    const trigger = await this.get(id);
    await this.triggers.update({ id }, { enabled });
    this.pathTable.clear();
    return { ...trigger, enabled };
  }

  async delete(id: string): Promise<void> {
    const { affected } = await this.triggers.delete({ id });
    this.pathTable.clear();
    if (!affected) throw new NotFoundError('webhook trigger', id);
  }

  /** Adds to the stats, as increments in one statement: replicas count concurrently. */
  async addStats(
    id: string,
    stats: { accepted: number; rejected: number; lastTriggeredAt?: Date },
  ): Promise<void> {
    await this.triggers
      .createQueryBuilder()
      .update()
      .set({
        triggerCount: () => 'trigger_count + :accepted',
        rejectedCount: () => 'rejected_count + :rejected',
        ...(stats.lastTriggeredAt ? { lastTriggeredAt: stats.lastTriggeredAt } : {}),
      })
      .where('id = :id', { id })
      .setParameters({ accepted: stats.accepted, rejected: stats.rejected })
      .execute();
  }
}
