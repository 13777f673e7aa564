import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectJestConfig } from '../../jest.preset.js';

export default projectJestConfig(dirname(fileURLToPath(import.meta.url)));
