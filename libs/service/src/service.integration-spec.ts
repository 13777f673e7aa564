import { Body, Controller, Get, type INestApplication, Module, Param, Post } from '@nestjs/common';
import { NatsModule } from '@triggerline/messaging-nest';
import { freePort, type NatsTestServer, startNatsTestServer } from '@triggerline/testing';
import { Public } from './auth/public.decorator.js';
import { bootstrapService } from './bootstrap.js';
import { NotFoundError, ValidationFailedError } from './errors/domain-error.js';
import type { ErrorBody } from './errors/http-error.filter.js';
import { ServiceModule } from './service.module.js';

@Controller('things')
class ThingsController {
  @Get('public')
  @Public()
  open() {
    return { open: true };
  }

  @Get('broken')
  broken(): never {
    throw new Error('database password is hunter2');
  }

  @Get(':id')
  find(@Param('id') id: string) {
    if (id !== 'known') throw new NotFoundError('thing', id);
    return { id };
  }

  @Post()
  create(@Body() body: { name?: unknown }) {
    if (typeof body.name !== 'string')
      throw new ValidationFailedError([{ path: 'name', message: 'is required' }]);
    return { name: body.name };
  }
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe('a service built on ServiceModule and bootstrapService', () => {
  const apiKey = 'test-key-0123456789abcdef';
  let nats: NatsTestServer;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    nats = await startNatsTestServer();
    const port = await freePort();
    @Module({
      imports: [
        NatsModule.forRootAsync({
          useFactory: () => ({ servers: nats.url, name: 'service-spec', replicas: 1 }),
        }),
        ServiceModule.forRootAsync({
          useFactory: () => ({
            name: 'service-spec',
            apiKeys: [apiKey],
            logLevel: 'silent',
            database: false,
          }),
        }),
      ],
      controllers: [ThingsController],
    })
    class SpecModule {}
    app = await bootstrapService(SpecModule, {
      name: 'service-spec',
      description: 'spec',
      port,
      host: '127.0.0.1',
      bodyLimit: 1024,
      docsUi: false,
    });
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await app.close();
    await nats.dispose();
  });

  const call = (path: string, init: RequestInit = {}, key: string | null = apiKey) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...init.headers,
      },
    });

  it('answers 401 without the API key or with a wrong one, and serves with it', async () => {
    const missing = await call('/things/known', {}, null);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      error: { code: 'unauthorized', message: 'a valid API key is required: Authorization: Bearer <key>' },
    });
    expect((await call('/things/known', {}, 'wrong-key-0123456789abcdef')).status).toBe(401);
    const ok = await call('/things/known');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: 'known' });
  });

  it('leaves routes marked @Public, /health and /metrics open', async () => {
    expect((await call('/things/public', {}, null)).status).toBe(200);
    const health = await call('/health', {}, null);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', info: { nats: { status: 'up' } } });
    const metrics = await call('/metrics', {}, null);
    expect(await metrics.text()).toMatch(/^process_cpu_user_seconds_total\{service="service-spec"\} /m);
  });

  it('serves the OpenAPI document at /docs', async () => {
    const response = await call('/docs-json', {}, null);
    expect(response.status).toBe(200);
    expect(Object.keys((await json<{ paths: object }>(response)).paths)).toContain('/things/{id}');
  });

  it('maps domain errors to their status and stable code, naming the field', async () => {
    const missing = await call('/things/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'not_found', message: 'thing "nope" does not exist' },
    });

    const invalid = await call('/things', { method: 'POST', body: JSON.stringify({}) });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      error: {
        code: 'validation_failed',
        message: 'name is required',
        fields: [{ path: 'name', message: 'is required' }],
      },
    });
  });

  it('answers bad JSON with 400 and an oversized body with 413, in the same error shape', async () => {
    const badJson = await call('/things', { method: 'POST', body: '{"name":' });
    expect(badJson.status).toBe(400);
    expect((await json<ErrorBody>(badJson)).error.code).toBe('validation_failed');

    const tooLarge = await call('/things', {
      method: 'POST',
      body: JSON.stringify({ name: 'x'.repeat(2_000) }),
    });
    expect(tooLarge.status).toBe(413);
    expect((await json<ErrorBody>(tooLarge)).error.code).toBe('payload_too_large');
  });

  it('turns an unexpected error into a 500 with an error id and no internals', async () => {
    const response = await call('/things/broken');
    expect(response.status).toBe(500);
    const body = await json<ErrorBody>(response);
    expect(body.error).toEqual({
      code: 'internal_error',
      message: 'internal error; quote the error id when reporting it',
      error_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });
});
