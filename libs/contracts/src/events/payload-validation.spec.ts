import { validatePayload } from './payload-validation.js';

const quoteAccepted = {
  quote_id: 'q_1',
  quote_number: 'Q-2026-001',
  customer_id: 'c_9',
  amount: 1200,
  currency: 'EUR',
  accepted_at: '2026-02-01T10:15:00Z',
};

describe('validatePayload', () => {
  it('accepts a good payload and returns it', () => {
    expect(validatePayload('quote.accepted', quoteAccepted)).toEqual({ ok: true, value: quoteAccepted });
  });

  it('names a missing required field', () => {
    const { accepted_at: _omitted, ...payload } = quoteAccepted;
    expect(validatePayload('quote.accepted', payload)).toEqual({
      ok: false,
      errors: [{ path: 'accepted_at', message: 'is required' }],
    });
  });

  it('names a field of the wrong type', () => {
    expect(validatePayload('quote.accepted', { ...quoteAccepted, amount: '1200' })).toEqual({
      ok: false,
      errors: [{ path: 'amount', message: 'must be a number' }],
    });
  });

  it('names fields with a bad format', () => {
    const result = validatePayload('customer.created', {
      customer_id: 'c_1',
      name: 'Ada',
      email: 'not-an-email',
      company: 'Analytical Engines',
    });
    expect(result).toEqual({ ok: false, errors: [{ path: 'email', message: 'must be an email address' }] });

    expect(
      validatePayload('invoice.created', {
        invoice_id: 'i_1',
        invoice_number: 'INV-1',
        customer_id: 'c_1',
        amount: 10,
        currency: 'euro',
        due_date: '31.01.2026',
      }),
    ).toEqual({
      ok: false,
      errors: [
        { path: 'currency', message: 'must match pattern "^[A-Z]{3}$"' },
        { path: 'due_date', message: 'must be a date as YYYY-MM-DD' },
      ],
    });
  });

  it('names a nested field by its path', () => {
    const result = validatePayload('customer.updated', {
      customer_id: 'c_1',
      updated_at: '2026-02-01T10:15:00Z',
      changed_fields: ['email', 7],
    });
    expect(result).toEqual({
      ok: false,
      errors: [{ path: 'changed_fields[1]', message: 'must be a string' }],
    });
  });

  it('reports every error at once, under a base path when given', () => {
    expect(validatePayload('payment.failed', { payment_id: '', amount: 'ten' }, 'data')).toEqual({
      ok: false,
      errors: [
        { path: 'data.invoice_id', message: 'is required' },
        { path: 'data.failed_at', message: 'is required' },
        { path: 'data.payment_id', message: 'must not be empty' },
        { path: 'data.amount', message: 'must be a number' },
      ],
    });
  });

  it('rejects a payload that is not an object', () => {
    expect(validatePayload('user.logged_in', ['u_1'])).toEqual({
      ok: false,
      errors: [{ path: '', message: 'must be an object' }],
    });
  });

  it('rejects an unknown event type on `type`', () => {
    expect(validatePayload('invoice.lost', {})).toEqual({
      ok: false,
      errors: [
        { path: 'type', message: '"invoice.lost" is not a known event type (GET /event-types lists them)' },
      ],
    });
  });
});
