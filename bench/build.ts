/**
 * Builds the app for the benchmark: the bundled questionnaires (plus the generated large one while
 * it is the largest), with Vite's JS API into a temporary folder, and measures the bundle from
 * Vite's manifest.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { loadDefinitionFolder, surveyDefinitions } from '../build/definitions-plugin';
import { routePreload } from '../build/route-preload';
import type { Definition } from '../src/survey/types';
import { LARGE_FILE, LARGE_ID } from './large-definition';

/**
 * Copies survey-definitions/*.json into `defsDir`, with the generated large definition when it is
 * given (it is used only while every real questionnaire is smaller); checks them.
 */
export function prepareDefinitions(root: string, defsDir: string, large: Definition | undefined): void {
  mkdirSync(defsDir, { recursive: true });
  if (large) writeFileSync(join(defsDir, LARGE_FILE), JSON.stringify(large, null, 2));
  const source = join(root, 'survey-definitions');
  for (const f of readdirSync(source)) {
    if (f.endsWith('.json') && f !== 'schema.json' && f !== LARGE_FILE) copyFileSync(join(source, f), join(defsDir, f));
  }
  let loaded;
  try {
    loaded = loadDefinitionFolder(defsDir);
  } catch (e) {
    throw new Error(`The benchmark's questionnaires do not load (bench/large-definition.ts or survey-definitions/):\n${(e as Error).message}`, { cause: e });
  }
  if (large && !loaded.some((f) => f.definition.id === LARGE_ID)) throw new Error(`${LARGE_FILE} did not load as "${LARGE_ID}"`);
}

export async function buildApp(root: string, defsDir: string, outDir: string): Promise<void> {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [react(), surveyDefinitions(defsDir), routePreload()],
    // Source maps without their comment (the chunks' bytes unchanged) when the taps are profiled,
    // so that a profile can be split by source (BENCH_SYNC_PROFILE, BENCH_TAP_PROFILE, BENCH_TURN_PROFILE).
    build: { outDir, manifest: true, emptyOutDir: true, sourcemap: process.env.BENCH_TAP_PROFILE || process.env.BENCH_TURN_PROFILE || process.env.BENCH_TURN_ONLY_PROFILE || process.env.BENCH_SYNC_PROFILE ? 'hidden' : false },
  });
}

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface BundleFigures {
  firstLoadJsGzipBytes: number;
  interviewChunkGzipBytes: number;
  largestDefinitionChunkGzipBytes: number;
  /** Which files were counted, for the printout. */
  firstLoadFiles: string[];
  interviewFiles: string[];
  largestDefinitionFile: string;
}

/** The chunk keys `key` loads statically (itself included), depth first. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const k of manifest[key]?.imports ?? []) staticClosure(manifest, k, into);
  return into;
}

export function bundleFigures(outDir: string, defsDir: string): BundleFigures {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const gz = new Map<string, number>();
  const gzipBytes = (file: string) => {
    let n = gz.get(file);
    if (n === undefined) {
      n = gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length;
      gz.set(file, n);
    }
    return n;
  };
  const jsOf = (keys: Iterable<string>) => [...keys].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
  const sum = (files: string[]) => files.reduce((s, f) => s + gzipBytes(f), 0);

  const entryKey = Object.keys(manifest).find((k) => k === 'index.html') ?? Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entryKey) throw new Error('no entry chunk in the Vite manifest');
  const first = staticClosure(manifest, entryKey);
  const firstLoadFiles = jsOf(first);

  // The interview page: the entry's dynamic imports whose module is InterviewPage, plus what they
  // import statically that the first load does not already carry.
  const interviewKeys = new Set<string>();
  for (const k of manifest[entryKey]!.dynamicImports ?? []) {
    if (!/InterviewPage/.test(manifest[k]?.src ?? k)) continue;
    for (const dep of staticClosure(manifest, k)) if (!first.has(dep)) interviewKeys.add(dep);
  }
  if (interviewKeys.size === 0) throw new Error('no lazily loaded chunk containing InterviewPage in the Vite manifest');
  const interviewFiles = jsOf(interviewKeys);

  // Definition chunks: one per questionnaire file (their source is a .json in defsDir).
  const defsName = defsDir.split(/[\\/]/).pop()!;
  const definitionFiles = Object.entries(manifest)
    .filter(([k, c]) => (c.src ?? k).endsWith('.json') && (c.src ?? k).includes(defsName))
    .map(([, c]) => c.file);
  if (definitionFiles.length === 0) throw new Error('no questionnaire chunk in the Vite manifest');
  const largestDefinitionFile = definitionFiles.reduce((a, b) => (gzipBytes(b) > gzipBytes(a) ? b : a));

  return {
    firstLoadJsGzipBytes: sum(firstLoadFiles),
    interviewChunkGzipBytes: sum(interviewFiles),
    largestDefinitionChunkGzipBytes: gzipBytes(largestDefinitionFile),
    firstLoadFiles,
    interviewFiles,
    largestDefinitionFile,
  };
}
