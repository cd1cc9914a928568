/** Shared by the tests that run the server and its CLI as real processes: paths, temp folders, environment. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

const dirs: string[] = [];

/** A temporary folder, removed after the current test. */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A run on a fresh SQLite folder: never the developer's DATABASE_URL or coordinator settings. */
export function processEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _db, COORDINATOR_USERNAME: _u, COORDINATOR_PASSWORD: _p, ...rest } = process.env;
  return { ...rest, HOST: '127.0.0.1', PORT: '0', APP_DIR: join(ROOT, 'no-app-here'), ...extra };
}
