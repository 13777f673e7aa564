// The top self-time functions of a `node --cpu-prof` profile, as quoted in bench/README.md:
//
//   BENCH_CPU_PROF=/tmp/prof node bench/<row>/<file>.mjs ...   (services run under --cpu-prof)
//   node bench/profile-top.mjs /tmp/prof/<service>-<port>.cpuprofile [--top 25] [--by package]
//
// `--by package` adds up self time per npm package (or our library/app, or node: internals).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { root } from './lib/processes.mjs';
import { flags } from './lib/report.mjs';

const { top, by } = flags({ top: 25, by: 'function' });
const file = process.argv[2];
const { nodes, samples, timeDeltas } = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(nodes.map((node) => [node.id, node]));
const self = new Map();
let total = 0;
samples.forEach((id, i) => {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const where = url ? `${relative(root, url.replace('file://', ''))}:${lineNumber + 1}` : '';
  const key =
    by === 'package' ? owner(where, functionName) : `${functionName || '(anonymous)'} ${where}`.trim();
  self.set(key, (self.get(key) ?? 0) + timeDeltas[i]);
  total += timeDeltas[i];
});
/** node_modules/<pkg> (with its scope), dist/.../libs|apps/<name>, node:internals, or the V8 bucket. */
function owner(where, functionName) {
  const pkg = where.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  const ours = where.match(/(libs|apps)\/([^/]+)\/src/);
  if (ours) return `${ours[1]}/${ours[2]}`;
  if (where.startsWith('node:')) return 'node internals';
  return functionName.startsWith('(') ? functionName : `native: ${functionName}`;
}

console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
for (const [key, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${((100 * micros) / total).toFixed(1).padStart(5)} %  ${key}`);
}
