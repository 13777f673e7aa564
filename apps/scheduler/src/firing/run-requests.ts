import {
  manualRunKey,
  runRequestedSubject,
  scheduleRunKey,
  type RunRequest,
  type ScheduleType,
} from '@triggerline/contracts';
import type { OutgoingMessage } from '@triggerline/messaging';

/**
 * The run request for one slot of a job. `catch_up` marks a slot run late under the misfire
 * policy, after downtime; the key is the slot's, so a replica firing the same slot again during
 * a leader hand-over is dropped by JetStream as a duplicate.
 */
export function scheduledRunRequest(
  workflowId: string,
  scheduleType: ScheduleType,
  slot: Date,
  catchUp: boolean,
): OutgoingMessage {
  const key = scheduleRunKey(workflowId, slot);
  const request: RunRequest = {
    idempotency_key: key,
    workflow_id: workflowId,
    trigger: {
      trigger_type: 'schedule',
      schedule_type: scheduleType,
      scheduled_time: slot.toISOString(),
      ...(catchUp ? { catch_up: true } : {}),
    },
    input: {},
    requested_at: new Date().toISOString(),
  };
  return { subject: runRequestedSubject(workflowId), message: request, msgId: key };
}

/** "Run now" from the schedules API: a manual run, unique by a fresh key. */
export function manualRunRequest(
  workflowId: string,
  triggeredBy?: string,
): OutgoingMessage & { message: RunRequest } {
  const key = manualRunKey();
  const now = new Date().toISOString();
  const request: RunRequest = {
    idempotency_key: key,
    workflow_id: workflowId,
    trigger: {
      trigger_type: 'manual',
      triggered_at: now,
      ...(triggeredBy ? { triggered_by: triggeredBy } : {}),
    },
    input: {},
    requested_at: now,
  };
  return { subject: runRequestedSubject(workflowId), message: request, msgId: key };
}
