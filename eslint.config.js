// One linter for the whole tree. The import restrictions below enforce the dependency rule of
// architecture.md: domain imports nothing of ours, contracts only zod, web never server, Drizzle only in the db
// adapter and the repositories.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'data', 'drizzle', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/domain/**'],
    rules: {
      ...restrict([
        {
          group: ['**/contracts/**', '**/server/**', '**/web/**'],
          message: 'domain imports nothing of ours',
        },
        { group: ['fastify*', 'drizzle-orm*', 'pg', 'react*', 'node:*'], message: 'domain is pure' },
      ]),
      'no-restricted-globals': ['error', 'process', 'fetch'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'pass a Clock' }],
    },
  },
  {
    files: ['src/contracts/**'],
    rules: restrict([
      { group: ['**/domain/**', '**/server/**', '**/web/**'], message: 'contracts import only zod' },
    ]),
  },
  {
    files: ['src/web/**'],
    rules: restrict([{ group: ['**/server/**'], message: 'web never imports server' }]),
  },
  {
    // Only the db adapter and the repositories touch Drizzle and the schema: use cases, routes and views go
    // through a repository (architecture.md). A type-only import of the schema is allowed.
    files: ['src/server/**'],
    ignores: [
      'src/server/adapters/db/**',
      'src/server/adapters/**/db-*.ts',
      'src/server/**/*-repository.ts',
      'src/server/**/repository.ts',
    ],
    rules: restrict([
      {
        group: ['drizzle-orm', 'drizzle-orm/*'],
        message: 'only the db adapter and repositories use Drizzle',
      },
      {
        group: ['**/db/schema*'],
        allowTypeImports: true,
        message: 'only the db adapter and repositories read the schema; use a repository',
      },
    ]),
  },
  {
    files: ['src/server/**'],
    ignores: ['src/server/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'read config.ts' },
      ],
    },
  },
);
