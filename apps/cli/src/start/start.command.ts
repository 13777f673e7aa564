import { resolve } from 'node:path';
import { localApiKey } from './api-key.js';
import { natsForLocalRun } from './local-nats.js';
import { SupervisedService } from './service-supervisor.js';
import { SERVICES } from './services.js';

const START_TIMEOUT_MS = 60_000;

/**
 * `npm start`: the four services as separate processes on one machine, SQLite files and the API
 * key under ./data (TRIGGERLINE_DATA_DIR), NATS from NATS_URL or a local nats-server, ports from
 * 3001 (TRIGGERLINE_PORT_BASE). Ctrl-C stops them gracefully.
 */
export async function startCommand(env: NodeJS.ProcessEnv): Promise<number> {
  const dataDir = resolve(env.TRIGGERLINE_DATA_DIR ?? 'data');
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const nats = await natsForLocalRun(env.NATS_URL ?? 'nats://127.0.0.1:4222', dataDir, say);
  const apiKey = localApiKey(dataDir);
  const portBase = Number(env.TRIGGERLINE_PORT_BASE ?? SERVICES[0].port);
  const services = SERVICES.map(
    (spec) =>
      new SupervisedService(
        spec,
        {
          NATS_URL: nats.url,
          DATABASE_URL: `sqlite:${resolve(dataDir, `${spec.name}.sqlite`)}`,
          PORT: String(spec.port - SERVICES[0].port + portBase),
          API_KEYS: env.API_KEYS ?? apiKey.key,
          LOG_LEVEL: env.LOG_LEVEL ?? 'info',
        },
        say,
        process.stdout.isTTY === true,
      ),
  );

  let stopping: Promise<number> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      say('stopping the services...');
      const codes = await Promise.all(services.map((service) => service.stop()));
      nats.process?.kill('SIGTERM');
      say('stopped.');
      return codes.every((code) => code === 0) ? 0 : 1;
    })());
  let requestStop!: () => void;
  const stopRequested = new Promise<'stop'>((resolve) => (requestStop = () => resolve('stop')));
  process.once('SIGINT', () => requestStop());
  process.once('SIGTERM', () => requestStop());

  try {
    for (const service of services) service.start();
    await Promise.all(services.map((service) => service.waitUntilHealthy(START_TIMEOUT_MS)));
  } catch (error) {
    say(`start failed: ${(error as Error).message}`);
    await stopAll();
    return 1;
  }
  say('');
  say(`Triggerline is running (NATS ${nats.url}${nats.process ? ', started here' : ''}):`);
  for (const service of services)
    say(`  ${service.spec.name.padEnd(16)} ${service.url}   (API docs: ${service.url}/docs)`);
  say(
    apiKey.created ? `  API key (new, saved in ${apiKey.path}): ${apiKey.key}` : `  API key: ${apiKey.path}`,
  );
  say('Press Ctrl-C to stop.');

  // A service that dies on its own takes the others down with it: a half-running system misleads.
  const first = await Promise.race([
    ...services.map((service) => service.exited.then(() => service)),
    stopRequested,
  ]);
  if (first !== 'stop') {
    say(`${first.spec.name} exited unexpectedly`);
    await stopAll();
    return 1;
  }
  return stopAll();
}
