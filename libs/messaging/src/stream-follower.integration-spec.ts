import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { STREAMS, workflowSubject } from '@triggerline/contracts';
import { expectEventually, type NatsTestServer, startNatsTestServer } from '@triggerline/testing';
import { connectNats } from './connection.js';
import { JetStreamPublisher } from './publisher.js';
import { provisionStreams } from './streams.js';
import { StreamFollower } from './stream-follower.js';

describe('StreamFollower', () => {
  let server: NatsTestServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let publisher: JetStreamPublisher;

  beforeAll(async () => {
    server = await startNatsTestServer();
    nc = await connectNats({ servers: server.url, name: 'follower-spec' });
    js = jetstream(nc);
    await provisionStreams(await jetstreamManager(nc), { replicas: 1 });
    publisher = new JetStreamPublisher(js);
  });
  afterAll(async () => {
    await nc.drain();
    await server.dispose();
  });

  it('replays the latest message per workflow, reports caught up, then follows live changes', async () => {
    await publisher.publish(workflowSubject('wf_a'), { version: 1 });
    await publisher.publish(workflowSubject('wf_b'), { version: 1 });
    await publisher.publish(workflowSubject('wf_a'), { version: 2 });
    const seen: string[] = [];

    const follower = await StreamFollower.start(js, {
      stream: STREAMS.workflows.name,
      onMessage: async (m) => void seen.push(`${m.subject}@${(m.data as { version: number }).version}`),
    });
    await follower.caughtUp;

    // WORKFLOWS keeps one message per subject: a new replica sees each workflow's latest state.
    expect(seen).toEqual(['workflows.wf_b@1', 'workflows.wf_a@2']);
    await publisher.publish(workflowSubject('wf_c'), { version: 1 });
    await expectEventually(() => expect(seen).toContain('workflows.wf_c@1'));
    await follower.stop();
  });

  it('is caught up at once on an empty stream, and retries a failing update in place', async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.purge(STREAMS.runResults.name);
    let failures = 0;
    const applied: number[] = [];
    const follower = await StreamFollower.start(js, {
      stream: STREAMS.runResults.name,
      logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
      onMessage: async (m) => {
        const { n } = m.data as { n: number };
        if (n === 1 && failures++ < 2) throw new Error('database busy');
        applied.push(n);
      },
    });
    await follower.caughtUp;

    await publisher.publish('runs.finished.wf_a', { n: 1 });
    await publisher.publish('runs.finished.wf_a', { n: 2 });

    await expectEventually(() => expect(applied).toEqual([1, 2]));
    expect(failures).toBe(3);
    await follower.stop();
  });
});
