// Row 3, webhook ingress: autocannon against the built webhook-ingress on a `standard`-signed
// trigger (1 KiB JSON body, a fresh delivery id per request, signed before the clock starts so the
// load generator's HMAC work is not measured), beside two baselines in baseline-server.mjs: a bare
// Fastify route answering 202, and one that publishes the body to JetStream first. The three
// targets take turns within each run, so a noisy moment hits all of them.
//
//   node bench/webhook-ingress/webhook-bench.mjs [--seconds 5] [--runs 3] [--connections 100]
//     [--targets ingress,publish,bare]   (fewer targets print no table: e.g. to profile one)
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { api, freePort, scratch, startNats, startScript, startService, waitFor } from '../lib/processes.mjs';
import { flags, report, row, spread } from '../lib/report.mjs';
import { workflowUpserted } from '../lib/workloads.mjs';

const settings = flags({
  seconds: 5,
  runs: 3,
  connections: 100,
  'body-bytes': 1024,
  targets: 'ingress,publish,bare',
});
const { seconds, connections } = settings;
const here = dirname(fileURLToPath(import.meta.url));

/** Signed requests, one delivery id each; a body of exactly `body-bytes` bytes. */
function prepare(count, secret) {
  const webhook = new Webhook(secret);
  const now = new Date();
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return Array.from({ length: count }, (_, i) => {
    const id = `msg_${randomUUID()}`;
    const body = JSON.stringify({ delivery: i, customer: 'c_42', pad: '' });
    const padded = body.replace('"pad":""', `"pad":"${'x'.repeat(settings['body-bytes'] - body.length)}"`);
    return {
      body: padded,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': timestamp,
        'webhook-signature': webhook.sign(id, now, padded),
      },
    };
  });
}

/** One autocannon run; every request takes the next prepared delivery. */
async function load(url, prepared) {
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({ ...request, ...prepared[next++ % prepared.length] }),
      },
    ],
  });
  return {
    rps: Math.round(result.requests.total / (result.duration || seconds)),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    reused_ids: Math.max(0, next - prepared.length),
  };
}

function reportRows(runs) {
  const rps = (name) => spread(runs[name].map((r) => r.rps));
  const p99 = (name) => spread(runs[name].map((r) => r.p99));
  const ratio = rps('ingress').median / rps('publish').median;
  report(
    'webhook-ingress',
    [
      row({
        name: 'webhook ingress',
        metric: 'req/s vs Fastify → JetStream',
        unit: '1/s',
        ours: rps('ingress'),
        baseline: rps('publish'),
        target: '≥ 0.8',
        met: ratio >= 0.8,
        details: runs,
      }),
      row({
        name: 'webhook ingress',
        metric: 'req/s vs bare Fastify 202',
        unit: '1/s',
        ours: rps('ingress'),
        baseline: rps('bare'),
      }),
      row({
        name: 'webhook ingress',
        metric: 'p99 vs Fastify → JetStream',
        unit: 'ms',
        ours: p99('ingress'),
        baseline: p99('publish'),
      }),
      row({
        name: 'webhook ingress',
        metric: 'p99 vs bare Fastify 202',
        unit: 'ms',
        ours: p99('ingress'),
        baseline: p99('bare'),
      }),
    ],
    settings,
  );
}

const nats = await startNats();
const dir = scratch('webhook');
const ingress = await startService('webhook-ingress', {
  NATS_URL: nats.url,
  DATABASE_URL: `sqlite:${join(dir, 'ingress.sqlite')}`,
  WEBHOOK_RATE_LIMIT_PER_SECOND: '1000000',
});
const baselinePort = await freePort();
const baselineServer = startScript(join(here, 'baseline-server.mjs'), [String(baselinePort), nats.url]);
const nc = await connect({ servers: nats.url });
try {
  const { subject, data } = workflowUpserted('wf_bench', { type: 'webhook', path: 'bench' });
  await jetstream(nc).publish(subject, data);
  const trigger = await waitFor(
    async () => {
      const [listed] = await api(ingress.url, '/webhook-triggers?workflow_id=wf_bench');
      return listed && api(ingress.url, `/webhook-triggers/${listed.id}`);
    },
    30_000,
    'the webhook trigger',
  );
  const baseline = `http://127.0.0.1:${baselinePort}`;
  await waitFor(
    async () => (await fetch(`${baseline}/bare`, { method: 'POST' })).status === 202,
    10_000,
    'baselines',
  );
  const targets = {
    ingress: `${ingress.url}${trigger.path}`,
    publish: `${baseline}/publish`,
    bare: `${baseline}/bare`,
  };
  // Enough deliveries that none repeats (reused_ids counts any that did), per target's speed.
  const perSecond = { ingress: 15_000, publish: 25_000, bare: 50_000 };

  console.log(
    `webhook ingress: ${connections} connections, ${settings['body-bytes']} B bodies, ${seconds} s per target`,
  );
  const runs = { ingress: [], publish: [], bare: [] };
  for (let run = -1; run < settings.runs; run++) {
    for (const [name, url] of Object.entries(targets).filter(([name]) => settings.targets.includes(name))) {
      const result = await load(url, prepare(perSecond[name] * seconds, trigger.secret));
      if (run >= 0) runs[name].push(result);
      console.log(
        `  ${run < 0 ? 'warm-up' : `run ${run + 1}/${settings.runs}`} ${name}: ${JSON.stringify(result)}`,
      );
    }
  }
  if (Object.values(runs).every((list) => list.length > 0)) reportRows(runs);
} finally {
  await nc.close();
  await baselineServer.stop();
  await ingress.stop();
  await nats.stop();
  rmSync(dir, { recursive: true, force: true });
}
