import type { CatalogEvent } from './envelope.js';
import { normalizeEvent, validateEvent, type NormalizeEventOptions } from './normalize-event.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const options: NormalizeEventOptions = {
  subjectType: 'invoice.paid',
  defaultSource: '/gateway',
  now: () => NOW,
  newId: () => 'evt-generated',
};

const paid = {
  invoice_id: 'i_1',
  invoice_number: 'INV-1',
  customer_id: 'c_7',
  amount: 99.5,
  paid_at: '2026-03-01T11:59:00Z',
};

const structured = {
  specversion: '1.0',
  id: 'evt-1',
  source: '/billing',
  type: 'invoice.paid',
  time: '2026-03-01T11:59:30Z',
  datacontenttype: 'application/json',
  data: paid,
  customerid: 'c_7',
};

describe('normalizeEvent', () => {
  it('accepts a structured CloudEvents envelope as it is', () => {
    expect(normalizeEvent(structured, options)).toEqual({ ok: true, value: structured });
  });

  it('fills `time` and `datacontenttype` when left out, and keeps extension attributes', () => {
    const { time: _t, datacontenttype: _c, ...sparse } = structured;
    const result = normalizeEvent({ ...sparse, traceparent: '00-abc-01', chaindepth: 2 }, options);
    expect(result).toEqual({
      ok: true,
      value: {
        ...sparse,
        time: '2026-03-01T12:00:00.000Z',
        datacontenttype: 'application/json',
        traceparent: '00-abc-01',
        chaindepth: 2,
      },
    });
  });

  it('accepts JSON with its utf-8 charset and writes plain application/json', () => {
    const result = normalizeEvent(
      { ...structured, datacontenttype: 'application/json; charset=utf-8' },
      options,
    );
    expect(result.ok && result.value.datacontenttype).toBe('application/json');
  });

  it('wraps a bare payload in an envelope typed by the subject', () => {
    expect(normalizeEvent(paid, options)).toEqual({
      ok: true,
      value: {
        specversion: '1.0',
        id: 'evt-generated',
        source: '/gateway',
        type: 'invoice.paid',
        time: '2026-03-01T12:00:00.000Z',
        datacontenttype: 'application/json',
        data: paid,
        customerid: 'c_7',
      },
    });
  });

  it('gives a wrapped payload a random UUID and no customer when none is known', () => {
    const result = normalizeEvent(
      { user_id: 'u_1' },
      { subjectType: 'user.logged_in', defaultSource: '/gateway' },
    );
    if (!result.ok) throw new Error('expected a wrapped event');
    expect(result.value.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.value).not.toHaveProperty('customerid');
    expect(Date.parse(result.value.time)).not.toBeNaN();
  });

  it('cannot wrap a bare payload without a type', () => {
    expect(normalizeEvent(paid, { defaultSource: '/gateway' })).toEqual({
      ok: false,
      errors: [
        {
          path: 'type',
          message: 'is required: publish the payload on events.<type>, or send a CloudEvents envelope',
        },
      ],
    });
  });

  it('reports every problem of a malformed envelope with its field', () => {
    const result = normalizeEvent(
      {
        specversion: '0.3',
        id: '',
        type: 'invoice.paid',
        time: 'yesterday',
        datacontenttype: 'text/xml',
        data: 'paid',
        customerid: 7,
        chaindepth: -1,
      },
      options,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'source', message: 'is required' },
        { path: 'specversion', message: 'must be "1.0"' },
        { path: 'id', message: 'must not be empty' },
        { path: 'time', message: 'must be an RFC 3339 date-time such as "2026-01-31T09:00:00Z"' },
        { path: 'datacontenttype', message: 'must be "application/json"' },
        { path: 'data', message: 'must be an object' },
        { path: 'customerid', message: 'must be a string' },
        { path: 'chaindepth', message: 'must be at least 0' },
      ],
    });
  });

  it('rejects an envelope whose type differs from its subject', () => {
    expect(normalizeEvent({ ...structured, type: 'invoice.sent' }, options)).toEqual({
      ok: false,
      errors: [
        { path: 'type', message: 'is "invoice.sent" but the event was published on events.invoice.paid' },
      ],
    });
  });

  it.each([
    ['a string', '"paid"'],
    ['an array', [paid]],
    ['null', null],
  ])('rejects %s as a whole', (_label, raw) => {
    expect(normalizeEvent(raw, options)).toEqual({
      ok: false,
      errors: [{ path: '', message: 'must be a JSON object (a CloudEvents envelope or a bare payload)' }],
    });
  });
});

describe('validateEvent', () => {
  const envelope = {
    specversion: '1.0',
    id: 'evt-1',
    source: '/billing',
    type: 'invoice.paid',
    time: '2026-03-01T11:59:30Z',
    datacontenttype: 'application/json',
    data: paid,
  } as const;

  it('accepts a catalog event whose data matches its schema', () => {
    expect(validateEvent(envelope)).toEqual({ ok: true, value: envelope });
  });

  it('names data errors under `data.`', () => {
    const { paid_at: _omitted, ...data } = paid;
    expect(validateEvent({ ...envelope, data: { ...data, amount: 'lots' } })).toEqual({
      ok: false,
      errors: [
        { path: 'data.paid_at', message: 'is required' },
        { path: 'data.amount', message: 'must be a number' },
      ],
    });
  });

  it('rejects a type outside the catalog on `type`', () => {
    expect(validateEvent({ ...envelope, type: 'invoice.lost' })).toEqual({
      ok: false,
      errors: [
        { path: 'type', message: '"invoice.lost" is not a known event type (GET /event-types lists them)' },
      ],
    });
  });

  it('narrows data by type', () => {
    const result = validateEvent(envelope);
    if (!result.ok) throw new Error('expected a valid event');
    const event: CatalogEvent = result.value;
    const amount = event.type === 'invoice.paid' ? event.data.amount : undefined;
    expect(amount).toBe(99.5);
  });
});
