// @vitest-environment node
/**
 * The lint rules bite: a probe across each forbidden boundary of the architecture, and each of the
 * rules the code's habits rely on, is an error for `npm run lint` (ESLint with this project's
 * eslint.config.js). Import probes are linted as text at a path inside each layer; the typed rules'
 * probes are files in test/lint-probes (ignored by the normal run).
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './process-helpers';

/** Without type information (and the rules needing it): the import rules need none, and the probes' paths do not exist. */
const untyped = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off', '@typescript-eslint/switch-exhaustiveness-check': 'off' },
  },
});

async function rulesBroken(code: string, filePath: string): Promise<string[]> {
  const [result] = await untyped.lintText(code, { filePath: join(ROOT, filePath) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

/** The rules that keep boundaries: each refused probe breaks exactly one of them. */
const BOUNDARY_RULES = ['layers/layers', '@typescript-eslint/no-restricted-imports', 'no-restricted-globals', 'no-restricted-properties'];

/** [the importing file, the import] that must be refused. */
const FORBIDDEN: [string, string][] = [
  ['src/survey/probe.ts', "import { x } from '../contract';"],
  ['src/survey/probe.ts', "import { x } from '../store';"],
  ['src/survey/probe.ts', "import React from 'react';"],
  ['src/contract/probe.ts', "import { x } from '../store';"],
  ['src/contract/probe.ts', "import { x } from '../server/app';"],
  ['src/store/probe.ts', "import { x } from '../sync';"],
  ['src/store/probe.ts', "import { x } from '../app/main';"],
  ['src/sync/probe.ts', "import { x } from '../app';"],
  ['src/sync/deep/probe.ts', "export { x } from '../../server/app';"],
  ['src/app/probe.ts', "import { x } from '../server/app';"],
  ['src/app/probe.ts', "const m = import('../server/app');"],
  ['src/server/probe.ts', "import { x } from '../sync';"],
  ['src/server/routes/probe.ts', "import { x } from '../../store';"],
  ['src/server/probe.ts', "import { x } from '../app';"],
  // Packages kept in their layer.
  ['src/app/probe.ts', "import Dexie from 'dexie';"],
  ['src/sync/probe.ts', "import { readFileSync } from 'node:fs';"],
  ['src/app/probe.ts', "import i18next from 'i18next';"],
  ['src/app/form/probe.ts', "import { useTranslation } from 'react-i18next';"],
  // HTTP through its wrapper.
  ['src/app/probe.ts', "export const r = fetch('/api/health');"],
  ['src/sync/probe.ts', "export const r = globalThis.fetch('/api/health');"],
];

/** Imports each layer may make: the rule must not cry wolf. */
const ALLOWED: [string, string][] = [
  ['src/contract/probe.ts', "export { x } from '../survey';"],
  ['src/store/probe.ts', "export { x } from '../contract';"],
  ['src/sync/probe.ts', "export { x } from '../store';"],
  ['src/app/probe.ts', "export { x } from '../sync';"],
  ['src/app/probe.ts', "export { x } from './sync/status';"],
  ['src/server/probe.ts', "export { x } from './app';"],
  ['src/server/ingest/probe.ts', "export { x } from './store';"],
  ['src/server/probe.ts', "export { x } from '../contract';"],
  ['src/app/i18n/probe.ts', "export { default } from 'i18next';"],
  ['src/app/coordinator/probe.ts', "export type { TFunction } from 'i18next';"],
  ['src/sync/http.ts', "export const r = fetch('/api/health');"],
];

describe('npm run lint', () => {
  it.each(FORBIDDEN)('refuses, in %s: %s', async (file, code) => {
    const broken = await rulesBroken(code, file);
    expect(broken.filter((r) => BOUNDARY_RULES.includes(r))).toHaveLength(1);
  });

  it.each(ALLOWED)('lets through, in %s: %s', async (file, code) => {
    expect(await rulesBroken(code, file)).toEqual([]);
  });

  it('refuses a focused test (the probe is written here, so no file of the project holds one)', async () => {
    const focused = ['describe', 'it', 'test'].map((f) => `${f}.${'only'}('runs alone', () => undefined);`).join('\n');
    expect(await rulesBroken(`import { describe, it, test } from 'vitest';\n${focused}\n`, 'test/server/probe.test.ts')).toEqual([
      'no-restricted-properties',
      'no-restricted-properties',
      'no-restricted-properties',
    ]);
  });

  it('refuses floating and misused promises, non-exhaustive switches and stale disable directives', async () => {
    const typed = new ESLint({ cwd: ROOT, ignore: false });
    const probes = ['floating-promise', 'misused-promise', 'switch-not-exhaustive', 'unused-directive'];
    const results = await typed.lintFiles(probes.map((p) => join(ROOT, 'test', 'lint-probes', `${p}.ts`)));
    const broken = Object.fromEntries(results.map((r) => [r.filePath.replace(/^.*[/\\]/, '').replace(/\.ts$/, ''), r.messages.filter((m) => m.severity === 2).map((m) => m.ruleId)]));
    expect(broken).toEqual({
      'floating-promise': ['@typescript-eslint/no-floating-promises'],
      'misused-promise': ['@typescript-eslint/no-misused-promises'],
      'switch-not-exhaustive': ['@typescript-eslint/switch-exhaustiveness-check'],
      'unused-directive': [null],
    });
  }, 120_000);
});
