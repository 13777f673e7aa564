import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeEnv, loadEnv } from '@triggerline/config';
import YAML from 'yaml';
import { z } from 'zod';
import { workspaceRoot } from './workspace-root.js';

// There is no Docker engine where the tests run: these checks read the compose files and the
// Dockerfiles and hold them against the workspace (apps, config schemas, paths).

const serviceApps = {
  'event-gateway': { schemaExport: 'gatewayEnvSchema', port: 3001 },
  scheduler: { schemaExport: 'schedulerEnvSchema', port: 3002 },
  'webhook-ingress': { schemaExport: 'ingressEnvSchema', port: 3003 },
  'workflow-runner': { schemaExport: 'runnerEnvSchema', port: 3004 },
} as const;
type ServiceApp = keyof typeof serviceApps;
const appNames = Object.keys(serviceApps) as ServiceApp[];

type EnvSchema = z.ZodObject<z.ZodRawShape>;

// Apps do not import apps, and a tool reaches an app's schema the way the app itself is run:
// by loading its module. The export is checked to be a zod object before it is used.
async function envSchemaOf(app: ServiceApp): Promise<EnvSchema> {
  const url = pathToFileURL(join(workspaceRoot, 'apps', app, 'src/env.schema.ts')).href;
  const module: Record<string, unknown> = await import(url);
  const schema = module[serviceApps[app].schemaExport];
  if (!(schema instanceof z.ZodObject))
    throw new Error(`${app}: no zod object ${serviceApps[app].schemaExport}`);
  return schema;
}

const record = z.record(z.string(), z.unknown());
const composeService = z.object({
  image: z.string().optional(),
  build: z.object({ context: z.string(), dockerfile: z.string() }).optional(),
  command: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  ports: z.array(z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  healthcheck: z.object({ test: z.array(z.string()) }).optional(),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
  deploy: z.object({ replicas: z.number() }).optional(),
});
type ComposeService = z.infer<typeof composeService>;
const composeFile = z.object({
  services: z.record(z.string(), composeService),
  volumes: record.or(z.record(z.string(), z.null())).optional(),
});
type ComposeFile = z.infer<typeof composeFile>;

// Compose's merge tags (`!override`, `!reset`) are not YAML core tags; the parser warns and keeps
// the value, which is what these checks need. Any other warning or error fails.
function readCompose(file: string): ComposeFile {
  const document = YAML.parseDocument(readFileSync(join(workspaceRoot, file), 'utf8'));
  expect(document.errors.map(String)).toEqual([]);
  const warnings = document.warnings
    .map(String)
    .filter((w) => !/tag !(override|reset) is unavailable/.test(w));
  expect(warnings).toEqual([]);
  const parsed: unknown = document.toJSON();
  return composeFile.parse(parsed);
}

/** `${NAME:-default}` becomes its default, `${NAME:?message}` and `${NAME}` a placeholder value. */
function interpolate(value: string, placeholders: Record<string, string>): string {
  return value.replace(
    /\$\{([A-Z_]+)(?::([-?])([^}]*))?\}/g,
    (_match, name: string, kind?: string, rest?: string) => {
      if (kind === '-' && rest !== undefined) return rest;
      const placeholder = placeholders[name];
      if (placeholder === undefined) throw new Error(`no placeholder for \${${name}}`);
      return placeholder;
    },
  );
}
const placeholders = { TRIGGERLINE_API_KEYS: 'a-key-of-sixteen-chars,another-key-of-16-chars' };

/** The base file with the cluster file laid over it the way `docker compose -f a -f b` merges. */
function merged(base: ComposeFile, override: ComposeFile): Record<string, ComposeService> {
  const services: Record<string, ComposeService> = { ...base.services };
  for (const [name, over] of Object.entries(override.services)) {
    const under = services[name] ?? {};
    services[name] = {
      ...under,
      ...over,
      environment: { ...under.environment, ...over.environment },
      depends_on: { ...under.depends_on, ...over.depends_on },
    };
  }
  return services;
}

const base = readCompose('docker-compose.yml');
const cluster = readCompose('docker-compose.cluster.yml');
const setups = [
  ['docker-compose.yml', base.services],
  ['docker-compose.yml + docker-compose.cluster.yml', merged(base, cluster)],
] as const;

