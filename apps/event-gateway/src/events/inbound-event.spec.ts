import type { ReceivedMessage } from '@triggerline/messaging';
import { readInboundEvent, rejectedRecord } from './inbound-event.js';

const message = (subject: string, data: unknown, msgId?: string): ReceivedMessage => ({
  subject,
  data,
  headers: {},
  deliveryCount: 1,
  stream: 'EVENTS',
  streamSequence: 42,
  pending: 0,
  msgId,
});

const customer = { customer_id: 'c-1', name: 'Ada', email: 'ada@example.com' };

describe('readInboundEvent', () => {
  it('gives a bare payload the same id on every delivery: its Nats-Msg-Id, else its stream position', () => {
    const keyed = readInboundEvent(message('events.customer.created', customer, 'crm-7'));
    expect(keyed).toMatchObject({
      ok: true,
      value: { id: 'crm-7', type: 'customer.created', customerid: 'c-1' },
    });
    const unkeyed = readInboundEvent(message('events.customer.created', customer));
    expect(unkeyed).toMatchObject({ ok: true, value: { id: 'EVENTS-42' } });
  });

  it('refuses attributes longer than the history can hold, naming them', () => {
    const read = readInboundEvent(
      message('events.customer.created', {
        specversion: '1.0',
        id: 'x'.repeat(201),
        source: '/crm',
        type: 'customer.created',
        data: customer,
      }),
    );
    expect(read).toEqual({ ok: false, errors: [{ path: 'id', message: 'must be at most 200 characters' }] });
  });
});

describe('rejectedRecord', () => {
  it('keeps what can be read of a broken envelope', () => {
    const at = new Date('2026-11-26T10:00:00Z');
    const record = rejectedRecord(
      message('events.ticket.created', {
        specversion: '1.0',
        id: 'tk-1',
        source: '/support',
        type: 'ticket.created',
        time: 'yesterday',
        data: { ticket_id: 't-1', customer_id: 'c-9' },
      }),
      [{ path: 'data.subject', message: 'is required' }],
      at,
    );
    expect(record).toEqual({
      eventId: 'tk-1',
      type: 'ticket.created',
      source: '/support',
      customerId: 'c-9',
      time: at,
      receivedAt: at,
      status: 'rejected',
      payload: { ticket_id: 't-1', customer_id: 'c-9' },
      errors: [{ path: 'data.subject', message: 'is required' }],
      workflowIds: [],
      chainDepth: null,
    });
  });

  it('stores a message that is not an object under the type of its subject', () => {
    const record = rejectedRecord(message('events.invoice.paid', 'hello'), [], new Date());
    expect(record).toMatchObject({ eventId: 'EVENTS-42', type: 'invoice.paid', payload: { value: 'hello' } });
  });
});
