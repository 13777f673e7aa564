import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  type WorkflowDefinition,
  type WorkflowLifecycleMessage,
  workflowSubject,
} from '@triggerline/contracts';
import { expectEventually, type NatsTestServer, startNatsTestServer } from '@triggerline/testing';
import { connectNats } from './connection.js';
import { JetStreamPublisher } from './publisher.js';
import { provisionStreams } from './streams.js';
import { followWorkflows } from './workflow-follower.js';

function workflow(
  id: string,
  version: number,
  status: WorkflowDefinition['status'] = 'active',
): WorkflowDefinition {
  return {
    id,
    name: `workflow ${id}`,
    status,
    trigger: { type: 'event', event: 'invoice.paid' },
    steps: [{ id: 'log', type: 'log', message: 'paid' }],
    version,
    created_at: '2026-11-01T00:00:00.000Z',
    updated_at: '2026-11-01T00:00:00.000Z',
  };
}

describe('followWorkflows', () => {
  let server: NatsTestServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let publisher: JetStreamPublisher;
  const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

  beforeAll(async () => {
    server = await startNatsTestServer();
    nc = await connectNats({ servers: server.url, name: 'workflow-follower-spec' });
    js = jetstream(nc);
    await provisionStreams(await jetstreamManager(nc), { replicas: 1 });
    publisher = new JetStreamPublisher(js);
  });
  afterAll(async () => {
    await nc.drain();
    await server.dispose();
  });

  const publish = (id: string, message: unknown) => publisher.publish(workflowSubject(id), message);

  it('replays every workflow, then applies live changes in order, skipping stale and malformed ones', async () => {
    await publish('wf_1', { kind: 'workflow.upserted', workflow: workflow('wf_1', 1) });
    await publish('wf_2', { kind: 'workflow.upserted', workflow: workflow('wf_2', 3) });
    const seen: string[] = [];
    const follower = await followWorkflows(js, {
      logger: quiet,
      onChange: async (change: WorkflowLifecycleMessage) => {
        seen.push(
          change.kind === 'workflow.upserted'
            ? `upsert ${change.workflow.id}@${change.workflow.version} ${change.workflow.status}`
            : `delete ${change.workflow_id}@${change.version}`,
        );
      },
    });
    await follower.caughtUp;
    expect(seen).toEqual(['upsert wf_1@1 active', 'upsert wf_2@3 active']);

    await publish('wf_2', { kind: 'workflow.upserted', workflow: workflow('wf_2', 2, 'paused') }); // stale
    await publish('wf_1', { kind: 'workflow.upserted', workflow: { id: 'wf_1' } }); // malformed
    await publish('wf_1', { kind: 'workflow.upserted', workflow: workflow('wf_9', 5) }); // wrong subject
    await publish('wf_1', { kind: 'workflow.upserted', workflow: workflow('wf_1', 2, 'paused') });
    await publish('wf_2', {
      kind: 'workflow.deleted',
      workflow_id: 'wf_2',
      version: 4,
      deleted_at: '2026-11-02T00:00:00Z',
    });

    await expectEventually(() =>
      expect(seen).toEqual([
        'upsert wf_1@1 active',
        'upsert wf_2@3 active',
        'upsert wf_1@2 paused',
        'delete wf_2@4',
      ]),
    );
    await follower.stop();
  });
});
