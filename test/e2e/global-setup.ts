/**
 * Builds the app three times, once per run of `npm run test:e2e`: version "b1", which every
 * scenario serves, and versions "b2" and "b3", the "new deployments" of the update scenarios. The scenarios get the
 * folders with `inject('builds')`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from './harness';

export interface Builds {
  /** The first version (index.html carries <meta name="e2e-build" content="b1">). */
  v1: string;
  /** The same sources built as "b2": a different index.html, so a different service worker. */
  v2: string;
  /** A third version ("b3"): the deployment after b2. */
  v3: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    builds: Builds;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const root = mkdtempSync(join(tmpdir(), 'survey-e2e-builds-'));
  const started = Date.now();
  const builds: Builds = { v1: join(root, 'b1'), v2: join(root, 'b2'), v3: join(root, 'b3') };
  try {
    await Promise.all([buildApp(builds.v1, 'b1'), buildApp(builds.v2, 'b2'), buildApp(builds.v3, 'b3')]);
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  console.log(`e2e: built the app three times in ${((Date.now() - started) / 1000).toFixed(1)} s (${root})`);
  project.provide('builds', builds);
  return () => {
    if (!process.env.E2E_KEEP) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
