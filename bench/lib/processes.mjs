// What every benchmark starts: a private nats-server, the built services, helper scripts and a
// fresh PostgreSQL database, each stopped again by the benchmark that started it.
import { connect } from '@nats-io/transport-node';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const natsBinary =
  process.env.NATS_SERVER_BIN ??
  (existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server');
export const API_KEY = 'bench-api-key-0123456789';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns something truthy (which is returned); errors count as "not yet". */
export async function waitFor(check, timeoutMs, what) {
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

/** A scratch directory removed by `stop()` of whatever was started in it. */
export const scratch = (prefix) => mkdtempSync(join(tmpdir(), `bench-${prefix}-`));

function startProcess(command, args, env, stderr) {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', stderr],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    child,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    /** SIGTERM (a service shuts down gracefully, and writes its --cpu-prof), SIGKILL after 10 s. */
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** `nats-server -js` on a free loopback port with its own store: the machine's NATS is never touched. */
export async function startNats() {
  const port = await freePort();
  const store = scratch('nats');
  const server = startProcess(
    natsBinary,
    ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store],
    {},
    'ignore',
  );
  const url = `nats://127.0.0.1:${port}`;
  await waitFor(
    async () => (await connect({ servers: url })).close().then(() => true),
    10_000,
    'nats-server',
  );
  return {
    url,
    stop: async () => {
      await server.stop();
      rmSync(store, { recursive: true, force: true });
    },
  };
}

export const builtMain = (service) => join(root, 'dist/apps', service, 'apps', service, 'src/main.js');

/**
 * One built service as its own process, as in production. With BENCH_CPU_PROF=<dir> it runs under
 * `node --cpu-prof`, and the profile is written to <dir> when it stops.
 */
export async function startService(service, env, { startupTimeoutMs = 120_000 } = {}) {
  const main = builtMain(service);
  if (!existsSync(main)) throw new Error(`${main} is missing: build first (npm run bench builds it)`);
  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROF;
  if (profile) mkdirSync(profile, { recursive: true });
  const flags = profile
    ? ['--cpu-prof', '--cpu-prof-dir', profile, '--cpu-prof-name', `${service}-${port}.cpuprofile`]
    : [];
  const started = performance.now();
  const child = startProcess(
    'node',
    [...flags, main],
    { PORT: String(port), API_KEYS: API_KEY, LOG_LEVEL: 'warn', ...env },
    'inherit',
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exited()) throw new Error(`${service} exited during start-up`);
      return (await fetch(`${url}/health`)).status === 200;
    },
    startupTimeoutMs,
    `${service} /health`,
  ).catch(async (error) => {
    await child.stop();
    throw error;
  });
  return { ...child, url, port, startedAt: started };
}

/** A plain Node script (a baseline server) as its own process. */
export function startScript(path, args) {
  return startProcess('node', [path, ...args], {}, 'inherit');
}

/** JSON over HTTP with the benchmark's API key; throws on a status of 400 or more. */
export async function api(base, path, body) {
  const response = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${API_KEY}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh PostgreSQL database on the machine's server, dropped by `drop()`. */
export async function freshPostgres(prefix) {
  const name = `bench_${prefix}_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export function natsServerVersion() {
  try {
    return execFileSync(natsBinary, ['--version'], { encoding: 'utf8' })
      .trim()
      .replace(/^nats-server:\s*/, '');
  } catch {
    return 'unknown';
  }
}
