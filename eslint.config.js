// Lint rules, including the import boundaries of the architecture: dependencies point one way,
// survey ← contract ← store ← sync ← app, and survey ← contract ← server.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const layer = (files, patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});
const only = (group, message, allowTypeImports = false) => ({ group, message, allowTypeImports });

const noDexie = only(['dexie', 'dexie/*'], 'Only src/store talks to IndexedDB (Dexie): call its named commands.');
const noNode = only(['node:*', 'fs', 'path', 'os', 'crypto'], 'Node built-ins belong to src/server, build/ and scripts/ only.');
const noZodInBrowser = only(
  ['zod', 'zod/*', '**/survey/schema', '**/survey/load', '**/survey/campaign'],
  'Definitions are checked at build time and by the server; the browser imports types only, to keep zod out of the first load.',
  true,
);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'dev-dist/'] },
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
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  layer(['src/survey/**'], [
    noDexie,
    noNode,
    only(['react', 'react-*', '**/contract/**', '**/store/**', '**/sync/**', '**/app/**', '**/server/**'], 'The survey engine is pure: it imports zod and nothing else of ours with I/O.'),
  ]),
  layer(['src/contract/**'], [noDexie, noNode, only(['react', '**/store/**', '**/sync/**', '**/app/**', '**/server/**'], 'The contract depends on the survey engine only.')]),
  layer(['src/store/**'], [noNode, noZodInBrowser, only(['react', 'react-*', '**/sync/**', '**/app/**', '**/server/**'], 'The store sits below sync and app.')]),
  layer(['src/sync/**'], [noDexie, noNode, noZodInBrowser, only(['react', 'react-*', '**/app/**', '**/server/**'], 'Sync has no React and sits below the app.')]),
  layer(['src/app/**', 'src/sw/**'], [noDexie, noNode, noZodInBrowser, only(['**/server/**'], 'The app talks to the server over HTTP only.')]),
  layer(['src/server/**'], [noDexie, only(['react', 'react-*', '**/store/**', '**/sync/**', '**/app/**'], 'The server imports survey and contract only.')]),
);
