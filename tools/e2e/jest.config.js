import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectJestConfig } from '../../jest.preset.js';

// Whole services as OS processes: slower than any unit, and one suite at a time.
export default projectJestConfig(dirname(fileURLToPath(import.meta.url)), {
  testTimeout: 120_000,
  maxWorkers: 1,
});
