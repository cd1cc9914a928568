// Lint rules, including the import boundaries of the architecture: dependencies point one way,
// survey ← contract ← store ← sync ← app, and survey ← contract ← server (build/lint-layers.js
// resolves each relative import to its layer; the patterns below keep packages in their layers).
// TypeScript files are linted with type information for the rules that need it (floating and
// misused promises, exhaustive switches). test/server/lint-rules.test.ts proves each rule bites.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers from './build/lint-layers.js';

const layer = (files, patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});
const only = (group, message, allowTypeImports = false) => ({ group, message, allowTypeImports });

const noDexie = only(['dexie', 'dexie/*'], 'Only src/store talks to IndexedDB (Dexie): call its named commands.');
const noNode = only(['node:*', 'fs', 'path', 'os', 'crypto'], 'Node built-ins belong to src/server, build/ and scripts/ only.');
const noI18n = only(['i18next', 'react-i18next'], 'Translations go through the i18n wrappers (src/app/i18n, src/app/coordinator/i18n.ts, src/app/respond/i18n.ts).', true);
const noZodInBrowser = only(
  ['zod', 'zod/*', '**/survey/schema', '**/survey/load', '**/survey/campaign'],
  'Definitions are checked at build time and by the server; the browser imports types only, to keep zod out of the first load.',
  true,
);

export default tseslint.config(
  // test/lint-probes: code that breaks a rule on purpose, linted by test/server/lint-rules.test.ts.
  { ignores: ['dist/', 'dist-server/', 'node_modules/', 'coverage/', 'dev-dist/', 'test/lint-probes/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'Conditions are data evaluated by the engine.' },
        { selector: "NewExpression[callee.name='Function']", message: 'Conditions are data evaluated by the engine.' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': ['warn', { additionalHooks: '(useLiveQuery)' }] },
  },
  layer(['src/survey/**'], [
    noDexie,
    noNode,
    only(['react', 'react-*'], 'The survey engine is pure: it imports zod and nothing with I/O.'),
  ]),
  layer(['src/contract/**'], [noDexie, noNode, only(['react', 'react-*'], 'The contract depends on the survey engine only.')]),
  layer(['src/store/**'], [noNode, noZodInBrowser, only(['react', 'react-*'], 'The store sits below sync and app.')]),
  layer(['src/sync/**'], [noDexie, noNode, noZodInBrowser, only(['react', 'react-*'], 'Sync has no React and sits below the app.')]),
  layer(['src/app/**', 'src/sw/**'], [noDexie, noNode, noZodInBrowser, noI18n]),
  // The i18n wrappers: the device's, the coordinators' and the respondents' (type imports are free).
  layer(['src/app/i18n/**', 'src/app/coordinator/i18n.ts', 'src/app/respond/i18n.ts'], [noDexie, noNode, noZodInBrowser]),
  layer(['src/server/**'], [noDexie, only(['react', 'react-*', 'i18next', 'react-i18next'], 'The server imports survey and contract only.')]),
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { layers },
    rules: {
      'layers/layers': 'error',
      // HTTP goes through its one wrapper (src/sync/http.ts; the coordinators' src/app/coordinator/api.ts):
      // timeouts, coded errors and credentials are decided there.
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Call the HTTP wrapper (src/sync/http.ts or src/app/coordinator/api.ts).' }],
      'no-restricted-properties': [
        'error',
        { object: 'globalThis', property: 'fetch', message: 'Call the HTTP wrapper (src/sync/http.ts or src/app/coordinator/api.ts).' },
        { object: 'window', property: 'fetch', message: 'Call the HTTP wrapper (src/sync/http.ts or src/app/coordinator/api.ts).' },
      ],
    },
  },
  {
    files: ['src/sync/http.ts', 'src/app/coordinator/api.ts'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // A focused test left in would skip the rest of the suite in CI.
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['describe', 'it', 'test'].map((object) => ({ object, property: 'only', message: 'Remove .only: CI would run this test alone.' })),
      ],
    },
  },
);
