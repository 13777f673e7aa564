import {
  fallbackDeliveryId,
  forwardedHeaders,
  parseBody,
  redactedHeaders,
  safeDeliveryId,
} from './webhook-request.js';

describe('webhook request', () => {
  const headers = {
    'content-type': 'application/json',
    authorization: 'Bearer x',
    cookie: 'session=1',
    'x-hub-signature-256': 'sha256=00',
    'webhook-signature': 'v1,AA==',
    'x-github-event': 'push',
  };

  it('forwards headers without credentials or signatures, and records them masked', () => {
    expect(forwardedHeaders(headers)).toEqual({
      'content-type': 'application/json',
      'x-github-event': 'push',
    });
    expect(redactedHeaders(headers)).toMatchObject({ authorization: '[redacted]', 'x-github-event': 'push' });
  });

  it('parses JSON, form and text bodies into an input object', () => {
    expect(parseBody('application/json; charset=utf-8', Buffer.from('{"a":1}'))).toEqual({ a: 1 });
    expect(parseBody('application/json', Buffer.from('[1,2]'))).toEqual({ body: [1, 2] });
    expect(parseBody('application/x-www-form-urlencoded', Buffer.from('a=1&b=x+y&a=2'))).toEqual({
      a: ['1', '2'],
      b: 'x y',
    });
    expect(parseBody('text/plain', Buffer.from('hello'))).toEqual({ body: 'hello' });
    expect(parseBody(undefined, Buffer.alloc(0))).toEqual({});
    expect(() => parseBody('application/json', Buffer.from('{'))).toThrow('body is not valid JSON');
  });

  it('derives the same fallback delivery id from the same timestamp and body only', () => {
    const body = Buffer.from('{"a":1}');
    const id = fallbackDeliveryId({ 'x-timestamp': '1' }, body);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(fallbackDeliveryId({ 'x-timestamp': '1' }, body)).toBe(id);
    expect(fallbackDeliveryId({ 'x-timestamp': '2' }, body)).not.toBe(id);
    expect(fallbackDeliveryId({ 'x-timestamp': '1' }, Buffer.from('{"a":2}'))).not.toBe(id);
  });

  it("keeps a sender's short printable delivery id and hashes any other", () => {
    expect(safeDeliveryId('msg_2KWPBgLlAfxdpx2AI54pPJ85f4W')).toBe('msg_2KWPBgLlAfxdpx2AI54pPJ85f4W');
    expect(safeDeliveryId('a b\r\nNats-Msg-Id: x')).toMatch(/^[0-9a-f]{64}$/);
    expect(safeDeliveryId('x'.repeat(129))).toMatch(/^[0-9a-f]{64}$/);
  });
});
