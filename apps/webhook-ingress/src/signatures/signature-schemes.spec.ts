import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { SIGNATURE_SCHEMES } from './signature-schemes.js';
import type { SignedDelivery } from './signature-scheme.js';

const now = new Date();
const unix = (offsetSeconds = 0) => String(Math.floor(now.getTime() / 1000) + offsetSeconds);
const hex = (key: string, payload: string) => createHmac('sha256', key).update(payload).digest('hex');
const delivery = (body: string, headers: Record<string, string>): SignedDelivery => ({
  rawBody: Buffer.from(body),
  headers,
  receivedAt: now,
});

describe('github scheme', () => {
  const github = SIGNATURE_SCHEMES.github;

  it("verifies GitHub's published example and takes X-GitHub-Delivery as the delivery id", () => {
    const result = github.verify(
      delivery('Hello, World!', {
        'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
        'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      }),
      ["It's a Secret to Everybody"],
    );
    expect(result).toEqual({ verified: true, deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958' });
  });

  it('refuses a body changed by one byte, a bare hex and a missing header', () => {
    const secret = ["It's a Secret to Everybody"];
    const header = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(github.verify(delivery('Hello, World?', { 'x-hub-signature-256': header }), secret)).toEqual({
      verified: false,
      reason: 'bad_signature',
    });
    expect(
      github.verify(delivery('Hello, World!', { 'x-hub-signature-256': header.slice(7) }), secret),
    ).toEqual({
      verified: false,
      reason: 'malformed_signature',
    });
    expect(github.verify(delivery('Hello, World!', {}), secret)).toEqual({
      verified: false,
      reason: 'missing_signature',
    });
  });
});

describe('hmac-sha256 scheme (the seed)', () => {
  const scheme = SIGNATURE_SCHEMES['hmac-sha256'];
  const secret = scheme.generateSecret();
  const body = '{"order":5}';

  it('verifies a hex signature with or without the sha256= prefix, in any case', () => {
    expect(scheme.verify(delivery(body, { 'x-signature': hex(secret, body) }), [secret])).toEqual({
      verified: true,
    });
    expect(scheme.verify(delivery(body, { 'x-signature': `sha256=${hex(secret, body)}` }), [secret])).toEqual(
      {
        verified: true,
      },
    );
    expect(
      scheme.verify(delivery(body, { 'x-signature': hex(secret, body).toUpperCase() }), [secret]).verified,
    ).toBe(true);
  });

  it('refuses another secret and a truncated signature', () => {
    expect(scheme.verify(delivery(body, { 'x-signature': hex('other', body) }), [secret])).toEqual({
      verified: false,
      reason: 'bad_signature',
    });
    expect(
      scheme.verify(delivery(body, { 'x-signature': hex(secret, body).slice(1) }), [secret]).verified,
    ).toBe(false);
  });

  it('accepts any of several secrets (rotation), and none when there are none', () => {
    const next = scheme.generateSecret();
    expect(scheme.verify(delivery(body, { 'x-signature': hex(secret, body) }), [next, secret]).verified).toBe(
      true,
    );
    expect(scheme.verify(delivery(body, { 'x-signature': hex(secret, body) }), []).verified).toBe(false);
  });
});

describe('stripe scheme', () => {
  const scheme = SIGNATURE_SCHEMES.stripe;
  const secret = scheme.generateSecret();
  const body = '{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","type":"invoice.paid"}';
  // As Stripe documents it: HMAC-SHA256 of "<t>.<payload>" with the endpoint secret, hex.
  const header = (t: string, key = secret) => `t=${t},v1=${hex(key, `${t}.${body}`)}`;

  it("verifies a documented header and takes the event's id as the delivery id", () => {
    expect(scheme.verify(delivery(body, { 'stripe-signature': header(unix()) }), [secret])).toEqual({
      verified: true,
      deliveryId: 'evt_1NG8Du2eZvKYlo2CUI79vXWy',
    });
  });

  it('accepts any v1 and ignores v0', () => {
    const t = unix();
    const signed = `t=${t},v0=${hex(secret, `${t}.${body}`)},v1=${hex('old', `${t}.${body}`)},v1=${hex(secret, `${t}.${body}`)}`;
    expect(scheme.verify(delivery(body, { 'stripe-signature': signed }), [secret]).verified).toBe(true);
    const onlyV0 = `t=${t},v0=${hex(secret, `${t}.${body}`)}`;
    expect(scheme.verify(delivery(body, { 'stripe-signature': onlyV0 }), [secret])).toEqual({
      verified: false,
      reason: 'malformed_signature',
    });
  });

  it('holds a 300 s tolerance both ways', () => {
    for (const offset of [-300, 300]) {
      expect(
        scheme.verify(delivery(body, { 'stripe-signature': header(unix(offset)) }), [secret]).verified,
      ).toBe(true);
    }
    for (const offset of [-301, 301]) {
      expect(scheme.verify(delivery(body, { 'stripe-signature': header(unix(offset)) }), [secret])).toEqual({
        verified: false,
        reason: 'stale_timestamp',
      });
    }
  });
});

describe('standard scheme', () => {
  const scheme = SIGNATURE_SCHEMES.standard;
  const secret = scheme.generateSecret();
  const body = '{"order":5}';
  const signed = (offsetSeconds = 0, key = secret, id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W') => ({
    'webhook-id': id,
    'webhook-timestamp': unix(offsetSeconds),
    'webhook-signature': new Webhook(key).sign(id, new Date(Number(unix(offsetSeconds)) * 1000), body),
  });

  it('verifies what the standardwebhooks package signs, with webhook-id as the delivery id', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(scheme.verify(delivery(body, signed()), [secret])).toEqual({
      verified: true,
      deliveryId: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
    });
  });

  it('accepts one matching entry among several space-separated ones', () => {
    const headers = signed();
    const other = signed(0, scheme.generateSecret())['webhook-signature'];
    headers['webhook-signature'] = `${other} ${headers['webhook-signature']}`;
    expect(scheme.verify(delivery(body, headers), [secret]).verified).toBe(true);
  });

  it('refuses 301 s either way, another key, an altered body and missing headers', () => {
    expect(scheme.verify(delivery(body, signed(-299)), [secret]).verified).toBe(true);
    expect(scheme.verify(delivery(body, signed(-301)), [secret])).toEqual({
      verified: false,
      reason: 'stale_timestamp',
    });
    expect(scheme.verify(delivery(body, signed(301)), [secret])).toEqual({
      verified: false,
      reason: 'stale_timestamp',
    });
    expect(scheme.verify(delivery(body, signed(0, scheme.generateSecret())), [secret])).toEqual({
      verified: false,
      reason: 'bad_signature',
    });
    expect(scheme.verify(delivery('{"order":6}', signed()), [secret]).verified).toBe(false);
    const { 'webhook-signature': _dropped, ...unsigned } = signed();
    expect(scheme.verify(delivery(body, unsigned), [secret])).toEqual({
      verified: false,
      reason: 'missing_signature',
    });
  });

  it('verifies with an older secret during rotation', () => {
    expect(scheme.verify(delivery(body, signed()), [scheme.generateSecret(), secret]).verified).toBe(true);
  });
});

describe('none scheme', () => {
  it('takes anything', () => {
    expect(SIGNATURE_SCHEMES.none.verify(delivery('x', {}), [])).toEqual({ verified: true });
  });
});
