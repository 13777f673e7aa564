import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SERVICES, type ServiceSpec } from '../start/services.js';

export type ServiceName = ServiceSpec['name'];

/** The variable that points the CLI at one service somewhere else than this machine. */
export const URL_VARIABLES: Record<ServiceName, string> = {
  'event-gateway': 'TRIGGERLINE_GATEWAY_URL',
  scheduler: 'TRIGGERLINE_SCHEDULER_URL',
  'webhook-ingress': 'TRIGGERLINE_WEBHOOKS_URL',
  'workflow-runner': 'TRIGGERLINE_RUNNER_URL',
};

export interface CliConfig {
  urls: Record<ServiceName, string>;
  /** Read when a request needs it, so commands that need none work without a key. */
  apiKey: () => string;
}

/**
 * Where the services are and the key to use: the variables when set, else what `npm start` uses
 * on this machine (ports from TRIGGERLINE_PORT_BASE, the key it wrote under TRIGGERLINE_DATA_DIR).
 */
export function cliConfig(env: NodeJS.ProcessEnv): CliConfig {
  const portBase = Number(env.TRIGGERLINE_PORT_BASE ?? SERVICES[0].port);
  const urls = Object.fromEntries(
    SERVICES.map((spec, index) => [
      spec.name,
      (env[URL_VARIABLES[spec.name]] ?? `http://127.0.0.1:${portBase + index}`).replace(/\/+$/, ''),
    ]),
  ) as Record<ServiceName, string>;
  return { urls, apiKey: () => apiKeyFrom(env) };
}

function apiKeyFrom(env: NodeJS.ProcessEnv): string {
  if (env.TRIGGERLINE_API_KEY) return env.TRIGGERLINE_API_KEY;
  const path = join(resolve(env.TRIGGERLINE_DATA_DIR ?? 'data'), 'api-key');
  if (!existsSync(path)) {
    throw new Error(
      `no API key: set TRIGGERLINE_API_KEY, or run \`npm start\` here once (it writes ${path})`,
    );
  }
  return readFileSync(path, 'utf8').trim();
}