describe('docker-compose files', () => {
  it('have a service for every service app, and nothing else besides NATS and PostgreSQL', () => {
    const apps = readdirSync(join(workspaceRoot, 'apps')).filter((app) =>
      existsSync(join(workspaceRoot, 'apps', app, 'src/env.schema.ts')),
    );
    expect(apps.sort()).toEqual([...appNames].sort());
    expect(Object.keys(base.services).sort()).toEqual([...appNames, 'nats', 'postgres'].sort());
    expect(Object.keys(cluster.services).sort()).toEqual([...appNames, 'nats', 'nats-2', 'nats-3'].sort());
  });

  it.each(appNames)('build %s from the repository root with its own Dockerfile', (app) => {
    const build = base.services[app].build;
    expect(build).toEqual({ context: '.', dockerfile: `apps/${app}/Dockerfile` });
    expect(existsSync(join(workspaceRoot, build?.context ?? 'missing', build?.dockerfile ?? 'missing'))).toBe(
      true,
    );
    expect(base.services[app].ports).toEqual([`${serviceApps[app].port}:${serviceApps[app].port}`]);
  });

  it('mount only files that exist', () => {
    for (const service of [...Object.values(base.services), ...Object.values(cluster.services)]) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0];
        if (source.startsWith('.')) expect(existsSync(join(workspaceRoot, source))).toBe(true);
        else expect({ ...base.volumes, ...cluster.volumes }).toHaveProperty([source]);
      }
    }
  });

  describe.each(setups)('%s', (_name, services) => {
    it.each(appNames)(
      'sets for %s only variables its config schema knows, with valid values',
      async (app) => {
        const schema = await envSchemaOf(app);
        const known = describeEnv(schema).map((variable) => variable.name);
        const environment = services[app].environment ?? {};
        const unknown = Object.keys(environment).filter((name) => !known.includes(name));
        expect(unknown).toEqual([]);
        const values = Object.fromEntries(
          Object.entries(environment).map(([name, value]) => [
            name,
            interpolate(String(value), placeholders),
          ]),
        );
        expect(() => loadEnv(schema, values)).not.toThrow();
        expect(String(environment.API_KEYS)).toMatch(/^\$\{TRIGGERLINE_API_KEYS:\?[^}]+\}$/);
        expect(String(environment.DATABASE_URL)).toMatch(/^postgres:\/\/.*@postgres:5432\//);
      },
    );

    it('gives every service a health check, and starts the apps only after healthy dependencies', () => {
      for (const [name, service] of Object.entries(services)) {
        const healthcheck = service.healthcheck ?? (name in serviceApps ? 'in the Dockerfile' : undefined);
        expect({ name, healthcheck }).toEqual({ name, healthcheck: expect.anything() });
      }
      for (const app of appNames) {
        const dependsOn = services[app].depends_on ?? {};
        const natsNodes = Object.keys(services).filter((name) => name.startsWith('nats'));
        expect(Object.keys(dependsOn).sort()).toEqual([...natsNodes, 'postgres'].sort());
        for (const dependency of Object.values(dependsOn))
          expect(dependency.condition).toBe('service_healthy');
      }
    });

    it('points every app at every NATS node, with one database per service', () => {
      const natsNodes = Object.keys(services).filter((name) => name.startsWith('nats'));
      const databases = appNames.map((app) =>
        String(services[app].environment?.DATABASE_URL).split('/').pop(),
      );
      expect(new Set(databases).size).toBe(appNames.length);
      const init = readFileSync(join(workspaceRoot, 'deploy/postgres/init-databases.sql'), 'utf8');
      for (const database of databases) expect(init).toContain(`CREATE DATABASE ${database};`);
      for (const app of appNames) {
        const urls = String(services[app].environment?.NATS_URL).split(',');
        expect(urls).toHaveLength(natsNodes.length);
        expect(services[app].environment?.NATS_REPLICAS).toBe(natsNodes.length === 1 ? '1' : '3');
      }
    });
  });

  it('run NATS with JetStream on a volume and a monitoring port to check health', () => {
    const command = base.services.nats.command ?? [];
    expect(command).toEqual(expect.arrayContaining(['-js', '-sd', '/data', '-m', '8222']));
    expect(base.services.nats.healthcheck?.test.join(' ')).toContain('http://127.0.0.1:8222/healthz');
    expect(base.services.postgres.healthcheck?.test).toContain('pg_isready');
  });

  it('cluster three JetStream NATS nodes routed to each other, and run two replicas of each app', () => {
    const routes = 'nats://nats-1:6222,nats://nats-2:6222,nats://nats-3:6222';
    for (const [node, name] of [
      ['nats', 'nats-1'],
      ['nats-2', 'nats-2'],
      ['nats-3', 'nats-3'],
    ] as const) {
      const command = cluster.services[node].command ?? [];
      expect(command).toEqual(expect.arrayContaining(['-js', '-sd', '/data', '--routes', routes]));
      expect(command[command.indexOf('--server_name') + 1]).toBe(name);
      expect(command).toContain('--cluster_name');
    }
    for (const app of appNames) {
      expect(cluster.services[app].deploy?.replicas).toBe(2);
      expect(cluster.services[app].environment?.NATS_URL).toBe(
        'nats://nats-1:4222,nats://nats-2:4222,nats://nats-3:4222',
      );
    }
  });
});

