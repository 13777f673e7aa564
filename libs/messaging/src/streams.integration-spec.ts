import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { STREAMS } from '@triggerline/contracts';
import { connectNats } from './connection.js';
import { provisionStreams } from './streams.js';

// Against the machine's own NATS server (NATS_URL), as a deployed service would provision it.
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

describe('provisionStreams on the shared NATS server', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    nc = await connectNats({ servers: natsUrl, name: 'streams-spec' });
    jsm = await jetstreamManager(nc);
  });
  afterAll(() => nc.drain());

  it('creates every stream of DESIGN.md with its subjects and limits', async () => {
    await provisionStreams(jsm, { replicas: 1 });

    const workflows = await jsm.streams.info(STREAMS.workflows.name);
    expect(workflows.config.subjects).toEqual(['workflows.>']);
    expect(workflows.config.max_msgs_per_subject).toBe(1);
    for (const { name, subjects } of Object.values(STREAMS)) {
      const info = await jsm.streams.info(name);
      expect(info.config.subjects).toEqual([...subjects]);
      expect(info.config.num_replicas).toBe(1);
    }
  });

  it('is idempotent and restores a setting someone changed', async () => {
    await provisionStreams(jsm, { replicas: 1 });
    const before = await jsm.streams.info(STREAMS.events.name);
    await jsm.streams.update(STREAMS.events.name, { ...before.config, max_age: nanos(24 * 60 * 60_000) });

    await provisionStreams(jsm, { replicas: 1 });
    await provisionStreams(jsm, { replicas: 1 });

    const after = await jsm.streams.info(STREAMS.events.name);
    expect(after.config.max_age).toBe(before.config.max_age);
    expect(after.created).toBe(before.created);
  });
});
