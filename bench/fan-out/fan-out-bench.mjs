// Row 2, fan-out: 100 active workflows subscribed to `invoice.created`; events published by the
// SDK; run requests/s stored by the built event-gateway on RUNS (counted as they arrive at a
// subscriber). No runner runs, so the gateway has the machine to itself. Baseline: the same
// number of run-request messages published raw to JetStream, pipelined.
//
//   node bench/fan-out/fan-out-bench.mjs [--workflows 100] [--requests 20000] [--runs 3]
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { api, scratch, startNats, startService, waitFor } from '../lib/processes.mjs';
import { flags, report, repeat, row, spread } from '../lib/report.mjs';
import {
  collect,
  invoiceEmitter,
  manualRunRequest,
  pipelined,
  rawStream,
  workflowUpserted,
} from '../lib/workloads.mjs';

const settings = flags({ workflows: 100, requests: 20_000, runs: 3 });
const { workflows } = settings;

const nats = await startNats();
const dir = scratch('fan-out');
const gateway = await startService('event-gateway', {
  NATS_URL: nats.url,
  DATABASE_URL: `sqlite:${join(dir, 'gateway.sqlite')}`,
});
const nc = await connect({ servers: nats.url });
try {
  // Definitions straight onto WORKFLOWS, as the runner would publish them.
  const js = jetstream(nc);
  const ids = Array.from({ length: workflows }, (_, i) => `wf_fan_${i}`);
  await Promise.all(
    ids.map((id) => {
      const { subject, data } = workflowUpserted(id, { type: 'event', event: 'invoice.created' });
      return js.publish(subject, data);
    }),
  );
  await waitFor(
    async () => (await api(gateway.url, '/subscriptions')).length === workflows,
    30_000,
    'the gateway to project every workflow',
  );
  const emitter = await invoiceEmitter(nc);
  const raw = await rawStream(nc, 'BENCH');
  // A run request of the same size as the gateway's: the event's data is its input.
  const sample = manualRunRequest(ids[0], `evt:x:${ids[0]}`, JSON.parse(emitter.envelope('x')).data).data;

  const fanOut = async (run) => {
    const count = run < 0 ? 10 : Math.ceil(settings.requests / workflows);
    const prefix = `f${run}`;
    const stored = collect(nc, 'runs.requested.>', count * workflows, (msg) =>
      msg.json().idempotency_key.startsWith(`evt:${prefix}-`),
    );
    const started = performance.now();
    await pipelined(count, (i) => emitter.invoiceCreated(`${prefix}-${i}`));
    return Math.round(((count * workflows) / ((await stored) - started)) * 1000);
  };
  const rawPublish = async (run) => {
    const count = run < 0 ? 10 * workflows : Math.ceil(settings.requests / workflows) * workflows;
    const started = performance.now();
    await pipelined(count, (i) =>
      raw.js.publish(`BENCH.f${run}.${ids[i % workflows]}`, sample, { msgID: `f${run}-${i}` }),
    );
    return Math.round((count / (performance.now() - started)) * 1000);
  };

  console.log(`fan-out: ${workflows} workflows, ${settings.requests} run requests × ${settings.runs} runs`);
  const ours = await repeat({ warmup: 1, runs: settings.runs }, fanOut, 'gateway run requests/s');
  const baseline = await repeat({ warmup: 1, runs: settings.runs }, rawPublish, 'raw publish msgs/s');
  report(
    'fan-out',
    [
      row({
        name: 'fan-out',
        metric: `run requests/s, 1 event → ${workflows} workflows`,
        unit: '1/s',
        ours: spread(ours),
        baseline: spread(baseline),
      }),
    ],
    settings,
  );
} finally {
  await nc.close();
  await gateway.stop();
  await nats.stop();
  rmSync(dir, { recursive: true, force: true });
}
