import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { WorkflowDefinition, WorkflowStatus } from '@triggerline/contracts';
import { NotFoundError, ValidationFailedError } from '@triggerline/service';
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
    return this.save(entity);
  }

  async replace(id: string, body: unknown): Promise<WorkflowDefinition> {
    const input = this.parse(body);
    const entity = await this.load(id);
    Object.assign(entity, this.columns(input), {
      status: input.status ?? entity.status,
      version: entity.version + 1,
    });
    return this.save(entity);
  }

  async setStatus(id: string, status: WorkflowStatus): Promise<WorkflowDefinition> {
    const entity = await this.load(id);
    if (entity.status === status) return toDefinition(entity);
    Object.assign(entity, { status, version: entity.version + 1 });
    return this.save(entity);
  }

  async delete(id: string): Promise<void> {
    const entity = await this.load(id);
    Object.assign(entity, { deletedAt: new Date().toISOString(), version: entity.version + 1 });
    await this.workflows.save(entity);
    await this.lifecycle.publish(entity);
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

  private async save(entity: WorkflowEntity): Promise<WorkflowDefinition> {
    const saved = await this.workflows.save(entity);
    await this.lifecycle.publish(saved);
    return toDefinition(saved);
  }
}

/** `wf_` + creation time in ms (hex) + randomness: ids sort by creation, so they page well. */
function newWorkflowId(): string {
  return `wf_${Date.now().toString(16).padStart(12, '0')}${randomBytes(4).toString('hex')}`;
}
