import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  // testing/fixtures holds binary samples (clip.mts is a video, not TypeScript).
  { ignores: ['**/dist', '**/out-tsc', '**/.next', '**/.next-*', '**/node_modules', '**/vitest.config.*.timestamp*', '**/testing/fixtures/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:fs-parsers', onlyDependOnLibsWithTags: ['scope:contracts'] },
            { sourceTag: 'scope:carve-engine', onlyDependOnLibsWithTags: ['scope:contracts', 'scope:fs-parsers'] },
            { sourceTag: 'scope:cloud-adapters', onlyDependOnLibsWithTags: ['scope:contracts'] },
            { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:contracts'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:contracts'] },
            { sourceTag: 'scope:agent', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['type:lib'] }
          ]
        }
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
