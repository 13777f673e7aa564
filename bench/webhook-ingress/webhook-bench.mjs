// Webhook ingress benchmark (issue 5): requests/s and latency p50/p99 of the built ingress with
// Standard Webhooks verification, beside a bare Fastify route that only publishes the body to
// JetStream (bare-route.mjs), in the same run, on one private nats-server and a fresh SQLite file.
//
//   npx nx run webhook-ingress:build && node bench/webhook-ingress/webhook-bench.mjs [--seconds 10] [--connections 32]
//
// Every request is a distinct delivery (its own webhook-id), signed before the clock starts so the
// load generator's own HMAC work is not measured. Each target runs alone, one after the other.
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const builtMain = join(root, 'dist/apps/webhook-ingress/apps/webhook-ingress/src/main.js');
const flag = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const seconds = flag('seconds', 10);
const connections = flag('connections', 32);
const API_KEY = 'bench-api-key-0123456789';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function startProcess(command, args, env = {}, stderr = 'inherit') {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', stderr],
  });
  return {
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** Fires the prepared requests over `connections` keep-alive sockets for `seconds`. */
async function load(port, path, prepared) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  const statuses = new Map();
  let next = 0;
  const deadline = Date.now() + seconds * 1000;
  const send = ({ body, headers }) =>
    new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          resolve();
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const lane = async () => {
    while (Date.now() < deadline && next < prepared.length) await send(prepared[next++]);
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, lane));
  const elapsed = (Date.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    requests: latencies.length,
    rps: Math.round(latencies.length / elapsed),
    p50: at(0.5).toFixed(2),
    p99: at(0.99).toFixed(2),
    max: latencies.at(-1).toFixed(2),
    statuses: Object.fromEntries(statuses),
    exhausted: next >= prepared.length,
  };
}

function prepare(count, secret) {
  const webhook = new Webhook(secret);
  const now = new Date();
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return Array.from({ length: count }, (_, i) => {
    const id = `msg_${randomUUID()}`;
    const body = JSON.stringify({
      delivery: i,
      customer: 'c_42',
      items: Array.from({ length: 8 }, (_, n) => ({ sku: `sku-${n}`, qty: n + 1, price: 9.99 })),
    });
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'webhook-id': id,
        'webhook-timestamp': timestamp,
        'webhook-signature': webhook.sign(id, now, body),
      },
    };
  });
}

const store = mkdtempSync(join(tmpdir(), 'bench-webhook-'));
const natsPort = await freePort();
const natsUrl = `nats://127.0.0.1:${natsPort}`;
const natsBinary = existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server';
const nats = startProcess(
  natsBinary,
  ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', join(store, 'nats')],
  {},
  'ignore',
);
const processes = [nats];
try {
  await waitFor(
    async () => (await connect({ servers: natsUrl })).close().then(() => true),
    10_000,
    'nats-server',
  );
  const ingressPort = await freePort();
  processes.push(
    startProcess('node', [builtMain], {
      NATS_URL: natsUrl,
      DATABASE_URL: `sqlite:${join(store, 'ingress.sqlite')}`,
      PORT: String(ingressPort),
      API_KEYS: API_KEY,
      LOG_LEVEL: 'warn',
      WEBHOOK_RATE_LIMIT_PER_SECOND: '1000000',
    }),
  );
  const barePort = await freePort();
  processes.push(startProcess('node', [join(here, 'bare-route.mjs'), String(barePort), natsUrl]));

  const nc = await connect({ servers: natsUrl });
  await waitFor(
    () => fetch(`http://127.0.0.1:${ingressPort}/health`).then((r) => r.ok),
    30_000,
    'the ingress',
  );
  await jetstream(nc).publish(
    'workflows.wf_bench',
    JSON.stringify({
      kind: 'workflow.upserted',
      workflow: {
        id: 'wf_bench',
        name: 'bench',
        status: 'active',
        trigger: { type: 'webhook', path: 'bench' },
        steps: [{ id: 'log', type: 'log' }],
        version: 1,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      },
    }),
  );
  const auth = { authorization: `Bearer ${API_KEY}` };
  const trigger = await waitFor(
    async () => {
      const [listed] = await (
        await fetch(`http://127.0.0.1:${ingressPort}/webhook-triggers?workflow_id=wf_bench`, {
          headers: auth,
        })
      ).json();
      return (
        listed &&
        (
          await fetch(`http://127.0.0.1:${ingressPort}/webhook-triggers/${listed.id}`, { headers: auth })
        ).json()
      );
    },
    10_000,
    'the webhook trigger',
  );
  await waitFor(
    () =>
      fetch(`http://127.0.0.1:${barePort}/bare`, { method: 'POST', body: '{}' }).then(
        (r) => r.status === 202,
      ),
    10_000,
    'the bare route',
  );

  const perTarget = Math.max(20_000, seconds * 20_000);
  console.log(
    `webhook benchmark: ${seconds} s per target, ${connections} connections, ~${prepare(1, trigger.secret)[0].body.length} B JSON bodies`,
  );
  // A short warm-up of each, then the measured runs.
  await load(barePort, '/bare', prepare(2_000, trigger.secret));
  await load(ingressPort, trigger.path, prepare(2_000, trigger.secret));
  const bare = await load(barePort, '/bare', prepare(perTarget, trigger.secret));
  const ingress = await load(ingressPort, trigger.path, prepare(perTarget, trigger.secret));
  console.table({ 'bare Fastify → JetStream': bare, 'webhook-ingress (standard scheme)': ingress });

  const jsm = await jetstreamManager(nc);
  const stored = await jsm.streams.info('RUNS', { subjects_filter: 'runs.requested.>' });
  console.log('run requests stored per subject:', stored.state.subjects);
  await nc.close();
} finally {
  for (const child of processes.reverse()) await child.stop();
  rmSync(store, { recursive: true, force: true });
}
