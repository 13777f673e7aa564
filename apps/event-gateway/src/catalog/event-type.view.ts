import {
  type EventCategory,
  type EventTypeDefinition,
  eventTypesByCategory,
  getEventType,
  listEventTypes,
} from '@triggerline/contracts';

/** A catalog entry as the API shows it (the seed's `get_available_events`). */
export interface EventTypeView {
  type: string;
  name: string;
  description: string;
  category: EventCategory;
  payload_schema: object;
}

export function eventTypeViews(): EventTypeView[] {
  return listEventTypes().map(toView);
}

/** Every category, in catalog order, even one without types. */
export function eventTypeViewsByCategory(): Partial<Record<EventCategory, EventTypeView[]>> {
  return Object.fromEntries(
    Object.entries(eventTypesByCategory()).map(([category, entries]) => [category, entries.map(toView)]),
  );
}

export function eventTypeView(type: string): EventTypeView | undefined {
  const entry = getEventType(type);
  return entry && toView(entry);
}

function toView(entry: EventTypeDefinition): EventTypeView {
  return {
    type: entry.type,
    name: entry.name,
    description: entry.description,
    category: entry.category,
    payload_schema: entry.payloadSchema,
  };
}
