import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { runRequestedSubject, STREAMS } from '@triggerline/contracts';

// What the tests read from NATS itself, to know what the services must end up with.

/** Run requests JetStream stored for a workflow (duplicate keys already dropped): one execution each. */
export async function storedRunRequests(connection: NatsConnection, workflowId: string): Promise<number> {
  const subject = runRequestedSubject(workflowId);
  const info = await (
    await jetstreamManager(connection)
  ).streams.info(STREAMS.runs.name, { subjects_filter: subject });
  return info.state.subjects?.[subject] ?? 0;
}

/** Messages a durable consumer still owes: not yet delivered, or delivered and not acknowledged. */
export async function unfinishedWork(
  connection: NatsConnection,
  stream: string,
  durable: string,
): Promise<number> {
  const info = await (await jetstreamManager(connection)).consumers.info(stream, durable);
  return info.num_pending + info.num_ack_pending;
}
