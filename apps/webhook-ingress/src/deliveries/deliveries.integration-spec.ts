import { expectEventually, TEST_DATABASE_KINDS } from '@triggerline/testing';
import { createHmac, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { DeliveryRecordsService } from './delivery-records.service.js';
import { type Ingress, startIngress, type TriggerView } from '../../test/ingress.harness.js';

const hex = (key: string, payload: string) => createHmac('sha256', key).update(payload).digest('hex');
const unixNow = (offsetSeconds = 0) => Math.floor(Date.now() / 1000) + offsetSeconds;

/** Headers of a Standard Webhooks delivery, signed by the package itself. */
function standardHeaders(
  secret: string,
  body: string,
  { id = `msg_${randomUUID()}`, offsetSeconds = 0 } = {},
) {
  const timestamp = unixNow(offsetSeconds);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': new Webhook(secret).sign(id, new Date(timestamp * 1000), body),
  };
}

describe.each(TEST_DATABASE_KINDS)('webhook deliveries on %s', (kind) => {
  let ingress: Ingress;
  let standard: TriggerView;

  const post = (path: string, body: string | Buffer, headers: Record<string, string>) =>
    fetch(`${ingress.base}${path}`, { method: 'POST', body, headers });

  beforeAll(async () => {
    ingress = await startIngress(kind);
    await ingress.publishWorkflow('wf_std', { type: 'webhook' });
    standard = await ingress.triggerOf('wf_std');
  });
  afterAll(() => ingress.close());

  it('accepts a delivery signed by the standardwebhooks package once, and a repeat as a duplicate', async () => {
    const body = JSON.stringify({ order: 5, note: 'first' });
    const headers = {
      ...standardHeaders(standard.secret, body),
      authorization: 'Basic x',
      'x-partner': 'acme',
    };

    const first = await post(standard.path, body, headers);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ delivery_id: headers['webhook-id'], duplicate: false });
    const again = await post(standard.path, body, headers);
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ delivery_id: headers['webhook-id'], duplicate: true });

    const requests = await ingress.runRequests('wf_std');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      idempotency_key: `wh:${standard.id}:${headers['webhook-id']}`,
      workflow_id: 'wf_std',
      input: { order: 5, note: 'first' },
      trigger: {
        trigger_type: 'webhook',
        webhook_id: standard.id,
        delivery_id: headers['webhook-id'],
        headers: expect.objectContaining({ 'x-partner': 'acme', 'webhook-id': headers['webhook-id'] }),
      },
    });
    expect(requests[0].trigger).toHaveProperty('received_at');
    const forwarded = Object.keys((requests[0].trigger as { headers: Record<string, string> }).headers);
    expect(forwarded).not.toEqual(expect.arrayContaining(['authorization']));
    expect(forwarded).not.toContain('webhook-signature');

    await expectEventually(async () => {
      const shown = (await (await ingress.api(`/webhook-triggers/${standard.id}`)).json()) as TriggerView;
      expect(shown).toMatchObject({ trigger_count: 1 });
      expect(shown.last_triggered_at).not.toBeNull();
    });
  });

  it('answers a repeat older than JetStream duplicate window as a duplicate too, and publishes nothing', async () => {
    await ingress.publishWorkflow('wf_late', { type: 'webhook' });
    const trigger = await ingress.triggerOf('wf_late');
    const body = '{"late":true}';
    const headers = standardHeaders(trigger.secret, body);
    expect((await post(trigger.path, body, headers)).status).toBe(202);
    await expectEventually(async () => {
      const records = await (await ingress.api(`/webhook-triggers/${trigger.id}/deliveries`)).json();
      expect(records).toContainEqual(expect.objectContaining({ status: 202 }));
    });

    await ingress.resetRunsStream();
    const late = await post(trigger.path, body, headers);
    expect(late.status).toBe(202);
    expect(await late.json()).toEqual({ delivery_id: headers['webhook-id'], duplicate: true });
    expect(await ingress.runRequests('wf_late')).toEqual([]);
  });

  it('refuses a wrong signature, a body altered by one byte, a timestamp 301 s old or ahead and a missing header, alike', async () => {
    await ingress.publishWorkflow('wf_refused', { type: 'webhook' });
    const trigger = await ingress.triggerOf('wf_refused');
    const body = '{"amount":100}';
    const good = standardHeaders(trigger.secret, body);
    const { 'webhook-signature': _signature, ...unsigned } = good;
    const attempts: [string, Record<string, string>][] = [
      [body, standardHeaders('whsec_' + Buffer.from('another secret!!').toString('base64'), body)],
      ['{"amount":101}', good],
      [body, standardHeaders(trigger.secret, body, { offsetSeconds: -301 })],
      [body, standardHeaders(trigger.secret, body, { offsetSeconds: 301 })],
      [body, unsigned],
    ];
    const answers = [];
    for (const [sent, headers] of attempts) {
      const response = await post(trigger.path, sent, headers);
      answers.push({ status: response.status, body: await response.json() });
    }
    expect(answers).toEqual(
      attempts.map(() => ({
        status: 401,
        body: {
          error: { code: 'unauthorized', message: 'the webhook signature is missing or does not verify' },
        },
      })),
    );
    expect(await ingress.runRequests('wf_refused')).toEqual([]);

    const records = await expectEventually(async () => {
      const response = await ingress.api(`/webhook-triggers/${trigger.id}/deliveries`);
      const list = (await response.json()) as { rejection_reason: string; headers: Record<string, string> }[];
      expect(list).toHaveLength(5);
      return list;
    });
    expect(records.map((r) => r.rejection_reason).sort()).toEqual([
      'bad_signature',
      'bad_signature',
      'missing_signature',
      'stale_timestamp',
      'stale_timestamp',
    ]);
    expect(records.find((r) => r.headers['webhook-signature'])?.headers['webhook-signature']).toBe(
      '[redacted]',
    );
  });

  it("verifies GitHub's published vector, a Stripe header built as Stripe documents, and the seed's sha256=<hex>", async () => {
    await ingress.publishWorkflow('wf_gh', { type: 'webhook', path: 'github/push', scheme: 'github' });
    await ingress.publishWorkflow('wf_stripe', { type: 'webhook', path: 'billing/stripe', scheme: 'stripe' });
    await ingress.publishWorkflow('wf_seed', { type: 'webhook', scheme: 'hmac-sha256' });
    const github = await ingress.triggerOf('wf_gh');
    const stripe = await ingress.triggerOf('wf_stripe');
    const seed = await ingress.triggerOf('wf_seed');
    expect(github.path).toBe('/webhooks/github/push');
    expect(github.url).toBe('https://hooks.example.com/webhooks/github/push');

    // GitHub lets the user type the secret; take the one of its documentation.
    const set = await ingress.api(`/webhook-triggers/${github.id}/regenerate-secret`, {
      method: 'POST',
      body: { secret: "It's a Secret to Everybody", grace_period_seconds: 0 },
    });
    expect(set.status).toBe(200);
    const fromGithub = await post(github.path, 'Hello, World!', {
      'content-type': 'text/plain',
      'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    });
    expect(fromGithub.status).toBe(202);
    expect(await fromGithub.json()).toEqual({
      delivery_id: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      duplicate: false,
    });

    const event = JSON.stringify({ id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy', type: 'invoice.paid' });
    const t = unixNow();
    const fromStripe = await post(stripe.path, event, {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': `t=${t},v1=${hex(stripe.secret, `${t}.${event}`)},v0=${hex('test', event)}`,
    });
    expect(fromStripe.status).toBe(202);
    expect(await fromStripe.json()).toEqual({
      delivery_id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy',
      duplicate: false,
    });

    const form = 'customer=c_1&items=a&items=b';
    const fromSeed = await post(seed.path, form, {
      'content-type': 'application/x-www-form-urlencoded',
      'x-signature': `sha256=${hex(seed.secret, form)}`,
    });
    expect(fromSeed.status).toBe(202);

    expect((await ingress.runRequests('wf_gh'))[0].input).toEqual({ body: 'Hello, World!' });
    expect((await ingress.runRequests('wf_stripe'))[0].input).toEqual({
      id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy',
      type: 'invoice.paid',
    });
    expect(await ingress.runRequests('wf_seed')).toEqual([
      expect.objectContaining({ input: { customer: 'c_1', items: ['a', 'b'] } }),
    ]);
  });

  it('keeps the old secret valid after regenerate-secret until the grace period ends, then only the new one', async () => {
    await ingress.publishWorkflow('wf_rotate', { type: 'webhook' });
    const before = await ingress.triggerOf('wf_rotate');
    const response = await ingress.api(`/webhook-triggers/${before.id}/regenerate-secret`, {
      method: 'POST',
      body: { grace_period_seconds: 2 },
    });
    expect(response.status).toBe(200);
    const { secret } = (await response.json()) as { secret: string };
    expect(secret).not.toBe(before.secret);
    const deliver = (key: string) => {
      const body = `{"at":"${randomUUID()}"}`;
      return post(before.path, body, standardHeaders(key, body)).then((r) => r.status);
    };

    expect(await deliver(before.secret)).toBe(202);
    expect(await deliver(secret)).toBe(202);
    const after = await ingress.triggerOf('wf_rotate');
    expect(after.secret).toBe(secret);
    expect(after.previous_secrets).toHaveLength(1);

    await expectEventually(async () => expect(await deliver(before.secret)).toBe(401));
    expect(await deliver(secret)).toBe(202);
  });

  it('answers 413 to a 2 MiB body, 405 to GET, 404 to an unknown path and to a disabled trigger', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 'a');
    const tooLarge = await post(standard.path, big, standardHeaders(standard.secret, 'x'));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    await expectEventually(async () => {
      const records = (await (await ingress.api(`/webhook-triggers/${standard.id}/deliveries`)).json()) as {
        rejection_reason: string;
        size_bytes: number;
        status: number;
      }[];
      expect(records).toContainEqual(
        expect.objectContaining({ status: 413, rejection_reason: 'too_large', size_bytes: big.length }),
      );
    });

    // Without a Content-Length Fastify stops reading at the limit instead of buffering it all.
    const streamed = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest(`${ingress.base}${standard.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const write = (left: number): void => {
        if (left === 0 || request.destroyed) return void request.end();
        if (request.write(chunk)) write(left - 1);
        else request.once('drain', () => write(left - 1));
      };
      write(32);
    });
    expect(streamed).toBe(413);

    const get = await fetch(`${ingress.base}${standard.path}`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');

    const unknown = await post('/webhooks/trigger/wht_000000000000', '{}', {
      'content-type': 'application/json',
    });
    expect(unknown.status).toBe(404);

    await ingress.publishWorkflow('wf_off', { type: 'webhook', scheme: 'none' });
    const off = await ingress.triggerOf('wf_off');
    expect(off.insecure).toBe(true);
    expect((await ingress.api(`/webhook-triggers/${off.id}/disable`, { method: 'POST' })).status).toBe(200);
    expect((await post(off.path, 'ping', { 'content-type': 'text/plain' })).status).toBe(404);
    expect((await ingress.api(`/webhook-triggers/${off.id}/enable`, { method: 'POST' })).status).toBe(200);
    expect((await post(off.path, 'ping', { 'content-type': 'text/plain' })).status).toBe(202);
  });

  it('answers 413 to a body within the limit whose run request NATS would not take', async () => {
    await ingress.publishWorkflow('wf_huge', { type: 'webhook', scheme: 'none' });
    const trigger = await ingress.triggerOf('wf_huge');
    const body = JSON.stringify({ blob: 'b'.repeat(1024 * 1024 - 100) });
    const response = await post(trigger.path, body, { 'content-type': 'application/json' });
    expect(response.status).toBe(413);
    expect(await ingress.runRequests('wf_huge')).toEqual([]);
  });

  it('prunes delivery records past their retention', async () => {
    const records = ingress.app.get(DeliveryRecordsService);
    expect((await post(standard.path, '{}', { 'content-type': 'application/json' })).status).toBe(401);
    await expectEventually(async () =>
      expect((await records.list(standard.id, 10)).length).toBeGreaterThan(0),
    );
    await records.prune(new Date(Date.now() + 73 * 3_600_000));
    expect(await records.list(standard.id, 10)).toEqual([]);
  });

  it('needs the API key on management routes, never on the webhook itself', async () => {
    const response = await fetch(`${ingress.base}/webhook-triggers/${standard.id}`);
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).not.toContain(standard.secret);
  });
});

describe('webhook deliveries while NATS is down', () => {
  let ingress: Ingress;

  beforeAll(async () => {
    ingress = await startIngress('sqlite');
  });
  afterAll(() => ingress.close());

  it('answers 503 with Retry-After, then accepts the retried delivery once NATS is back', async () => {
    await ingress.publishWorkflow('wf_outage', { type: 'webhook' });
    const trigger = await ingress.triggerOf('wf_outage');
    const body = '{"invoice":"inv_9"}';
    const headers = standardHeaders(trigger.secret, body);
    const deliver = () => fetch(`${ingress.base}${trigger.path}`, { method: 'POST', body, headers });

    await ingress.nats.stop();
    const refused = await deliver();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({ error: { code: 'unavailable' } });

    await ingress.nats.start();
    // The sender retries until it is accepted.
    const accepted = await expectEventually(
      async () => {
        const response = await deliver();
        expect(response.status).toBe(202);
        return response.json();
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(accepted).toMatchObject({ delivery_id: headers['webhook-id'] });
    expect(await deliver().then((r) => r.json())).toEqual({
      delivery_id: headers['webhook-id'],
      duplicate: true,
    });
    expect(await ingress.runRequests('wf_outage')).toHaveLength(1);

    // The projection follows again too.
    await ingress.publishWorkflow('wf_after_outage', { type: 'webhook' });
    await ingress.triggerOf('wf_after_outage');
  });
});

describe('webhook delivery limits and metrics', () => {
  let ingress: Ingress;

  beforeAll(async () => {
    ingress = await startIngress('sqlite', { WEBHOOK_RATE_LIMIT_PER_SECOND: '2' });
  });
  afterAll(() => ingress.close());

  it('answers 429 with Retry-After past the per-trigger rate, and counts accepted and rejected deliveries', async () => {
    await ingress.publishWorkflow('wf_busy', { type: 'webhook', scheme: 'none' });
    const trigger = await ingress.triggerOf('wf_busy');
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 8 && !limited; i++) {
      const response = await fetch(`${ingress.base}${trigger.path}`, {
        method: 'POST',
        body: `ping ${i}`,
        headers: { 'content-type': 'text/plain' },
      });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses.slice(0, 4)).toEqual([202, 202, 202, 202]);
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);

    const metrics = await (await fetch(`${ingress.base}/metrics`)).text();
    expect(metrics).toMatch(/webhook_deliveries_accepted_total\{[^}]*scheme="none"[^}]*\} [4-9]/);
    expect(metrics).toMatch(/webhook_deliveries_rejected_total\{[^}]*reason="rate_limited"[^}]*\} [1-9]/);
    expect(metrics).toContain('webhook_delivery_duration_seconds_bucket');
  });
});
