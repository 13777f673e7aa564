// `npm run bench`: every row of issue 8 one after the other (each on its own private nats-server,
// so none disturbs another), then the machine once and the table of all rows. Each benchmark's
// JSON is in bench/results/<name>.json. `--quick` shortens every row (a smoke test, not figures);
// `--only a,b` runs some rows.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib/processes.mjs';
import { flags, formatTable, machine, machineLine, readResult, resultsDir } from './lib/report.mjs';

const BENCHMARKS = {
  'event-pipeline': {
    file: 'event-pipeline/event-pipeline-bench.mjs',
    quick: ['--events', '2000', '--runs', '1', '--seconds', '2'],
  },
  'fan-out': { file: 'fan-out/fan-out-bench.mjs', quick: ['--requests', '2000', '--runs', '1'] },
  'webhook-ingress': { file: 'webhook-ingress/webhook-bench.mjs', quick: ['--seconds', '2', '--runs', '1'] },
  scheduler: { file: 'scheduler/scheduler-bench.mjs', quick: ['--jobs', '2000', '--seconds', '5'] },
  runner: { file: 'runner/runner-bench.mjs', quick: ['--runs-per-measure', '500', '--runs', '1'] },
};

const settings = flags({ quick: false, only: Object.keys(BENCHMARKS).join(',') });
const quick = settings.quick;
const names = settings.only.split(',');

const started = performance.now();
const failed = [];
const durations = {};
for (const name of names) {
  const { file, quick: short } = BENCHMARKS[name];
  rmSync(join(resultsDir, `${name}.json`), { force: true });
  console.log(`\n== ${name}`);
  const began = performance.now();
  const { status } = spawnSync('node', [join(root, 'bench', file), ...(quick ? short : [])], {
    stdio: 'inherit',
  });
  durations[name] = Math.round((performance.now() - began) / 1000);
  if (status !== 0) failed.push(name);
}

const rows = names.filter((name) => !failed.includes(name)).flatMap((name) => readResult(name).rows);
console.log(`\n${machineLine(machine())}\n${formatTable(rows)}`);
console.log(
  `\n${Math.round((performance.now() - started) / 1000)} s in all (${Object.entries(durations)
    .map(([name, s]) => `${name} ${s} s`)
    .join(', ')}); JSON in bench/results/`,
);
if (failed.length > 0) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exit(1);
}
