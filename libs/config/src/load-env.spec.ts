import { z } from 'zod';
import { envVariable } from './env-variable.js';
import { ConfigError, describeEnv, envValidator, loadEnv, redactEnv } from './load-env.js';
import { platformEnvSchema } from './platform-env.js';

const schema = platformEnvSchema({ service: 'scheduler', port: 3002 });

function configErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('platformEnvSchema with loadEnv', () => {
  it('applies the defaults of DESIGN.md when nothing is set (an empty value counts as unset)', () => {
    expect(loadEnv(schema, { LOG_LEVEL: '' })).toEqual({
      NATS_URL: ['nats://127.0.0.1:4222'],
      DATABASE_URL: 'sqlite:data/scheduler.sqlite',
      PORT: 3002,
      API_KEYS: [],
      LOG_LEVEL: 'info',
      NATS_REPLICAS: 1,
    });
  });

  it('parses every variable given in range', () => {
    expect(
      loadEnv(schema, {
        NATS_URL: 'nats://a:4222, nats://b:4222',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/triggerline',
        PORT: '8080',
        API_KEYS: 'key-aaaaaaaaaaaaaaaa,key-bbbbbbbbbbbbbbbb',
        LOG_LEVEL: 'debug',
        NATS_REPLICAS: '3',
        UNRELATED: 'ignored',
      }),
    ).toEqual({
      NATS_URL: ['nats://a:4222', 'nats://b:4222'],
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/triggerline',
      PORT: 8080,
      API_KEYS: ['key-aaaaaaaaaaaaaaaa', 'key-bbbbbbbbbbbbbbbb'],
      LOG_LEVEL: 'debug',
      NATS_REPLICAS: 3,
    });
  });

  it.each([
    [
      'NATS_URL',
      'localhost:4222',
      'NATS_URL: must be nats://host:port or tls://host:port (got "localhost:4222")',
    ],
    [
      'NATS_URL',
      'nats://a:4222,ws://b:80',
      'NATS_URL: must be nats://host:port or tls://host:port (got "nats://a:4222,ws://b:80")',
    ],
    [
      'DATABASE_URL',
      'mysql://db',
      'DATABASE_URL: must be sqlite:<path> or a postgres:// URL (got "mysql://db")',
    ],
    ['PORT', 'http', 'PORT: must be a port number from 1 to 65535 (got "http")'],
    ['PORT', '80.5', 'PORT: must be a port number from 1 to 65535 (got "80.5")'],
    ['PORT', '70000', 'PORT: must be a port number from 1 to 65535 (got "70000")'],
    ['PORT', '1e3', 'PORT: must be a port number from 1 to 65535 (got "1e3")'],
    ['PORT', '0x50', 'PORT: must be a port number from 1 to 65535 (got "0x50")'],
    [
      'LOG_LEVEL',
      'verbose',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    ],
    ['NATS_REPLICAS', '2', 'NATS_REPLICAS: must be 1, 3 or 5 (got "2")'],
  ])('stops on a bad %s with a message naming it', (name, value, line) => {
    expect(configErrorOf(() => loadEnv(schema, { [name]: value }))).toBe(`Invalid environment:\n  ${line}`);
  });

  it('lists every bad variable at once and never prints a secret', () => {
    const message = configErrorOf(() =>
      loadEnv(schema, { PORT: '0', API_KEYS: 'short-secret', NATS_REPLICAS: '4' }),
    );

    expect(message.split('\n')).toEqual([
      'Invalid environment:',
      '  PORT: must be a port number from 1 to 65535 (got "0")',
      '  API_KEYS: each key must be at least 16 characters (got "***")',
      '  NATS_REPLICAS: must be 1, 3 or 5 (got "4")',
    ]);
    expect(message).not.toContain('short-secret');
  });

  it('never echoes the password of a URL in an error', () => {
    const message = configErrorOf(() => loadEnv(schema, { DATABASE_URL: 'mysql://root:s3cret@db/app' }));

    expect(message).toBe(
      'Invalid environment:\n  DATABASE_URL: must be sqlite:<path> or a postgres:// URL (got "mysql://root:***@db/app")',
    );
  });

  it('refuses API keys separated by spaces instead of commas', () => {
    expect(
      configErrorOf(() => loadEnv(schema, { API_KEYS: 'key-aaaaaaaaaaaaaaaa key-bbbbbbbbbbbbbbbb' })),
    ).toBe('Invalid environment:\n  API_KEYS: keys are separated by commas, not spaces (got "***")');
  });

  it('redacts secrets and URL passwords for logging', () => {
    const config = loadEnv(schema, {
      API_KEYS: 'key-aaaaaaaaaaaaaaaa',
      DATABASE_URL: 'postgres://app:pg-secret@db:5432/scheduler',
      NATS_URL: 'nats://a:4222,nats://svc:nats-secret@b:4222',
    });

    expect(redactEnv(schema, config)).toEqual({
      NATS_URL: ['nats://a:4222', 'nats://svc:***@b:4222'],
      DATABASE_URL: 'postgres://app:***@db:5432/scheduler',
      PORT: 3002,
      API_KEYS: '***',
      LOG_LEVEL: 'info',
      NATS_REPLICAS: 1,
    });
    expect(config.API_KEYS).toEqual(['key-aaaaaaaaaaaaaaaa']);
  });

  it('lets a service extend the schema with its own variables', () => {
    const gateway = platformEnvSchema({ service: 'event-gateway', port: 3001 }).extend({
      HISTORY_MAX_EVENTS: envVariable(z.coerce.number().int().positive(), {
        description: 'History rows kept',
      }).default(100_000),
    });
    expect(loadEnv(gateway, { HISTORY_MAX_EVENTS: '500' })).toMatchObject({
      HISTORY_MAX_EVENTS: 500,
      PORT: 3001,
    });
    expect(configErrorOf(() => loadEnv(gateway, { HISTORY_MAX_EVENTS: '-1' }))).toContain(
      'HISTORY_MAX_EVENTS:',
    );
  });

  it('validates in the shape ConfigModule.forRoot({ validate }) expects', () => {
    expect(envValidator(schema)({ PORT: 4000 })).toMatchObject({ PORT: 4000 });
    expect(() => envValidator(schema)({ PORT: 'x' })).toThrow(ConfigError);
  });

  it('describes every variable with its default, for docs and deployment checks', () => {
    expect(describeEnv(schema).map(({ name, default: value, secret }) => [name, value, secret])).toEqual([
      ['NATS_URL', ['nats://127.0.0.1:4222'], false],
      ['DATABASE_URL', 'sqlite:data/scheduler.sqlite', false],
      ['PORT', 3002, false],
      ['API_KEYS', [], true],
      ['LOG_LEVEL', 'info', false],
      ['NATS_REPLICAS', 1, false],
    ]);
    expect(describeEnv(schema).every((variable) => variable.description.length > 0)).toBe(true);
  });
});
