import { CreateSchedules1767312000000 } from './1767312000000-create-schedules.js';

/** Every migration, oldest first; run at start-up. */
export const SCHEDULER_MIGRATIONS = [CreateSchedules1767312000000];
