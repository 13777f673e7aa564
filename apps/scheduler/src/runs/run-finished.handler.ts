import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RunResultsService } from './run-results.service.js';

/** `runs.finished.>` on the service's durable consumer: each result handled by one replica. */
@Controller()
export class RunFinishedHandler {
  constructor(private readonly results: RunResultsService) {}

  @EventPattern<string>('runs.finished.>')
  handle(@Payload() payload: unknown): Promise<void> {
    return this.results.record(payload);
  }
}
