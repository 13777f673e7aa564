import { createEvent } from './envelope.js';
import { validateEvent } from './normalize-event.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');

const paid = {
  invoice_id: 'i_1',
  invoice_number: 'INV-1',
  customer_id: 'c_7',
  amount: 99.5,
  paid_at: '2026-03-01T11:59:00Z',
};

describe('createEvent', () => {
  it('builds an envelope, taking the customer from the payload', () => {
    const event = createEvent('invoice.paid', paid, {
      source: '/billing',
      id: 'evt-9',
      time: NOW,
      chainDepth: 1,
    });
    expect(event).toEqual({
      specversion: '1.0',
      id: 'evt-9',
      source: '/billing',
      type: 'invoice.paid',
      time: '2026-03-01T12:00:00.000Z',
      datacontenttype: 'application/json',
      data: paid,
      customerid: 'c_7',
      chaindepth: 1,
    });
    expect(validateEvent(event).ok).toBe(true);
  });

  it('prefers an explicit customer and defaults id and time', () => {
    const event = createEvent(
      'user.logged_in',
      { user_id: 'u_1', logged_in_at: '2026-03-01T12:00:00Z' },
      {
        source: '/auth',
        customerId: 'c_2',
      },
    );
    expect(event.customerid).toBe('c_2');
    expect(event.id).toHaveLength(36);
    expect(event).not.toHaveProperty('chaindepth');
  });

  it('refuses a negative chain depth', () => {
    expect(() => createEvent('invoice.paid', paid, { source: '/billing', chainDepth: -1 })).toThrow(
      'chainDepth must be an integer >= 0, got -1',
    );
  });

  it('refuses a payload that does not match its type: at compile time, and in validation', () => {
    // Compile time: each @ts-expect-error line fails the typecheck target if the error goes away.
    // @ts-expect-error amount must be a number
    const wrongType = createEvent('invoice.paid', { ...paid, amount: '99.50' }, { source: '/billing' });
    const { paid_at: _omitted, ...withoutPaidAt } = paid;
    // @ts-expect-error paid_at is required for invoice.paid
    const missing = createEvent('invoice.paid', withoutPaidAt, { source: '/billing' });
    // @ts-expect-error not a catalog type
    const unknownType = createEvent('invoice.lost', paid, { source: '/billing' });

    // Run time: whoever skips the types still meets the catalog.
    expect(validateEvent(wrongType)).toEqual({
      ok: false,
      errors: [{ path: 'data.amount', message: 'must be a number' }],
    });
    expect(validateEvent(missing)).toEqual({
      ok: false,
      errors: [{ path: 'data.paid_at', message: 'is required' }],
    });
    expect(validateEvent(unknownType)).toEqual({
      ok: false,
      errors: [
        { path: 'type', message: '"invoice.lost" is not a known event type (GET /event-types lists them)' },
      ],
    });
  });
});
