// Row 4, scheduler: N jobs due every minute; fire lateness p50/p99/max, start-up time (to the first
// fire, and to every job armed) and resident memory of the built scheduler, on a private
// nats-server and a fresh SQLite file. Baseline: the time cron-parser alone needs to compute the
// same N next-fire times in this process.
//
//   node bench/scheduler/scheduler-bench.mjs [--jobs 10000,100000] [--seconds 20,15] [--runs 1]
//
// Half the jobs are cron `<i % 60> * * * * *` (once a minute at second i % 60, so ~N/120 of them
// share each whole second, as cron jobs do), half are 60 s intervals with anchors spread over the
// minute: N/60 fires a second in all. Lateness is `received - scheduled_time` at a subscriber on
// this machine: built by the leader, stored by JetStream and delivered, what a runner would see.
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { CronExpressionParser } from 'cron-parser';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { scratch, sleep, startNats, startService, waitFor } from '../lib/processes.mjs';
import { flags, latencies, report, row, spread } from '../lib/report.mjs';
import { pipelined, workflowUpserted } from '../lib/workloads.mjs';

const settings = flags({ jobs: '10000,100000', seconds: '20,15', runs: 1 });
const sizes = String(settings.jobs).split(',').map(Number);
const windows = String(settings.seconds).split(',').map(Number);

function jobs(count) {
  const base = Date.now() - 3_600_000;
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? {
          id: `wf_bench_${i}`,
          trigger: { type: 'schedule', schedule_type: 'cron', cron: `${i % 60} * * * * *` },
        }
      : // Interval anchors (created_at) spread over the minute, to the millisecond.
        {
          id: `wf_bench_${i}`,
          trigger: { type: 'schedule', schedule_type: 'interval', interval_seconds: 60 },
          createdAt: new Date(base + Math.floor((i * 60_000) / count)),
        },
  );
}

/** cron-parser alone: the next fire of every job from now, each expression parsed as a job's. */
function cronParserSeconds(list) {
  const started = performance.now();
  const now = new Date();
  let checksum = 0;
  for (const { trigger, createdAt } of list) {
    checksum +=
      trigger.schedule_type === 'cron'
        ? CronExpressionParser.parse(trigger.cron, { tz: 'UTC', currentDate: now, strict: false })
            .next()
            .getTime()
        : createdAt.getTime() + Math.ceil((now - createdAt) / 60_000) * 60_000;
  }
  if (!checksum) throw new Error('nothing computed');
  return (performance.now() - started) / 1000;
}

async function metric(url, name) {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

async function runOnce(list, seconds) {
  const nats = await startNats();
  const dir = scratch('scheduler');
  const nc = await connect({ servers: nats.url });
  let scheduler;
  try {
    // The workflows are on WORKFLOWS before the scheduler starts: start-up includes projecting them.
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'WORKFLOWS', subjects: ['workflows.>'], max_msgs_per_subject: 1 });
    await pipelined(list.length, (i) => {
      const { id, trigger, createdAt } = list[i];
      const { subject, data } = workflowUpserted(id, trigger, undefined, createdAt);
      return js.publish(subject, data);
    });

    const samples = [];
    let firstFire;
    let measuring = false;
    nc.subscribe('runs.requested.>', {
      callback: (_error, msg) => {
        const received = Date.now();
        firstFire ??= performance.now();
        const request = msg.json();
        if (!measuring || request.trigger?.trigger_type !== 'schedule' || request.trigger.catch_up) return;
        samples.push(received - Date.parse(request.trigger.scheduled_time));
      },
    });
    scheduler = await startService(
      'scheduler',
      {
        NATS_URL: nats.url,
        DATABASE_URL: `sqlite:${join(dir, 'scheduler.sqlite')}`,
        LEADER_LEASE_TTL_MS: '5000',
      },
      { startupTimeoutMs: 600_000 },
    );
    await waitFor(
      async () =>
        (await metric(scheduler.url, 'scheduler_leader')) === 1 &&
        (await metric(scheduler.url, 'scheduler_jobs_armed')) >= list.length,
      600_000,
      'every job armed',
    );
    const armed = (performance.now() - scheduler.startedAt) / 1000;
    await waitFor(() => firstFire, 30_000, 'the first fire');
    await sleep(3_000); // settle: the first batch of writes after the load
    measuring = true;
    await sleep(seconds * 1_000);
    measuring = false;
    return {
      first_fire_s: (firstFire - scheduler.startedAt) / 1000,
      armed_s: armed,
      lateness_ms: latencies(samples),
      rss_mib: Math.round((await metric(scheduler.url, 'process_resident_memory_bytes')) / 1024 / 1024),
      missed_slots: await metric(scheduler.url, 'scheduler_missed_slots_total'),
      publish_failures: await metric(scheduler.url, 'scheduler_publish_failures_total'),
    };
  } finally {
    await nc.close();
    await scheduler?.stop();
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [];
for (const [index, count] of sizes.entries()) {
  const seconds = windows[index] ?? windows.at(-1);
  const list = jobs(count);
  console.log(`scheduler: ${count} jobs, ${seconds} s measured × ${settings.runs} runs`);
  cronParserSeconds(list); // warm-up
  const baseline = spread(Array.from({ length: 3 }, () => cronParserSeconds(list)));
  const runs = [];
  for (let run = 0; run < settings.runs; run++) {
    runs.push(await runOnce(list, seconds));
    console.log(`  run ${run + 1}/${settings.runs}: ${JSON.stringify(runs.at(-1))}`);
  }
  const n = count.toLocaleString('en');
  const lateness = (key) => spread(runs.map((r) => r.lateness_ms[key]));
  rows.push(
    row({
      name: 'scheduler',
      metric: `${n} jobs: start-up to first fire`,
      unit: 's',
      ours: spread(runs.map((r) => r.first_fire_s)),
      baseline,
      note: `every job armed ${spread(runs.map((r) => r.armed_s)).median.toFixed(1)} s; RSS ${spread(runs.map((r) => r.rss_mib)).median} MiB`,
      details: runs,
    }),
    row({
      name: 'scheduler',
      metric: `${n} jobs: fire lateness p99 (${seconds} s window)`,
      unit: 'ms',
      ours: lateness('p99'),
      note: `p50 ${lateness('p50').median} ms, max ${lateness('max').median} ms, ${Math.round(count / 60)} fires/s`,
    }),
  );
}
report('scheduler', rows, settings);
