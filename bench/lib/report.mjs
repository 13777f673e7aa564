// Statistics, the machine line, the results table and bench/results/<name>.json: one format for
// every row, so run-all.mjs can print them side by side.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { natsServerVersion, root } from './processes.mjs';

export const resultsDir = join(root, 'bench/results');

/** `--name value` flags (a number when the default is one), and `--name` alone for a boolean. */
export function flags(defaults) {
  const values = { ...defaults };
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith('--')) continue;
    const name = args[i].slice(2);
    if (!(name in defaults))
      throw new Error(`unknown flag --${name} (known: ${Object.keys(defaults).join(', ')})`);
    if (typeof defaults[name] === 'boolean') {
      values[name] = true;
      continue;
    }
    const raw = args[++i];
    values[name] = typeof defaults[name] === 'number' ? Number(raw) : raw;
  }
  return values;
}

export function machine() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    nats_server: natsServerVersion(),
    date: new Date().toISOString(),
  };
}

export const machineLine = (m) =>
  `${m.cpu}, ${m.cores} cores, Node ${m.node}, nats-server ${m.nats_server}, ${m.date.slice(0, 16).replace('T', ' ')} UTC`;

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** p50/p99/max of one set of samples (latencies in ms). */
export const latencies = (values) => ({
  count: values.length,
  p50: percentile(values, 50),
  p99: percentile(values, 99),
  max: percentile(values, 100),
});

/** Median and spread (min, max) of repeated runs. */
export const spread = (values) => ({
  median: percentile(values, 50),
  min: Math.min(...values),
  max: Math.max(...values),
  runs: values,
});

/** `warmup` unmeasured runs of `once(i)`, then `runs` measured ones; returns the measured results. */
export async function repeat({ warmup, runs }, once, label = '') {
  for (let i = 0; i < warmup; i++) await once(-1 - i);
  const results = [];
  for (let i = 0; i < runs; i++) {
    results.push(await once(i));
    if (label) console.log(`  ${label} run ${i + 1}/${runs}: ${JSON.stringify(results.at(-1))}`);
  }
  return results;
}

/**
 * One table row: `ours` and `baseline` are spreads of one metric in the same unit; `ratio` is
 * ours / baseline of the medians; `target` says which ratio (or figure) the issue asks for;
 * `note` carries the row's other figures (p50 and max beside a p99, memory, failures).
 */
export function row({ name, metric, unit, ours, baseline, target, met, note = '', details }) {
  const ratio = baseline ? ours.median / baseline.median : NaN;
  return { name, metric, unit, ours, baseline, ratio, target, met, note, details };
}

const fmt = (value) =>
  !Number.isFinite(value)
    ? '-'
    : Math.abs(value) >= 100
      ? Math.round(value).toLocaleString('en')
      : Number(value.toPrecision(3)).toString();
const cell = (s) =>
  !s ? '-' : s.min === s.max ? fmt(s.median) : `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;

export function formatTable(rows) {
  const lines = rows.map((r) => [
    r.name,
    `${r.metric} [${r.unit}]`,
    cell(r.ours),
    cell(r.baseline),
    Number.isFinite(r.ratio) ? r.ratio.toFixed(2) : '-',
    r.target ? `${r.target} ${r.met === undefined ? '' : r.met ? '(met)' : '(missed)'}`.trim() : '',
    r.note,
  ]);
  const header = [
    'row',
    'metric',
    'ours: median (min–max)',
    'baseline: median (min–max)',
    'ratio',
    'target',
    'note',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...lines.map(line)].join('\n');
}

/** Prints the rows and writes bench/results/<name>.json with the machine and every run. */
export function report(name, rows, settings) {
  const result = { name, machine: machine(), settings, rows };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${machineLine(result.machine)}\n${formatTable(rows)}\n`);
  return result;
}

export const readResult = (name) => JSON.parse(readFileSync(join(resultsDir, `${name}.json`), 'utf8'));
