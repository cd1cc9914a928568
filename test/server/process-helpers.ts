/** Shared by the tests that run the server and its CLI as real processes: paths, temp folders, environment. */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach } from 'vitest';

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

export interface ServerProc {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  /** The API's base URL, once the process printed its start-up message. */
  listening: Promise<string>;
  exited: Promise<number | null>;
}

const children: ChildProcessWithoutNullStreams[] = [];

/**
 * A server still running after its file's tests (a test failed before stopping it) is asked to
 * stop, then killed: SIGTERM first, since tsx passes it on to the server's own process, while a
 * SIGKILL to tsx would leave that process running on its own.
 */
afterAll(async () => {
  const running = children.splice(0).filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(
    running.map(
      (c) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            c.kill('SIGKILL');
            resolve();
          }, 10_000);
          c.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
});

/** src/server/main.ts in a process of its own on 127.0.0.1 (killed after the file's tests if still running). */
export function startServerProc(env: Record<string, string>): ServerProc {
  // Node itself, not the tsx wrapper: a signal reaches the server's own process.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: ROOT, env: processEnv({ DATA_DIR: tempDir('data-'), ...env }) });
  children.push(child);
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up message within 60 s:\n${out}`)), 60_000);
    const look = () => {
      const m = /API:\s+(http:\/\/127\.0\.0\.1:\d+)\/api\//.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${String(code)}) before listening:\n${out}`));
    });
  });
  return { child, output: () => out, listening, exited };
}
