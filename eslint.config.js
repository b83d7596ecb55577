// Lint: typescript-eslint's recommended rules, plus the architecture's import
// boundaries: core/ imports no adapter and no UI/Electron package; the renderer
// imports only types from core/ (its runtime talks to the contract, not the engine)
// and its shared values from shared/, which depends on nothing.
// (scripts/import-boundaries.test.ts proves each boundary rejects a bad import.)
// Globals follow where the code runs (Node, the page, or Node driving the page),
// the same split as the TypeScript programs (tsconfig.node/web/browser-tests.json);
// promise rules are type-aware, through those programs (docs/architecture.md).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import localRules from './scripts/eslint-no-import-cycle.mjs';

/** Node code that drives the page: Playwright specs, the bench that runs them, the renderer's unit tests (vitest). */
const nodeDrivingPage = ['e2e/**', 'bench/index.ts', 'renderer/src/**/*.test.ts', 'renderer/src/**/*.test.tsx'];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', 'artifacts/', 'conformance/.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Node everywhere (core, cli, electron, test-gateway, scripts, smoke, bench, conformance, configs)…
  { ignores: ['renderer/src/**', 'shared/**', ...nodeDrivingPage], languageOptions: { globals: globals.node } },
  // …the browser for the dashboard, what both have for shared/ (imported by each), both for Node driving the page.
  { files: ['renderer/src/**'], ignores: nodeDrivingPage, languageOptions: { globals: globals.browser } },
  { files: ['shared/**'], languageOptions: { globals: globals['shared-node-browser'] } },
  { files: nodeDrivingPage, languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  {
    // Type-aware: a promise nobody awaits loses its rejection (an unhandled
    // rejection ends the CLI and the main process), and an async callback where
    // a void one is expected (an event handler, forEach) does the same.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    plugins: { local: localRules },
    rules: {
      // No import cycles, type-only ones included (scripts/eslint-no-import-cycle.mjs).
      'local/no-import-cycle': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*', 'react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'electron-store'], message: 'core/ is framework-free: no Electron, React or UI packages.' },
          { group: ['**/electron/**', '**/renderer/**', '**/cli/**'], message: 'core/ must not import an adapter (electron/, renderer/, cli/).' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/core/**', '!**/core/types', '!**/core/api'], message: 'The renderer talks to the contract only: import types from core/types or core/api, and shared values from shared/.' },
          { group: ['**/core/types'], allowTypeImports: true, message: 'Import only types from core/types (use `import type`); values the renderer needs live in shared/.' },
          // The transports' lists, headers and error mapper: the browser-mode client is built from them.
          { group: ['**/core/api'], allowTypeImports: true, allowImportNames: ['contractOver', 'API_EVENTS', 'TOKEN_HEADER', 'CODE_HEADER', 'toErrorPayload'], message: 'Import only types from core/api (use `import type`), besides contractOver, API_EVENTS, TOKEN_HEADER, CODE_HEADER and toErrorPayload.' },
          { group: ['electron', 'node:*', 'fs', 'path', 'child_process'], message: 'The renderer runs sandboxed: no Node or Electron modules.' },
        ],
      }],
    },
  },
  {
    // shared/ is what every layer may import at run time, the renderer included: it depends on nothing but itself (and core/types, for types).
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(?!\\./|\\.\\./core/types$)', message: 'shared/ is dependency-free: import only from shared/ itself (and types from core/types).' },
          { group: ['../core/types'], allowTypeImports: true, message: 'shared/ imports only types from core/types (use `import type`).' },
        ],
      }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/core/**', '!**/core/api'], message: 'The preload only needs the contract lists from core/api.' }] }],
    },
  },
);
