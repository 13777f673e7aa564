/** The business areas that publish events; the seed's `category`. */
export const EVENT_CATEGORIES = [
  'invoices',
  'payments',
  'customers',
  'projects',
  'tickets',
  'quotes',
  'users',
] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

/** A JSON Schema (2020-12) for an event payload, written `as const` so TypeScript types derive from it. */
export interface PayloadSchema {
  readonly type: 'object';
  readonly required: readonly string[];
  readonly properties: Readonly<Record<string, object>>;
  readonly additionalProperties: true;
}

/** Catalog entry: what an event type means and what its payload carries. */
export interface EventTypeDefinition {
  readonly type: string;
  readonly name: string;
  readonly description: string;
  readonly category: EventCategory;
  readonly payloadSchema: PayloadSchema;
}

// Field schemas reused across the catalog, so one field means one thing everywhere.
export const field = {
  id: { type: 'string', minLength: 1, description: 'Identifier in the publishing system' },
  text: { type: 'string' },
  // Optional details the publishing system may not know; the seed's emitters send null then.
  nullableText: { type: ['string', 'null'] },
  amount: { type: 'number', description: 'Amount in the currency unit (not cents)' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code, e.g. "EUR"' },
  date: { type: 'string', format: 'date' },
  dateTime: { type: 'string', format: 'date-time' },
  email: { type: 'string', format: 'email' },
  count: { type: 'integer', minimum: 0 },
  object: { type: 'object', description: 'The full record as the publishing system holds it' },
  stringList: { type: 'array', items: { type: 'string' } },
} as const;
