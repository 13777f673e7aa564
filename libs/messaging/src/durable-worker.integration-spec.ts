import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { STREAMS } from '@triggerline/contracts';
import { expectEventually, type NatsTestServer, startNatsTestServer } from '@triggerline/testing';
import { connectNats } from './connection.js';
import { DurableWorker, type DurableWorkerOptions } from './durable-worker.js';
import { HEADER } from './headers.js';
import { JetStreamPublisher } from './publisher.js';
import { NonRetryableError, type ReceivedMessage, RedeliverLater } from './received-message.js';
import { provisionStreams } from './streams.js';
import type { MessagingLogger } from './worker-logger.js';

const quiet: MessagingLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('DurableWorker', () => {
  let server: NatsTestServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let publisher: JetStreamPublisher;
  const workers: DurableWorker[] = [];
  let durableCounter = 0;

  beforeAll(async () => {
    server = await startNatsTestServer();
    nc = await connectNats({ servers: server.url, name: 'worker-spec' });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await provisionStreams(jsm, { replicas: 1 });
    publisher = new JetStreamPublisher(js);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await jsm.streams.purge(STREAMS.events.name);
    await jsm.streams.purge(STREAMS.dlq.name);
  });
  afterAll(async () => {
    await nc.drain();
    await server.dispose();
  });

  async function startWorker(options: Partial<DurableWorkerOptions> & Pick<DurableWorkerOptions, 'handle'>) {
    const worker = await DurableWorker.start(js, jsm, {
      stream: STREAMS.events.name,
      durable: `spec-${++durableCounter}`,
      filterSubject: 'events.>',
      logger: quiet,
      ...options,
    });
    workers.push(worker);
    return worker;
  }

  it('hands a message published on events.invoice.created to the handler, then acks it', async () => {
    const received: ReceivedMessage[] = [];
    const durable = 'spec-receive';
    await startWorker({ durable, handle: async (m) => void received.push(m) });

    await publisher.publish('events.invoice.created', { invoice_id: 'inv_1' }, { msgId: 'evt-1' });

    await expectEventually(() => expect(received).toHaveLength(1));
    expect(received[0]).toMatchObject({
      subject: 'events.invoice.created',
      data: { invoice_id: 'inv_1' },
      deliveryCount: 1,
      stream: 'EVENTS',
      msgId: 'evt-1',
    });
    await expectEventually(async () => {
      const info = await jsm.consumers.info(STREAMS.events.name, durable);
      expect(info.num_ack_pending + info.num_pending).toBe(0);
    });
  });

  it('redelivers a throwing handler with growing backoff, then dead-letters it with the error', async () => {
    const attempts: number[] = [];
    const durable = 'spec-dlq';
    await startWorker({
      durable,
      maxDeliver: 3,
      backoff: { initialMs: 200, factor: 2, maxMs: 5_000 },
      handle: async () => {
        attempts.push(Date.now());
        throw new Error('downstream said no');
      },
    });

    await publisher.publish('events.invoice.created', { invoice_id: 'inv_poison' });

    await expectEventually(async () =>
      expect((await jsm.streams.info(STREAMS.dlq.name)).state.messages).toBe(1),
    );
    expect(attempts).toHaveLength(3);
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(180);
    expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(380);

    const parked = await jsm.streams.getMessage(STREAMS.dlq.name, {
      last_by_subj: 'dlq.events.invoice.created',
    });
    expect(parked?.json()).toEqual({ invoice_id: 'inv_poison' });
    expect(parked?.header.get(HEADER.error)).toBe('Error: downstream said no');
    expect(parked?.header.get(HEADER.originalSubject)).toBe('events.invoice.created');
    expect(parked?.header.get(HEADER.deliveries)).toBe('3');
    await expectEventually(async () => {
      const info = await jsm.consumers.info(STREAMS.events.name, durable);
      expect(info.num_ack_pending + info.num_pending).toBe(0);
    });
    // Settled: no fourth attempt arrives later.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(attempts).toHaveLength(3);
  });

  it('dead-letters a NonRetryableError and a non-JSON body at once', async () => {
    let calls = 0;
    await startWorker({
      handle: async () => {
        calls++;
        throw new NonRetryableError('payload can never be valid');
      },
    });

    await publisher.publish('events.invoice.created', { bad: true });
    await js.publish('events.invoice.paid', new TextEncoder().encode('{not json'));

    await expectEventually(async () =>
      expect((await jsm.streams.info(STREAMS.dlq.name)).state.messages).toBe(2),
    );
    expect(calls).toBe(1);
    const notJson = await jsm.streams.getMessage(STREAMS.dlq.name, {
      last_by_subj: 'dlq.events.invoice.paid',
    });
    expect(notJson?.header.get(HEADER.error)).toMatch(/^NonRetryableError: message body is not JSON/);
  });

  it('brings a deferred message back after the delay without treating it as a failure', async () => {
    const deliveries: { at: number; count: number }[] = [];
    await startWorker({
      maxDeliver: 3,
      handle: async (m) => {
        deliveries.push({ at: Date.now(), count: m.deliveryCount });
        if (m.deliveryCount === 1) throw new RedeliverLater(300, 'waiting for a slot');
      },
    });

    await publisher.publish('events.invoice.created', { invoice_id: 'later' });

    await expectEventually(() => expect(deliveries).toHaveLength(2));
    expect(deliveries.map((d) => d.count)).toEqual([1, 2]);
    expect(deliveries[1].at - deliveries[0].at).toBeGreaterThanOrEqual(280);
    expect((await jsm.streams.info(STREAMS.dlq.name)).state.messages).toBe(0);
  });

  it('never runs more handlers at once than its concurrency', async () => {
    let running = 0;
    let peak = 0;
    let done = 0;
    await startWorker({
      concurrency: 4,
      handle: async () => {
        peak = Math.max(peak, ++running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running--;
        done++;
      },
    });

    await publisher.publishMany(
      Array.from({ length: 40 }, (_, i) => ({ subject: 'events.ticket.created', message: { i } })),
    );

    await expectEventually(() => expect(done).toBe(40));
    expect(peak).toBe(4);
  });

  it('handles all 500 messages, each once in effect, across a stop mid-way and a restart', async () => {
    const durable = 'spec-restart';
    // Delivery is at-least-once; the effect is keyed by Nats-Msg-Id as a service keys its rows,
    // so a redelivery after the hand-over changes nothing.
    const effects = new Set<string>();
    let deliveries = 0;
    const handle = async (m: ReceivedMessage) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      deliveries++;
      effects.add(m.msgId ?? `seq-${m.streamSequence}`);
    };
    // Messages already on the wire when the first worker unsubscribes come back after the ack wait.
    const ackWaitMs = 2_000;
    const first = await startWorker({ durable, concurrency: 8, ackWaitMs, handle });

    await publisher.publishMany(
      Array.from({ length: 500 }, (_, i) => ({
        subject: 'events.invoice.created',
        message: { i },
        msgId: `m-${i}`,
      })),
    );
    await expectEventually(() => expect(effects.size).toBeGreaterThanOrEqual(100));
    await first.stop();
    const handledBeforeRestart = effects.size;
    expect(handledBeforeRestart).toBeLessThan(500);

    await startWorker({ durable, concurrency: 8, ackWaitMs, handle });

    await expectEventually(() => expect(effects.size).toBe(500), { timeoutMs: 20_000 });
    expect([...effects].sort()).toEqual(Array.from({ length: 500 }, (_, i) => `m-${i}`).sort());
    expect(deliveries).toBeGreaterThanOrEqual(500);
    await expectEventually(async () => {
      const info = await jsm.consumers.info(STREAMS.events.name, durable);
      expect(info.num_ack_pending + info.num_pending).toBe(0);
    });
  });
});
