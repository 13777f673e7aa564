import type { FromSchema } from 'json-schema-to-ts';
import { invoiceEvents } from './catalog/invoices.js';
import { EVENT_CATEGORIES, type EventCategory, type EventTypeDefinition } from './event-type.js';

/** Every event type a business system may publish, in the seed's order. */
export const EVENT_CATALOG = [...invoiceEvents] as const satisfies readonly EventTypeDefinition[];

type CatalogEntry = (typeof EVENT_CATALOG)[number];
export type EventType = CatalogEntry['type'];

/** Payload type of each event type, derived from its JSON Schema. */
export type EventPayloads = {
  [E in CatalogEntry as E['type']]: FromSchema<E['payloadSchema']>;
};
export type EventPayload<T extends EventType> = EventPayloads[T];

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
