import { CreateWorkflows1767225600000 } from './1767225600000-create-workflows.js';

/** Every migration, oldest first; run at start-up. */
export const RUNNER_MIGRATIONS = [CreateWorkflows1767225600000];
