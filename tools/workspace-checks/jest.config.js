import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectJestConfig } from '../../jest.preset.js';

// Linting loads the Nx project graph: slower than a unit test.
export default projectJestConfig(dirname(fileURLToPath(import.meta.url)), { testTimeout: 60_000 });
