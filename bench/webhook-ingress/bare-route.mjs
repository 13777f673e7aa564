// The baseline for the webhook benchmark: a bare Fastify route that publishes the raw body to
// JetStream and answers 202 after the ack. No verification, no database, no Nest.
//
//   node bench/webhook-ingress/bare-route.mjs <port> <nats url>
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import Fastify from 'fastify';

const [port, natsUrl] = process.argv.slice(2);
const nc = await connect({ servers: natsUrl });
const js = jetstream(nc);
const app = Fastify({ bodyLimit: 1024 * 1024 });
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
app.post('/bare', async (request, reply) => {
  const ack = await js.publish('runs.requested.wf_bench_bare', request.body, {
    msgID: request.headers['webhook-id'],
  });
  return reply.code(202).send({ delivery_id: request.headers['webhook-id'], duplicate: ack.duplicate });
});
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  await nc.drain();
  process.exit(0);
});
