import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

/**
 * Architecture rules on two tag axes. Contracts are pure and import nothing of ours; platform
 * code builds on contracts; apps build on both and never on each other; shared code never
 * reaches into a service. Test helpers import no library of ours, so tests anywhere may use
 * them without creating a cycle, while production code may not.
 */
function moduleBoundaries({ inTests }) {
  const testing = inTests ? ['type:testing'] : [];
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      banTransitiveDependencies: false,
      allow: [],
      depConstraints: [
        { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
        {
          sourceTag: 'type:platform',
          onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', ...testing],
        },
        { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing'] },
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', ...testing] },
        { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
        // Repository checks (README, compose files, these very rules) may read any library.
        { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['*'] },
      ],
    },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  prettier,
  { ignores: ['**/dist', '**/node_modules', '**/.nx', '**/data', '**/tmp', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ inTests: false }),
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ inTests: true }) },
  },
];
