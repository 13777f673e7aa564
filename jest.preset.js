// Shared Jest settings: ESM TypeScript through ts-jest (NestJS 12 ships ESM only),
// `@triggerline/*` resolved to library sources from tsconfig.base.json's paths.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspaceRoot = dirname(fileURLToPath(import.meta.url));
const { compilerOptions } = JSON.parse(readFileSync(join(workspaceRoot, 'tsconfig.base.json'), 'utf8'));

const aliasMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    join(workspaceRoot, target),
  ]),
);

/** Jest config for the project in `projectDir` (pass `import.meta.url`'s folder). */
export function projectJestConfig(projectDir, overrides = {}) {
  return {
    displayName: relative(workspaceRoot, projectDir),
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: [
      '<rootDir>/src/**/*.spec.ts',
      '<rootDir>/src/**/*.integration-spec.ts',
      '<rootDir>/src/**/*.e2e-spec.ts',
      '<rootDir>/test/**/*.spec.ts',
    ],
    extensionsToTreatAsEsm: ['.ts'],
    moduleFileExtensions: ['ts', 'js', 'json'],
    moduleNameMapper: { ...aliasMapper, '^(\\.{1,2}/.*)\\.js$': '$1' },
    transform: {
      '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: join(projectDir, 'tsconfig.spec.json') }],
    },
    testTimeout: 30_000,
    ...overrides,
  };
}
