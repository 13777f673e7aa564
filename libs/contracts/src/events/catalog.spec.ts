import { ajv } from '../validation/schema-validator.js';
import { EVENT_CATALOG, eventTypesByCategory, getEventType, isEventType, listEventTypes } from './catalog.js';
import { EVENT_CATEGORIES, type PayloadSchema } from './event-type.js';
import { validatePayload } from './payload-validation.js';

/** The seed's `EventType` enum, in its order. */
// prettier-ignore
const SEED_EVENT_TYPES = [
  'invoice.created', 'invoice.sent', 'invoice.viewed', 'invoice.paid', 'invoice.overdue', 'invoice.cancelled',
  'payment.received', 'payment.failed', 'payment.refunded',
  'customer.created', 'customer.updated', 'customer.deleted',
  'project.created', 'project.started', 'project.status_changed', 'project.completed', 'project.overdue',
  'ticket.created', 'ticket.updated', 'ticket.assigned', 'ticket.escalated', 'ticket.resolved', 'ticket.closed',
  'quote.created', 'quote.sent', 'quote.accepted', 'quote.rejected', 'quote.expired',
  'user.signed_up', 'user.logged_in',
];

/** The seed's EVENT_METADATA: name, description, category and the fields it lists. */
const SEED_METADATA = [
  [
    'invoice.created',
    'Invoice Created',
    'Triggered when a new invoice is created',
    'invoices',
    ['invoice_id', 'invoice_number', 'customer_id', 'amount', 'currency', 'due_date'],
  ],
  [
    'invoice.paid',
    'Invoice Paid',
    'Triggered when an invoice is paid',
    'invoices',
    ['invoice_id', 'invoice_number', 'customer_id', 'amount', 'paid_at'],
  ],
  [
    'invoice.overdue',
    'Invoice Overdue',
    'Triggered when an invoice becomes overdue',
    'invoices',
    ['invoice_id', 'days_overdue', 'amount'],
  ],
  [
    'payment.received',
    'Payment Received',
    'Triggered when a payment is received',
    'payments',
    ['payment_id', 'invoice_id', 'amount', 'method'],
  ],
  [
    'customer.created',
    'Customer Created',
    'Triggered when a new customer is added',
    'customers',
    ['customer_id', 'name', 'email'],
  ],
  [
    'project.status_changed',
    'Project Status Changed',
    'Triggered when a project status is updated',
    'projects',
    ['project_id', 'old_status', 'new_status'],
  ],
  [
    'ticket.created',
    'Ticket Created',
    'Triggered when a support ticket is created',
    'tickets',
    ['ticket_id', 'subject', 'priority', 'customer_id'],
  ],
  [
    'ticket.escalated',
    'Ticket Escalated',
    'Triggered when a ticket is escalated',
    'tickets',
    ['ticket_id', 'old_priority', 'new_priority'],
  ],
] as const;

type PropertySchema = { type?: string; format?: string; pattern?: string };

/** A value that satisfies one property schema of the catalog. */
function sampleValue(schema: PropertySchema): unknown {
  if (schema.format === 'date') return '2026-01-31';
  if (schema.format === 'date-time') return '2026-01-31T09:00:00Z';
  if (schema.format === 'email') return 'ada@example.com';
  if (schema.pattern === '^[A-Z]{3}$') return 'EUR';
  switch (schema.type) {
    case 'integer':
      return 3;
    case 'number':
      return 120.5;
    case 'object':
      return {};
    case 'array':
      return ['name'];
    default:
      return 'x-1';
  }
}

/** A payload with every required field of a schema filled in. */
function samplePayload(schema: PayloadSchema): Record<string, unknown> {
  return Object.fromEntries(
    schema.required.map((name) => [name, sampleValue(schema.properties[name] as PropertySchema)]),
  );
}

describe('event catalog', () => {
  it('holds exactly the 30 event types of the seed, once each, in its order', () => {
    const types = listEventTypes().map((entry) => entry.type);
    expect(types).toEqual(SEED_EVENT_TYPES);
    expect(new Set(types).size).toBe(30);
  });

  it.each(EVENT_CATALOG.map((entry) => [entry.type, entry] as const))(
    '%s has metadata, a compiling schema and accepts a sample payload',
    (type, entry) => {
      expect(entry.name).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+)+$/);
      expect(entry.description).toMatch(/^Triggered when /);
      expect(EVENT_CATEGORIES).toContain(entry.category);
      expect(type.split('.')[0] + 's').toBe(entry.category);
      expect(entry.payloadSchema.additionalProperties).toBe(true);
      for (const name of entry.payloadSchema.required)
        expect(entry.payloadSchema.properties).toHaveProperty(name);
      expect(() => ajv.compile(entry.payloadSchema)).not.toThrow();

      const sample = samplePayload(entry.payloadSchema);
      expect(validatePayload(type, sample)).toEqual({ ok: true, value: sample });
      expect(validatePayload(type, { ...sample, extra_field: [1, 2] }).ok).toBe(true);
    },
  );

  it.each(SEED_METADATA)(
    'keeps the seed metadata of %s and requires its listed fields',
    (type, name, description, category, fields) => {
      const entry = getEventType(type);
      expect(entry).toMatchObject({ type, name, description, category });
      expect([...(entry?.payloadSchema.required ?? [])].sort()).toEqual([...fields].sort());
    },
  );

  it('makes the fields the seed emitters add optional', () => {
    expect(getEventType('payment.received')?.payloadSchema.properties).toMatchObject({
      customer_id: { type: 'string' },
      received_at: { type: 'string', format: 'date-time' },
      payment: { type: 'object' },
    });
    expect(getEventType('ticket.escalated')?.payloadSchema.required).not.toContain('customer_id');
    // Listed by the seed, but its emitters send them as null when unknown (a customer with no
    // company, an escalation without a reason): declared, not required.
    expect(
      validatePayload('customer.created', { customer_id: 'c', name: 'N', email: 'n@example.com' }).ok,
    ).toBe(true);
    expect(
      validatePayload('ticket.escalated', { ticket_id: 't', old_priority: 'low', new_priority: 'high' }).ok,
    ).toBe(true);
    expect(
      validatePayload('ticket.escalated', {
        ticket_id: 't',
        old_priority: 'low',
        new_priority: 'high',
        reason: null,
      }).ok,
    ).toBe(true);
    expect(
      validatePayload('customer.created', {
        customer_id: 'c',
        name: 'N',
        email: 'n@example.com',
        company: 7,
      }),
    ).toEqual({
      ok: false,
      errors: [{ path: 'company', message: expect.stringContaining('must be') }],
    });
    expect(getEventType('customer.created')?.payloadSchema.properties).toHaveProperty('company');
    expect(getEventType('ticket.escalated')?.payloadSchema.properties).toHaveProperty('reason');
  });

  it('groups types by category, every category present, in catalog order', () => {
    const groups = eventTypesByCategory();
    expect(Object.keys(groups)).toEqual([
      'invoices',
      'payments',
      'customers',
      'projects',
      'tickets',
      'quotes',
      'users',
    ]);
    expect(groups.quotes.map((entry) => entry.type)).toEqual([
      'quote.created',
      'quote.sent',
      'quote.accepted',
      'quote.rejected',
      'quote.expired',
    ]);
    expect(Object.values(groups).flat()).toHaveLength(30);
  });

  it('tells catalog types from other values', () => {
    expect(isEventType('quote.accepted')).toBe(true);
    expect(isEventType('quote.forgotten')).toBe(false);
    expect(isEventType(42)).toBe(false);
    expect(getEventType('quote.forgotten')).toBeUndefined();
  });
});
