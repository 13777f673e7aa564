import type { FromSchema } from 'json-schema-to-ts';
import { customerEvents } from './catalog/customers.js';
import { invoiceEvents } from './catalog/invoices.js';
import { paymentEvents } from './catalog/payments.js';
import { projectEvents } from './catalog/projects.js';
import { quoteEvents } from './catalog/quotes.js';
import { ticketEvents } from './catalog/tickets.js';
import { userEvents } from './catalog/users.js';
import { EVENT_CATEGORIES, type EventCategory, type EventTypeDefinition } from './event-type.js';

/** Every event type a business system may publish, in the seed's order. */
export const EVENT_CATALOG = [
  ...invoiceEvents,
  ...paymentEvents,
  ...customerEvents,
  ...projectEvents,
  ...ticketEvents,
  ...quoteEvents,
  ...userEvents,
] as const satisfies readonly EventTypeDefinition[];

type CatalogEntry = (typeof EVENT_CATALOG)[number];
export type EventType = CatalogEntry['type'];

/** Payload type of each event type, derived from its JSON Schema. */
export type EventPayloads = {
  [E in CatalogEntry as E['type']]: FromSchema<E['payloadSchema']>;
};
export type EventPayload<T extends EventType> = EventPayloads[T];

/** Every event type name, in catalog order (for `enum`s in other schemas). */
export const EVENT_TYPES: readonly EventType[] = EVENT_CATALOG.map((entry) => entry.type);

const byType = new Map<string, EventTypeDefinition>(EVENT_CATALOG.map((entry) => [entry.type, entry]));

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && byType.has(value);
}

export function listEventTypes(): readonly EventTypeDefinition[] {
  return EVENT_CATALOG;
}

export function getEventType(type: string): EventTypeDefinition | undefined {
  return byType.get(type);
}

/** Event types grouped by category, every category present, in catalog order. */
export function eventTypesByCategory(): Record<EventCategory, EventTypeDefinition[]> {
  const groups = Object.fromEntries(EVENT_CATEGORIES.map((c) => [c, [] as EventTypeDefinition[]]));
  for (const entry of EVENT_CATALOG) groups[entry.category].push(entry);
  return groups as Record<EventCategory, EventTypeDefinition[]>;
}