describe.each(appNames)('apps/%s/Dockerfile', (app) => {
  const dockerfile = readFileSync(join(workspaceRoot, 'apps', app, 'Dockerfile'), 'utf8').replace(
    /\\\n/g,
    ' ',
  );
  const lines = dockerfile.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const stages: { from: string; name: string; lines: string[] }[] = [];
  for (const line of lines) {
    const from = /^FROM (\S+) AS (\S+)$/.exec(line);
    if (from) stages.push({ from: from[1], name: from[2], lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  const stage = (name: string) => stages.find((s) => s.name === name)?.lines ?? [];

  it('builds the app, then production dependencies, then a runtime stage', () => {
    expect(stages.map((s) => [s.name, s.from])).toEqual([
      ['build', 'node:20-bookworm-slim'],
      ['prod-deps', 'node:20-bookworm-slim'],
      ['runtime', 'node:20-bookworm-slim'],
    ]);
    expect(stage('build')).toContain(`RUN npx nx run ${app}:build`);
    expect(stage('build').join('\n')).toMatch(/python3 make g\+\+/);
    expect(stage('prod-deps').join('\n')).toMatch(/^RUN npm ci --omit=dev\b/m);
  });

  it('runs as the node user with only the built app, production node_modules and package.json', () => {
    const runtime = stage('runtime');
    expect(
      runtime.filter((line) => line.startsWith('COPY')).map((line) => line.replace(/--chown=\S+ /, '')),
    ).toEqual([
      'COPY --from=prod-deps /app/node_modules ./node_modules',
      'COPY package.json ./',
      `COPY --from=build /app/dist/apps/${app} ./dist/apps/${app}`,
    ]);
    expect(runtime).toContain('USER node');
    expect(runtime).toContain(`EXPOSE ${serviceApps[app].port}`);
  });

  it('checks /health/live and starts the built entry point', () => {
    const runtime = stage('runtime');
    const healthcheck = runtime.find((line) => line.startsWith('HEALTHCHECK')) ?? '';
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*fetch\(.*\/health\/live/);
    const cmd = runtime.at(-1) ?? '';
    expect(cmd).toBe(`CMD ["node", "dist/apps/${app}/apps/${app}/src/main.js"]`);
    expect(existsSync(join(workspaceRoot, 'apps', app, 'src/main.ts'))).toBe(true);
    const tsconfig = readFileSync(join(workspaceRoot, 'apps', app, 'tsconfig.app.json'), 'utf8');
    expect(tsconfig).toContain(`dist/apps/${app}`);
  });
});

describe('.dockerignore', () => {
  it('keeps local state and build output out of the build context', () => {
    const ignored = readFileSync(join(workspaceRoot, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(
      expect.arrayContaining(['node_modules', 'dist', 'data', '.nx', '.git', 'coverage', 'tmp']),
    );
  });
});
