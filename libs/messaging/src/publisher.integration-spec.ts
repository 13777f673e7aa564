import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { STREAMS, createEvent } from '@triggerline/contracts';
import { type NatsTestServer, startNatsTestServer } from '@triggerline/testing';
import { connectNats } from './connection.js';
import { publishEvent } from './event-publisher.js';
import { JetStreamPublisher } from './publisher.js';
import { provisionStreams } from './streams.js';

describe('JetStreamPublisher', () => {
  let server: NatsTestServer;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let publisher: JetStreamPublisher;

  beforeAll(async () => {
    server = await startNatsTestServer();
    nc = await connectNats({ servers: server.url, name: 'publisher-spec' });
    jsm = await jetstreamManager(nc);
    await provisionStreams(jsm, { replicas: 1 });
    publisher = new JetStreamPublisher(jetstream(nc));
  });
  afterAll(async () => {
    await nc.drain();
    await server.dispose();
  });
  beforeEach(() => jsm.streams.purge(STREAMS.events.name));

  it('resolves with the stream sequence once JetStream stored the message', async () => {
    const ack = await publisher.publish(
      'events.invoice.created',
      { invoice_id: 'inv_1' },
      { headers: { 'X-Test': 'yes' } },
    );
    expect(ack.stream).toBe('EVENTS');

    const stored = await jsm.streams.getMessage(STREAMS.events.name, { seq: ack.seq });
    expect(stored?.json()).toEqual({ invoice_id: 'inv_1' });
    expect(stored?.header.get('X-Test')).toBe('yes');
  });

  it('stores a message published twice with the same Nats-Msg-Id once', async () => {
    const first = await publisher.publish('events.invoice.created', { n: 1 }, { msgId: 'evt-42' });
    const second = await publisher.publish('events.invoice.created', { n: 2 }, { msgId: 'evt-42' });

    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(second.seq).toBe(first.seq);
    expect((await jsm.streams.info(STREAMS.events.name)).state.messages).toBe(1);
  });

  it('pipelines many publishes and returns their acks in input order', async () => {
    const messages = Array.from({ length: 500 }, (_, i) => ({
      subject: 'events.invoice.created',
      message: { i },
      msgId: `bulk-${i}`,
    }));

    const acks = await publisher.publishMany(messages, 64);

    expect(acks).toHaveLength(500);
    expect(new Set(acks.map((a) => a.seq)).size).toBe(500);
    const last = await jsm.streams.getMessage(STREAMS.events.name, { seq: acks[499].seq });
    expect(last?.json()).toEqual({ i: 499 });
  });

  it('rejects a subject no stream stores instead of pretending it was kept', async () => {
    await expect(publisher.publish('nowhere.at.all', {})).rejects.toThrow();
  });
});

describe('publishEvent', () => {
  let server: NatsTestServer;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    server = await startNatsTestServer();
    nc = await connectNats({ servers: server.url, name: 'publish-event-spec' });
    jsm = await jetstreamManager(nc);
    await provisionStreams(jsm, { replicas: 1 });
  });
  afterAll(async () => {
    await nc.drain();
    await server.dispose();
  });

  it('puts a CloudEvent on events.<type> keyed by its id, so a retry is stored once', async () => {
    const publisher = new JetStreamPublisher(jetstream(nc));
    const event = createEvent(
      'invoice.created',
      {
        invoice_id: 'i1',
        invoice_number: 'INV-1',
        customer_id: 'c1',
        amount: 10,
        currency: 'EUR',
        due_date: '2026-12-31',
      },
      { source: '/billing', id: 'evt-1' },
    );

    const first = await publishEvent(publisher, event);
    const retry = await publishEvent(publisher, event);

    expect(retry).toMatchObject({ duplicate: true, seq: first.seq });
    const stored = await jsm.streams.getMessage(STREAMS.events.name, { seq: first.seq });
    expect(stored?.subject).toBe('events.invoice.created');
    expect(stored?.header.get('Nats-Msg-Id')).toBe('evt-1');
    expect(stored?.json()).toMatchObject({
      specversion: '1.0',
      id: 'evt-1',
      type: 'invoice.created',
      customerid: 'c1',
    });
  });
});
