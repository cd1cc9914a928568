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
  /** The API's base URL, once the process printed its whole start-up banner. */
  listening: Promise<string>;
  /** The exit code, or the signal that ended the process. */
  exited: Promise<NodeJS.Signals | number | null>;
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

export interface ServerProcOptions {
  /** How long `listening` waits for the banner before it rejects. */
  startTimeoutMs?: number;
}

/** The compiled server, as npm start runs it (built by test/global-setup.ts). */
export const SERVER_MAIN = join(ROOT, 'dist-server', 'main.mjs');

/**
 * The server compiled (dist-server/main.mjs, as npm start runs it) in a process of its own on 127.0.0.1, with a fresh data folder unless `env`
 * names its DATA_DIR; stopped after the file's tests if still running.
 */
export function startServerProc(env: Record<string, string>, { startTimeoutMs = 60_000 }: ServerProcOptions = {}): ServerProc {
  // Node itself, as `npm start` runs it, not a wrapper: a signal reaches the server's own process.
  const child = spawn(process.execPath, [SERVER_MAIN], { cwd: ROOT, env: processEnv({ ...env, DATA_DIR: env.DATA_DIR ?? tempDir('data-') }) });
  children.push(child);
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up message within ${startTimeoutMs} ms:\n${out}`)), startTimeoutMs);
    const look = () => {
      const m = /API:\s+(http:\/\/127\.0\.0\.1:\d+)\/api\//.exec(out);
      if (m?.[1] && /Stop the server/.test(out)) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', look);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${String(how)}) before listening:\n${out}`));
    });
  });
  return { child, output: () => out, listening, exited };
}
