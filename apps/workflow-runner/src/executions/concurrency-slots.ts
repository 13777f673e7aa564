import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUniqueViolation } from '@triggerline/persistence';
import type { Repository } from 'typeorm';
import { RunSlotEntity } from './run-slot.entity.js';

/** A workflow's `max_concurrency`, enforced across replicas through the run_slots table. */
@Injectable()
export class ConcurrencySlots {
  constructor(@InjectRepository(RunSlotEntity) private readonly slots: Repository<RunSlotEntity>) {}

  /** True when the execution holds (or now took) one of the workflow's slots. */
  async acquire(workflowId: string, executionId: string, maxConcurrency: number): Promise<boolean> {
    if (await this.slots.existsBy({ executionId })) return true;
    for (let slot = 0; slot < maxConcurrency; slot++) {
      try {
        await this.slots.insert({ workflowId, slot, executionId });
        return true;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return false;
  }

  async release(executionId: string): Promise<void> {
    await this.slots.delete({ executionId });
  }
}
