import type { JetStreamClient } from '@nats-io/jetstream';
import {
  STREAMS,
  validateWorkflowLifecycleMessage,
  workflowIdFromSubject,
  type WorkflowLifecycleMessage,
} from '@triggerline/contracts';
import type { ReceivedMessage } from './received-message.js';
import { StreamFollower } from './stream-follower.js';
import { type MessagingLogger, consoleLogger } from './worker-logger.js';

export interface WorkflowFollowerOptions {
  /** Applied in order, once per change; stale and malformed messages never reach it. */
  onChange: (change: WorkflowLifecycleMessage) => Promise<void>;
  logger?: MessagingLogger;
}

/**
 * The projection feed every trigger service builds on: the whole WORKFLOWS stream (the latest
 * definition of each workflow, then live changes), validated, with a message older than one
 * already applied for the same workflow skipped. `caughtUp` resolves once the replay is done.
 */
export async function followWorkflows(
  js: JetStreamClient,
  options: WorkflowFollowerOptions,
): Promise<StreamFollower> {
  const logger = options.logger ?? consoleLogger;
  const versions = new Map<string, number>();
  return StreamFollower.start(js, {
    stream: STREAMS.workflows.name,
    logger,
    onMessage: async (message: ReceivedMessage) => {
      const parsed = validateWorkflowLifecycleMessage(message.data);
      if (!parsed.ok) {
        const reasons = parsed.errors.map((e) => `${e.path} ${e.message}`).join('; ');
        return logger.error(
          `${message.subject} #${message.streamSequence} is not a workflow lifecycle message: ${reasons}`,
        );
      }
      const change = parsed.value;
      const id = change.kind === 'workflow.upserted' ? change.workflow.id : change.workflow_id;
      const version = change.kind === 'workflow.upserted' ? change.workflow.version : change.version;
      if (workflowIdFromSubject(message.subject) !== id) {
        return logger.error(`${message.subject} #${message.streamSequence} carries workflow ${id}; skipped`);
      }
      if ((versions.get(id) ?? 0) > version) return;
      await options.onChange(change);
      versions.set(id, version);
    },
  });
}
