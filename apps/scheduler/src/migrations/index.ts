import { CreateSchedules1767312000000 } from './1767312000000-create-schedules.js';
import { CreateCountedRuns1767398400000 } from './1767398400000-create-counted-runs.js';

/** Every migration, oldest first; run at start-up. */
export const SCHEDULER_MIGRATIONS = [CreateSchedules1767312000000, CreateCountedRuns1767398400000];
