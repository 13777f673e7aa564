import { Controller, Injectable, type INestApplication, Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { STREAMS } from '@triggerline/contracts';
import { HEADER, JetStreamPublisher } from '@triggerline/messaging';
import { expectEventually, type NatsTestServer, startNatsTestServer } from '@triggerline/testing';
import { connectJetStream } from './connect-jetstream.js';
import { JetStreamContext } from './jetstream.context.js';
import { NatsHealthIndicator } from './nats.health.js';
import { NatsModule } from './nats.module.js';
import { NATS_CONNECTION } from './nats.tokens.js';

@Injectable()
class Recorder {
  readonly invoices: { data: unknown; subject: string; deliveries: number }[] = [];
  readonly tickets: string[] = [];
  paymentAttempts = 0;
}

@Controller()
class InvoiceHandlers {
  constructor(private readonly recorder: Recorder) {}

  @EventPattern<string>('events.invoice.created')
  created(@Payload() data: unknown, @Ctx() context: JetStreamContext): void {
    this.recorder.invoices.push({
      data,
      subject: context.getSubject(),
      deliveries: context.getDeliveryCount(),
    });
  }

  @EventPattern<string>('events.ticket.*')
  async ticket(@Ctx() context: JetStreamContext): Promise<void> {
    this.recorder.tickets.push(context.getSubject());
  }

  @EventPattern<string>('events.payment.failed')
  async paymentFailed(): Promise<void> {
    this.recorder.paymentAttempts++;
    throw new Error('payment provider unreachable');
  }
}

describe('JetStreamTransport in a Nest application', () => {
  let server: NatsTestServer;
  let app: INestApplication;
  let recorder: Recorder;
  let publisher: JetStreamPublisher;

  beforeAll(async () => {
    server = await startNatsTestServer();
    @Module({
      imports: [
        NatsModule.forRootAsync({
          useFactory: () => ({ servers: server.url, name: 'transport-spec', replicas: 1 }),
        }),
      ],
      controllers: [InvoiceHandlers],
      providers: [Recorder],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    await app.init();
    connectJetStream(app, {
      service: 'transport-spec',
      maxDeliver: 3,
      backoff: { initialMs: 100, factor: 2, maxMs: 1_000 },
    });
    await app.startAllMicroservices();
    recorder = app.get(Recorder);
    publisher = app.get(JetStreamPublisher);
  });
  afterAll(async () => {
    await app.close();
    await server.dispose();
  });

  it('delivers a message published on events.invoice.created to its @EventPattern handler', async () => {
    await publisher.publish('events.invoice.created', { invoice_id: 'inv_7' });

    await expectEventually(() =>
      expect(recorder.invoices).toEqual([
        { data: { invoice_id: 'inv_7' }, subject: 'events.invoice.created', deliveries: 1 },
      ]),
    );
  });

  it('routes every subject a wildcard pattern matches', async () => {
    await publisher.publish('events.ticket.created', {});
    await publisher.publish('events.ticket.closed', {});

    await expectEventually(() =>
      expect(recorder.tickets.sort()).toEqual(['events.ticket.closed', 'events.ticket.created']),
    );
  });

  it('redelivers a throwing handler, then parks the message in dlq.<subject> with the error', async () => {
    await publisher.publish('events.payment.failed', { payment_id: 'pay_1' });
    const jsm = await jetstreamManager(app.get<NatsConnection>(NATS_CONNECTION));

    const parked = await expectEventually(async () => {
      const message = await jsm.streams.getMessage(STREAMS.dlq.name, {
        last_by_subj: 'dlq.events.payment.failed',
      });
      expect(message).not.toBeNull();
      return message;
    });
    expect(recorder.paymentAttempts).toBe(3);
    expect(parked?.json()).toEqual({ payment_id: 'pay_1' });
    expect(parked?.header.get(HEADER.error)).toBe('Error: payment provider unreachable');
  });

  it('reports NATS health down while the server is away and up after it reconnects', async () => {
    const health = app.get(NatsHealthIndicator);
    expect((await health.isHealthy()).nats.status).toBe('up');

    await server.stop();
    await expectEventually(async () => expect((await health.isHealthy()).nats.status).toBe('down'), {
      timeoutMs: 15_000,
    });

    await server.start();
    await expectEventually(async () => expect((await health.isHealthy()).nats.status).toBe('up'), {
      timeoutMs: 15_000,
    });
    await publisher.publish('events.invoice.created', { invoice_id: 'after-restart' });
    await expectEventually(
      () => expect(recorder.invoices.map((i) => i.data)).toContainEqual({ invoice_id: 'after-restart' }),
      {
        timeoutMs: 15_000,
      },
    );
  }, 40_000);
});
