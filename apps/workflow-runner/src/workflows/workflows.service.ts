import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { WorkflowDefinition, WorkflowStatus } from '@triggerline/contracts';
import { DomainError, ErrorCode, NotFoundError, ValidationFailedError } from '@triggerline/service';
import { randomBytes } from 'node:crypto';
import { IsNull, type FindOptionsWhere, type Repository } from 'typeorm';
import { LifecyclePublisher } from './lifecycle-publisher.js';
import { toDefinition } from './workflow-definition.js';
import { validateWorkflowInput, type WorkflowInput } from './workflow-input.js';
import { WorkflowEntity } from './workflow.entity.js';

export interface WorkflowFilter {
  status?: WorkflowStatus;
  trigger_type?: string;
  event?: string;
  limit: number;
  cursor?: string;
}

export interface WorkflowPage {
  items: WorkflowDefinition[];
  next_cursor: string | null;
}

/** Workflow definitions: every change is committed, then published on `workflows.<id>`. */
@Injectable()
export class WorkflowsService {
  constructor(
    @InjectRepository(WorkflowEntity) private readonly workflows: Repository<WorkflowEntity>,
    private readonly lifecycle: LifecyclePublisher,
  ) {}

  async create(body: unknown): Promise<WorkflowDefinition> {
    const input = this.parse(body);
    const entity = this.workflows.create({
      id: newWorkflowId(),
      version: 1,
      publishedVersion: 0,
      deletedAt: null,
      ...this.columns(input),
      status: input.status ?? 'draft',
    });
    const saved = await this.workflows.save(entity);
    await this.lifecycle.publish(saved);
    return toDefinition(saved);
  }

  /** `expectedVersion` (the request's `If-Match`): refuse to overwrite a change the caller has not seen. */
  async replace(id: string, body: unknown, expectedVersion?: number): Promise<WorkflowDefinition> {
    const input = this.parse(body);
    const entity = await this.load(id);
    if (expectedVersion !== undefined && expectedVersion !== entity.version) {
      throw new DomainError(
        ErrorCode.Conflict,
        `workflow "${id}" is at version ${entity.version}, not ${expectedVersion} (If-Match): load it and apply your change again`,
      );
    }
    return this.update(entity, { ...this.columns(input), status: input.status ?? entity.status });
  }

  async setStatus(id: string, status: WorkflowStatus): Promise<WorkflowDefinition> {
    const entity = await this.load(id);
    if (entity.status === status) return toDefinition(entity);
    return this.update(entity, { status });
  }

  async delete(id: string): Promise<void> {
    const entity = await this.load(id);
    await this.update(entity, { deletedAt: new Date().toISOString() });
  }

  async get(id: string): Promise<WorkflowDefinition> {
    return toDefinition(await this.load(id));
  }

  /** Newest first; the cursor is the last id of the previous page. */
  async list(filter: WorkflowFilter): Promise<WorkflowPage> {
    const query = this.workflows
      .createQueryBuilder('w')
      .where('w.deleted_at IS NULL')
      .orderBy('w.id', 'DESC')
      .take(filter.limit + 1);
    if (filter.status) query.andWhere('w.status = :status', { status: filter.status });
    if (filter.trigger_type) query.andWhere('w.trigger_type = :type', { type: filter.trigger_type });
    if (filter.event) query.andWhere('w.trigger_event = :event', { event: filter.event });
    if (filter.cursor) query.andWhere('w.id < :cursor', { cursor: filter.cursor });
    const rows = await query.getMany();
    const items = rows.slice(0, filter.limit).map(toDefinition);
    return { items, next_cursor: rows.length > filter.limit ? items[items.length - 1].id : null };
  }

  /** A live (not deleted) workflow or a 404. */
  async load(id: string): Promise<WorkflowEntity> {
    const where: FindOptionsWhere<WorkflowEntity> = { id, deletedAt: IsNull() };
    const entity = await this.workflows.findOneBy(where);
    if (!entity) throw new NotFoundError('workflow', id);
    return entity;
  }

  private parse(body: unknown): WorkflowInput {
    const result = validateWorkflowInput(body);
    if (!result.ok) throw new ValidationFailedError(result.errors);
    return result.value;
  }

  private columns(input: WorkflowInput) {
    return {
      name: input.name,
      description: input.description ?? null,
      trigger: input.trigger,
      triggerType: input.trigger.type,
      triggerEvent: input.trigger.type === 'event' ? input.trigger.event : null,
      steps: input.steps,
      maxConcurrency: input.max_concurrency ?? null,
      timeoutSeconds: input.timeout_seconds ?? null,
    };
  }

  /**
   * Writes a change as the next version, only if nobody wrote one since `entity` was read: two
   * writers must not both publish version N + 1 with different content, since the lifecycle's
   * readers keep the first and ignore the other.
   */
  private async update(
    entity: WorkflowEntity,
    change: Partial<Omit<WorkflowEntity, 'id' | 'version' | 'publishedVersion'>>,
  ): Promise<WorkflowDefinition> {
    const next = { ...change, version: entity.version + 1, updatedAt: new Date() };
    const result = await this.workflows.update({ id: entity.id, version: entity.version }, next);
    if (result.affected !== 1) {
      throw new DomainError(
        ErrorCode.Conflict,
        `workflow "${entity.id}" changed while this request was applied (it is past version ${entity.version}): try again`,
      );
    }
    // What this request wrote, not a re-read: another writer may already be a version further.
    const updated = Object.assign(entity, next);
    await this.lifecycle.publish(updated);
    return toDefinition(updated);
  }
}

/** `wf_` + creation time in ms (hex) + randomness: ids sort by creation, so they page well. */
function newWorkflowId(): string {
  return `wf_${Date.now().toString(16).padStart(12, '0')}${randomBytes(4).toString('hex')}`;
}
