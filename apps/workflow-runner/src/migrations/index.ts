import { CreateWorkflows1767225600000 } from './1767225600000-create-workflows.js';
import { CreateExecutions1767225600001 } from './1767225600001-create-executions.js';

/** Every migration, oldest first; run at start-up. */
export const RUNNER_MIGRATIONS = [CreateWorkflows1767225600000, CreateExecutions1767225600001];
