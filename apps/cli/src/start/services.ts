import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The four services, their default ports (DESIGN.md) and the colour of their log prefix. */
export const SERVICES = [
  { name: 'event-gateway', port: 3001, colour: 36 },
  { name: 'scheduler', port: 3002, colour: 35 },
  { name: 'webhook-ingress', port: 3003, colour: 33 },
  { name: 'workflow-runner', port: 3004, colour: 32 },
] as const;

export type ServiceSpec = (typeof SERVICES)[number];

// This file runs as dist/apps/cli/apps/cli/src/start/services.js: the workspace is seven folders up.
const workspaceRoot = fileURLToPath(new URL('../../../../../../../', import.meta.url));

export function builtMain(service: ServiceSpec['name']): string {
  return join(workspaceRoot, 'dist/apps', service, 'apps', service, 'src/main.js');
}
