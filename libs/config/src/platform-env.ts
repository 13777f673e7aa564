import { z } from 'zod';
import { commaList, envVariable } from './env-variable.js';

const PORT_MESSAGE = 'must be a port number from 1 to 65535';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// The Node transport speaks nats:// and tls:// only; a ws:// URL would pass here and fail at connect.
const natsUrl = z
  .string()
  .regex(/^(nats|tls):\/\/[^\s,]+$/, { error: 'must be nats://host:port or tls://host:port' });

const databaseUrl = z
  .string()
  .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, { error: 'must be sqlite:<path> or a postgres:// URL' });

// Digits only: `z.coerce.number` would take "1e3" as 1000 and "0x50" as 80.
const port = z
  .string()
  .trim()
  .regex(/^\d+$/, { error: PORT_MESSAGE })
  .transform(Number)
  .pipe(z.number().min(1, { error: PORT_MESSAGE }).max(65_535, { error: PORT_MESSAGE }));

// A space-separated list would otherwise be accepted as one long key that matches nothing.
const apiKey = z
  .string()
  .min(16, { error: 'each key must be at least 16 characters' })
  .regex(/^\S+$/, { error: 'keys are separated by commas, not spaces' });

export interface ServiceDefaults {
  /** Names the default SQLite file: `data/<service>.sqlite`. */
  service: string;
  port: number;
}

/** The variables every service reads (DESIGN.md, Configuration); a service extends the object. */
export function platformEnvSchema({ service, port: defaultPort }: ServiceDefaults) {
  return z.object({
    NATS_URL: envVariable(
      commaList(natsUrl).refine((urls) => urls.length > 0, { error: 'must name a server' }),
      {
        description: 'NATS server URL(s), comma-separated',
      },
    ).default(['nats://127.0.0.1:4222']),
    DATABASE_URL: envVariable(databaseUrl, {
      description: '`sqlite:<path>` (relative to the working directory) or a `postgres://` URL',
    }).default(`sqlite:data/${service}.sqlite`),
    PORT: envVariable(port, { description: 'HTTP port' }).default(defaultPort),
    API_KEYS: envVariable(commaList(apiKey), {
      description:
        'API keys for `Authorization: Bearer <key>`, comma-separated; none means every management call answers 401',
      secret: true,
    }).default([]),
    LOG_LEVEL: envVariable(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }), {
      description: 'Log level',
    }).default('info'),
    NATS_REPLICAS: envVariable(
      z.enum(['1', '3', '5'], { error: 'must be 1, 3 or 5' }).transform((replicas) => Number(replicas)),
      { description: 'JetStream stream replicas: 1 on one server, 3 or 5 on a cluster' },
    ).default(1),
  });
}

export type PlatformEnv = z.infer<ReturnType<typeof platformEnvSchema>>;
