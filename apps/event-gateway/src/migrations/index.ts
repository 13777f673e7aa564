import { CreateEventRecords1767312000000 } from './1767312000000-create-event-records.js';

/** Every migration, oldest first; run at start-up. */
export const GATEWAY_MIGRATIONS = [CreateEventRecords1767312000000];
