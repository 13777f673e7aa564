// Scheduler benchmark (issue 4): fire lateness p50/p99/max, start-up time and resident memory of
// the built scheduler with N jobs, on a private nats-server and a fresh SQLite file.
//
//   npx nx run scheduler:build && node bench/scheduler/scheduler-bench.mjs [jobs...] [--seconds 65]
//
// Half the jobs are cron `<s> * * * * *` (once a minute at second i % 60, so ~N/120 of them share
// each whole second, as cron jobs do), half are 60 s intervals whose anchors are spread over the
// minute. Lateness is measured twice per fire: `requested_at - scheduled_time` (the scheduler's own
// view, when it built the request) and `received - scheduled_time` (stored by JetStream and
// delivered to a subscriber on this machine).
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const builtMain = join(root, 'dist/apps/scheduler/apps/scheduler/src/main.js');
const args = process.argv.slice(2);
const secondsFlag = args.indexOf('--seconds');
const measureSeconds = secondsFlag >= 0 ? Number(args[secondsFlag + 1]) : 65;
const sizes = args.filter((arg, i) => /^\d+$/.test(arg) && i !== secondsFlag + 1).map(Number);
const jobCounts = sizes.length > 0 ? sizes : [10_000, 100_000];

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
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function startNats() {
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'bench-nats-'));
  const binary = existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server';
  const child = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], {
    stdio: 'ignore',
  });
  const url = `nats://127.0.0.1:${port}`;
  await waitFor(
    async () => (await connect({ servers: url })).close().then(() => true),
    10_000,
    'nats-server',
  );
  return { url, stop: () => (child.kill('SIGKILL'), rmSync(store, { recursive: true, force: true })) };
}

async function metrics(port) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (name) =>
    text
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  return { value };
}

function workflowMessages(count) {
  const base = Date.now() - 3_600_000;
  const created = new Date(base).toISOString();
  return Array.from({ length: count }, (_, i) => {
    const id = `wf_bench_${i}`;
    const trigger =
      i % 2 === 0
        ? { type: 'schedule', schedule_type: 'cron', cron: `${i % 60} * * * * *` }
        : { type: 'schedule', schedule_type: 'interval', interval_seconds: 60 };
    // Interval anchors spread over the minute, to the millisecond.
    const createdAt = i % 2 === 0 ? created : new Date(base + Math.floor((i * 60_000) / count)).toISOString();
    return {
      subject: `workflows.${id}`,
      data: JSON.stringify({
        kind: 'workflow.upserted',
        workflow: {
          id,
          name: id,
          status: 'active',
          trigger,
          steps: [{ id: 'noop', type: 'log' }],
          version: 1,
          created_at: createdAt,
          updated_at: createdAt,
        },
      }),
    };
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const fmt = (v) => `${v.toFixed(1)} ms`;
  return `p50 ${fmt(percentile(sorted, 50))}, p99 ${fmt(percentile(sorted, 99))}, max ${fmt(sorted.at(-1) ?? NaN)}`;
}

async function run(jobCount) {
  const nats = await startNats();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-sched-'));
  const nc = await connect({ servers: nats.url });
  const port = await freePort();
  let child;
  try {
    // Streams as the services provision them; the workflows are there before the scheduler starts.
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'WORKFLOWS', subjects: ['workflows.>'], max_msgs_per_subject: 1 });
    const js = jetstream(nc);
    const messages = workflowMessages(jobCount);
    for (let i = 0; i < messages.length; i += 1_000) {
      await Promise.all(messages.slice(i, i + 1_000).map(({ subject, data }) => js.publish(subject, data)));
    }

    const started = performance.now();
    child = spawn('node', [builtMain], {
      env: {
        ...process.env,
        NATS_URL: nats.url,
        DATABASE_URL: `sqlite:${join(dataDir, 'scheduler.sqlite')}`,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        LEADER_LEASE_TTL_MS: '5000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitFor(
      async () => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200,
      600_000,
      'health',
    );
    const listening = performance.now() - started;
    await waitFor(
      async () => {
        const m = await metrics(port);
        return m.value('scheduler_leader') === 1 && m.value('scheduler_jobs_armed') >= jobCount;
      },
      600_000,
      'every job armed',
    );
    const armed = performance.now() - started;

    const viewOfScheduler = [];
    const viewOfSubscriber = [];
    let measuring = false;
    const subscription = nc.subscribe('runs.requested.>', {
      callback: (_error, message) => {
        if (!measuring) return;
        const received = Date.now();
        const request = message.json();
        if (request.trigger?.trigger_type !== 'schedule' || request.trigger.catch_up) return;
        const scheduled = Date.parse(request.trigger.scheduled_time);
        viewOfScheduler.push(Date.parse(request.requested_at) - scheduled);
        viewOfSubscriber.push(received - scheduled);
      },
    });
    await sleep(3_000); // settle: first batch of DB writes after load
    measuring = true;
    await sleep(measureSeconds * 1_000);
    measuring = false;
    subscription.unsubscribe();
    const m = await metrics(port);
    const rss = m.value('process_resident_memory_bytes') / 1024 / 1024;

    console.log(
      `\n${jobCount.toLocaleString('en')} jobs (${measureSeconds} s measured, ${viewOfSubscriber.length} fires)`,
    );
    console.log(
      `  start-up: HTTP up in ${(listening / 1000).toFixed(1)} s, every job armed in ${(armed / 1000).toFixed(1)} s`,
    );
    console.log(`  lateness, scheduler's view (requested_at): ${summary(viewOfScheduler)}`);
    console.log(`  lateness, subscriber's view (stored + delivered): ${summary(viewOfSubscriber)}`);
    console.log(`  resident memory: ${rss.toFixed(0)} MiB`);
    console.log(
      `  missed slots: ${m.value('scheduler_missed_slots_total')}, publish failures: ${m.value('scheduler_publish_failures_total')}`,
    );
  } finally {
    child?.kill('SIGKILL');
    await nc.close();
    nats.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (!existsSync(builtMain)) {
  console.error(`build the scheduler first: npx nx run scheduler:build (${builtMain} is missing)`);
  process.exit(1);
}
for (const count of jobCounts) await run(count);
