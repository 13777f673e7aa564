import { CreateEventRecords1767312000000 } from './1767312000000-create-event-records.js';
import { AddChainDepth1767398400000 } from './1767398400000-add-chain-depth.js';

/** Every migration, oldest first; run at start-up. */
export const GATEWAY_MIGRATIONS = [CreateEventRecords1767312000000, AddChainDepth1767398400000];
