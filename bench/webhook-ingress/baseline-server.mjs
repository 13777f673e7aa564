// The webhook benchmark's two baselines in one plain Fastify server (each measured alone):
// POST /bare answers 202 and does nothing else; POST /publish stores the raw body on JetStream
// (the delivery id as Nats-Msg-Id) and answers 202 after the ack. No verification, no database.
//
//   node bench/webhook-ingress/baseline-server.mjs <port> <nats url>
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import Fastify from 'fastify';

const [port, natsUrl] = process.argv.slice(2);
const nc = await connect({ servers: natsUrl });
const js = jetstream(nc);
const app = Fastify({ bodyLimit: 1024 * 1024 });
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
app.post('/bare', async (_request, reply) => reply.code(202).send({ accepted: true }));
app.post('/publish', async (request, reply) => {
  const id = request.headers['webhook-id'];
  const ack = await js.publish('runs.requested.wf_bench_baseline', request.body, { msgID: id });
  return reply.code(202).send({ delivery_id: id, duplicate: ack.duplicate });
});
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  await nc.drain();
  process.exit(0);
});
