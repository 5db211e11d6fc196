// @ts-check
/**
 * One flat config for the whole workspace; `npm run lint` runs it with --max-warnings 0.
 * Formatting is Prettier's job: eslint-config-prettier comes last and switches off every rule it would fight.
 */
import js from '@eslint/js';
import angular from 'angular-eslint';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/.angular/',
    '**/coverage/',
    '**/out-tsc/',
    'test-artifacts/',
    'bench-results/',
    '**/.data/',
    'backend/openapi.json',
    'frontend/src/app/api/', // generated client, not edited by hand
  ]),

  { name: 'tilsagn/linter-options', linterOptions: { reportUnusedDisableDirectives: 'error' } },

  // Server, migrations, test suites and tools: Node, TypeScript.
  {
    name: 'tilsagn/node-ts',
    files: ['backend/**/*.ts', 'migrations/**/*.ts', 'test/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    // Type-aware, but only the promise rules: a missing await loses a write inside a transaction, or lets
    // `expect(...).rejects` pass without ever running. One program for all of it (~10 s).
    name: 'tilsagn/node-ts-promises',
    files: ['backend/**/*.ts', 'migrations/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    name: 'tilsagn/node-tests',
    files: ['backend/**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      // Tests and their helpers build deliberately malformed documents, read untyped response bodies and
      // reach into mocks and `window`; `any` is the honest type there. backend/src and backend/tools stay typed.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },

  // Plain JavaScript: the root scripts, jest configs and the like are CommonJS; .mjs files are modules.
  {
    name: 'tilsagn/js-commonjs',
    files: ['**/*.js', '**/*.cjs'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: {
      // require() is how CommonJS imports.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    name: 'tilsagn/js-modules',
    files: ['**/*.mjs'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },

  // The console: Angular, in the browser.
  {
    name: 'tilsagn/frontend-ts',
    files: ['frontend/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended, angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    languageOptions: { globals: globals.browser },
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'app', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'app', style: 'camelCase' }],
    },
  },
  {
    name: 'tilsagn/frontend-templates',
    files: ['frontend/**/*.html'],
    extends: [angular.configs.templateRecommended, angular.configs.templateAccessibility],
  },

  {
    name: 'tilsagn/all-code',
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      'no-new-wrappers': 'error',
      // `_` marks a parameter or destructured field that is there on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  prettier,
);
