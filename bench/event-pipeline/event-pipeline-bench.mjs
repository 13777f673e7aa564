// Row 1, event pipeline: `invoice.created` events published by the SDK, through the built
// event-gateway and workflow-runner (one active workflow, one `log` step), until each execution is
// persisted (its run result, published after the write, has arrived). Baseline: the same envelopes
// published raw to JetStream, pipelined, and consumed by a durable consumer with ack.
//
//   node bench/event-pipeline/event-pipeline-bench.mjs [--events 20000] [--runs 3] [--rate 1000] [--seconds 5]
//     [--light-rate 250]   (latency also at a rate the pipeline keeps up with: the work, not a queue)
import { connect } from '@nats-io/transport-node';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { api, scratch, startNats, startService, waitFor } from '../lib/processes.mjs';
import { flags, latencies, report, repeat, row, spread } from '../lib/report.mjs';
import { collect, invoiceEmitter, paced, pipelined, rawStream } from '../lib/workloads.mjs';

const settings = flags({ events: 20_000, runs: 3, rate: 1_000, seconds: 5, 'light-rate': 250 });
const { events, seconds } = settings;

const nats = await startNats();
const dir = scratch('pipeline');
const env = { NATS_URL: nats.url };
const runner = await startService('workflow-runner', {
  ...env,
  DATABASE_URL: `sqlite:${join(dir, 'runner.sqlite')}`,
});
const gateway = await startService('event-gateway', {
  ...env,
  DATABASE_URL: `sqlite:${join(dir, 'gateway.sqlite')}`,
});
const nc = await connect({ servers: nats.url });
try {
  const workflow = await api(runner.url, '/workflows', {
    name: 'log every invoice',
    status: 'active',
    trigger: { type: 'event', event: 'invoice.created' },
    steps: [{ id: 'log', type: 'log', message: 'invoice {{ input.invoice_id }}' }],
  });
  await waitFor(
    async () => (await api(gateway.url, '/subscriptions')).some((s) => s.workflow_id === workflow.id),
    30_000,
    'the gateway to project the workflow',
  );
  const emitter = await invoiceEmitter(nc);
  const raw = await rawStream(nc, 'BENCH');
  // Run results carry `evt:<event id>:<workflow>`; event ids start with the run's prefix.
  let failed = 0;
  const resultOf = (prefix) => (msg) => {
    const result = msg.json();
    if (!result.idempotency_key.startsWith(`evt:${prefix}-`)) return false;
    if (result.status !== 'succeeded') failed++;
    return true;
  };
  const eventId = (msg) => msg.json().idempotency_key.split(':')[1];

  const throughput = async (run) => {
    const prefix = `t${run}`;
    const count = run < 0 ? Math.ceil(events / 10) : events;
    const finished = collect(nc, 'runs.finished.>', count, resultOf(prefix));
    const started = performance.now();
    await pipelined(count, (i) => emitter.invoiceCreated(`${prefix}-${i}`));
    return Math.round((count / ((await finished) - started)) * 1000);
  };
  const rawThroughput = async (run) => {
    const count = run < 0 ? Math.ceil(events / 10) : events;
    const subject = `BENCH.t${run}.invoice.created`;
    const envelopes = Array.from({ length: count }, (_, i) => emitter.envelope(`raw${run}-${i}`));
    const { done } = await raw.consume(subject, count);
    const started = performance.now();
    await pipelined(count, (i) => raw.js.publish(subject, envelopes[i], { msgID: `raw${run}-${i}` }));
    return Math.round((count / ((await done) - started)) * 1000);
  };
  // Event → execution finished at a steady rate: send time per event id, arrival of its result.
  const latency = (rate) => async (run) => {
    const prefix = `l${rate}r${run}`;
    const sent = new Map();
    const samples = [];
    const count = Math.round(rate * seconds);
    const finished = collect(nc, 'runs.finished.>', count, resultOf(prefix), (msg, at) =>
      samples.push(at - sent.get(eventId(msg))),
    );
    await paced(rate, seconds, (i) => {
      sent.set(`${prefix}-${i}`, performance.now());
      return emitter.invoiceCreated(`${prefix}-${i}`);
    });
    await finished;
    return latencies(samples);
  };
  const rawLatency = (rate) => async (run) => {
    const subject = `BENCH.l${rate}r${run}.invoice.created`;
    const sent = new Map();
    const samples = [];
    const count = Math.round(rate * seconds);
    const { done } = await raw.consume(subject, count, (msg, at) =>
      samples.push(at - sent.get(msg.headers.get('Nats-Msg-Id'))),
    );
    await paced(rate, seconds, (i) => {
      const id = `rawl${rate}r${run}-${i}`;
      sent.set(id, performance.now());
      return raw.js.publish(subject, emitter.envelope(id), { msgID: id });
    });
    await done;
    return latencies(samples);
  };

  console.log(
    `event pipeline: ${events} events × ${settings.runs} runs, latency at ${settings.rate}/s and ${settings['light-rate']}/s for ${seconds} s`,
  );
  const ours = await repeat({ warmup: 1, runs: settings.runs }, throughput, 'pipeline events/s');
  const baseline = await repeat({ warmup: 1, runs: settings.runs }, rawThroughput, 'raw JetStream msgs/s');
  const latencyRows = [];
  for (const rate of [settings.rate, settings['light-rate']]) {
    const oursLatency = await repeat(
      { warmup: 0, runs: settings.runs },
      latency(rate),
      `pipeline latency at ${rate}/s`,
    );
    const rawLatencies = await repeat(
      { warmup: 0, runs: settings.runs },
      rawLatency(rate),
      `raw latency at ${rate}/s`,
    );
    const p99 = spread(oursLatency.map((l) => l.p99));
    const target = rate === settings.rate ? { target: 'p99 < 50 ms', met: p99.median < 50 } : {};
    latencyRows.push(
      row({
        name: 'event pipeline',
        metric: `latency p50 at ${rate}/s`,
        unit: 'ms',
        ours: spread(oursLatency.map((l) => l.p50)),
        baseline: spread(rawLatencies.map((l) => l.p50)),
      }),
      row({
        name: 'event pipeline',
        metric: `latency p99 at ${rate}/s`,
        unit: 'ms',
        ours: p99,
        baseline: spread(rawLatencies.map((l) => l.p99)),
        ...target,
        details: { ours: oursLatency, baseline: rawLatencies },
      }),
    );
  }

  if (failed > 0) console.log(`  ${failed} executions did not succeed`);
  const ratio = spread(ours).median / spread(baseline).median;
  report(
    'event-pipeline',
    [
      row({
        name: 'event pipeline',
        metric: `events/s, ${events.toLocaleString('en')} to persisted`,
        unit: '1/s',
        ours: spread(ours),
        baseline: spread(baseline),
        target: '≥ 0.5',
        met: ratio >= 0.5,
        note: failed > 0 ? `${failed} executions did not succeed` : '',
        details: { failed_runs: failed },
      }),
      ...latencyRows,
    ],
    settings,
  );
} finally {
  await nc.close();
  await gateway.stop();
  await runner.stop();
  await nats.stop();
  rmSync(dir, { recursive: true, force: true });
}
