export const SERVICE_NAME = 'event-gateway';

/** What the gateway's durable consumer takes from the EVENTS stream. */
export const EVENTS_PATTERN = 'events.>';
