import { jetstream, DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  STREAMS,
  validateRunRequest,
  workflowSubject,
  type RunRequest,
  type ScheduleTrigger,
  type WorkflowLifecycleMessage,
  type WorkflowStatus,
} from '@triggerline/contracts';
import { JetStreamPublisher } from '@triggerline/messaging';

// What the scheduler's tests need around it: workflows published as the runner would, and every
// run request read back from the RUNS stream.

export interface TestWorkflow {
  id: string;
  trigger: ScheduleTrigger | { type: 'manual' };
  status?: WorkflowStatus;
  version?: number;
  created_at?: string;
}

export async function publishWorkflow(connection: NatsConnection, workflow: TestWorkflow): Promise<void> {
  const now = new Date().toISOString();
  const message: WorkflowLifecycleMessage = {
    kind: 'workflow.upserted',
    workflow: {
      id: workflow.id,
      name: `Workflow ${workflow.id}`,
      status: workflow.status ?? 'active',
      trigger: workflow.trigger,
      steps: [{ id: 'noop', type: 'log' }],
      version: workflow.version ?? 1,
      created_at: workflow.created_at ?? now,
      updated_at: now,
    },
  };
  await new JetStreamPublisher(jetstream(connection)).publish(workflowSubject(workflow.id), message);
}

export async function deleteWorkflow(
  connection: NatsConnection,
  workflowId: string,
  version: number,
): Promise<void> {
  const message: WorkflowLifecycleMessage = {
    kind: 'workflow.deleted',
    workflow_id: workflowId,
    version,
    deleted_at: new Date().toISOString(),
  };
  await new JetStreamPublisher(jetstream(connection)).publish(workflowSubject(workflowId), message);
}

/** Every run request stored in the RUNS stream (JetStream already dropped duplicate keys), live. */
export class RunRequestLog {
  readonly requests: RunRequest[] = [];
  private stopped = false;
  private loop?: Promise<void>;

  private constructor(private readonly js: JetStreamClient) {}

  static async start(connection: NatsConnection): Promise<RunRequestLog> {
    const log = new RunRequestLog(jetstream(connection));
    const consumer = await log.js.consumers.get(STREAMS.runs.name, { deliver_policy: DeliverPolicy.All });
    const messages = await consumer.consume();
    log.loop = (async () => {
      for await (const message of messages) {
        const parsed = validateRunRequest(message.json());
        if (parsed.ok) log.requests.push(parsed.value);
        if (log.stopped) break;
      }
    })();
    log.close = () => messages.close().then(() => undefined);
    return log;
  }

  private close: () => Promise<void> = async () => undefined;

  async stop(): Promise<void> {
    this.stopped = true;
    await this.close();
    await this.loop;
  }

  forWorkflow(workflowId: string): RunRequest[] {
    return this.requests.filter((request) => request.workflow_id === workflowId);
  }

  /** Scheduled slots requested for a workflow, as ISO strings in order. */
  slots(workflowId: string, filter: (request: RunRequest) => boolean = () => true): string[] {
    return this.forWorkflow(workflowId)
      .filter(filter)
      .flatMap((request) =>
        request.trigger.trigger_type === 'schedule' ? [request.trigger.scheduled_time] : [],
      )
      .sort();
  }
}

export const everySecond = (
  options: Partial<Pick<ScheduleTrigger, 'misfire' | 'overlap'>> = {},
): ScheduleTrigger => ({
  type: 'schedule',
  schedule_type: 'cron',
  cron: '* * * * * *',
  ...options,
});
