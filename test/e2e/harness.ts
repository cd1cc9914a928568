/**
 * The real-browser harness: builds of the app, the real collection server as a child process on
 * 127.0.0.1 with a fresh data folder, the coordinator's CLI to issue enrolment codes, Debian's
 * Chromium with a fresh persistent profile, and read-only looks into the server's SQLite file.
 * Everything is bounded: each child process and wait has a time limit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../bench/browser';
import { BUILD_MARKER, CHROMIUM_PATH, ROOT } from './paths';

/** Node with tsx's loader, in one process (so a signal reaches the server itself). */
const TSX = ['--import', 'tsx'];

// ---------------------------------------------------------------------------------------------
// Child processes

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Keeps the last `max` characters of a stream, for error messages. */
function tail(max = 20_000) {
  let text = '';
  return {
    add: (chunk: Buffer) => {
      text = (text + chunk.toString('utf8')).slice(-max);
    },
    get: () => text,
  };
}

const children = new Set<ChildProcess>();
// A crashed test file must not leave servers behind.
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Runs `node --import tsx <args>` in the repository to completion, within `timeoutMs`. */
export function runTsx(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    const out = tail();
    const err = tail();
    child.stdout.on('data', out.add);
    child.stderr.on('data', err.add);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} took longer than ${timeoutMs / 1000} s\n${err.get()}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      children.delete(child);
      reject(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, stdout: out.get(), stderr: err.get() });
    });
  });
}

/** An environment for our child processes: this one, without vitest's NODE_ENV=test. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_ENV;
  // The real-browser runs use the embedded SQLite database in a fresh DATA_DIR (and read it
  // directly), even when CI has pointed DATABASE_URL at PostgreSQL for the server suites.
  delete env.DATABASE_URL;
  delete env.VITEST;
  delete env.VITEST_MODE;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;
  return env;
}

// ---------------------------------------------------------------------------------------------
// Builds

/**
 * Builds the app with the repository's vite.config.ts into `outDir`, marked `label` (see
 * build-app.ts). In a child process: Vite must see a production build, not vitest's NODE_ENV.
 */
export async function buildApp(outDir: string, label: string): Promise<void> {
  const result = await runTsx(['test/e2e/build-app.ts', outDir, label], childEnv({ VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' }), 240_000);
  if (result.code !== 0) throw new Error(`building the app (${label}) failed:\n${result.stderr}\n${result.stdout}`);
  for (const file of ['index.html', 'sw.js', 'manifest.webmanifest']) {
    if (!existsSync(join(outDir, file))) throw new Error(`the build (${label}) has no ${file}: is the PWA plugin configured?`);
  }
}

// ---------------------------------------------------------------------------------------------
// The server

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface StoredSubmission {
  id: string;
  surveyId: string;
  surveyVersion: number;
  respondentGroup: string;
  stratum: string | null;
  lang: string;
  answers: Record<string, unknown>;
  deviceId: string;
}

interface SubmissionRow {
  id: string;
  survey_id: string;
  survey_version: number;
  respondent_group: string;
  stratum: string | null;
  lang: string;
  answers: string;
  device_id: string;
}

export interface E2EServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  port: number;
  dataDir: string;
  appDir: string;
  /** A one-time enrolment code, from the coordinator's CLI (`npm run enrol`). */
  issueCode(name: string): Promise<string>;
  /** Every stored interview, read from the SQLite file (read-only). */
  submissions(): StoredSubmission[];
  /** Stops the server and starts it again on the same port and data, serving `appDir` (a deploy). */
  restart(appDir?: string): Promise<void>;
  stop(): Promise<void>;
  /** What the server printed, for failure messages. */
  output(): string;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) while starting:\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`GET ${url}/api/health did not answer within ${timeoutMs / 1000} s (${last}):\n${output()}`);
}

async function stopChild(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

/** Starts `src/server/main.ts` on 127.0.0.1 with a fresh SQLite data folder under `scratch`. */
export async function startServer(options: { appDir: string; scratch: string; definitionsDir?: string | undefined }): Promise<E2EServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(options.scratch, 'data-'));
  const url = `http://127.0.0.1:${port}`;
  let appDir = options.appDir;
  let child: ChildProcess | undefined;
  const log = tail();
  const env = () =>
    childEnv({
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      APP_DIR: appDir,
      LOG_LEVEL: 'warn',
      ...(options.definitionsDir !== undefined ? { DEFINITIONS_DIR: options.definitionsDir } : {}),
    });

  async function start(): Promise<void> {
    const c = spawn(process.execPath, [...TSX, 'src/server/main.ts'], { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(c);
    c.stdout.on('data', log.add);
    c.stderr.on('data', log.add);
    child = c;
    try {
      await waitForHealth(url, c, log.get);
    } catch (e) {
      await stopChild(c);
      throw e;
    }
  }

  await start();
  const server: E2EServer = {
    url,
    port,
    dataDir,
    get appDir() {
      return appDir;
    },
    async issueCode(name) {
      const result = await runTsx(['src/server/cli.ts', 'enrol', '--name', name], env(), 60_000);
      const code = /^ {4}(\S+)\s*$/m.exec(result.stdout)?.[1];
      if (result.code !== 0 || !code) throw new Error(`npm run enrol failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
      return code;
    },
    submissions() {
      const db = new Database(join(dataDir, 'survey.sqlite'), { readonly: true, fileMustExist: true });
      try {
        const rows = db.prepare('select * from submissions order by completed_at').all() as SubmissionRow[];
        return rows.map((r) => ({
          id: r.id,
          surveyId: r.survey_id,
          surveyVersion: r.survey_version,
          respondentGroup: r.respondent_group,
          stratum: r.stratum,
          lang: r.lang,
          answers: JSON.parse(r.answers) as Record<string, unknown>,
          deviceId: r.device_id,
        }));
      } finally {
        db.close();
      }
    },
    async restart(next) {
      if (child) await stopChild(child);
      if (next) appDir = next;
      await start();
    },
    async stop() {
      if (child) await stopChild(child);
    },
    output: log.get,
  };
  return server;
}

// ---------------------------------------------------------------------------------------------
// The browser

export interface BrowserOptions {
  /** The profile folder: the service worker, its caches and IndexedDB live here. */
  userDataDir: string;
  /** Start with the network cut (navigator.onLine false, every request fails). */
  offline?: boolean;
}

/**
 * Chromium with a persistent profile: closing pages, or the whole browser and launching it again
 * on the same folder, keeps the service worker, its caches and IndexedDB, as on a tablet.
 */
export async function launchBrowser(options: BrowserOptions): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} not found: apt-get install -y chromium (or set E2E_CHROMIUM)`);
  const context = await chromium.launchPersistentContext(options.userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    offline: options.offline ?? false,
    viewport: { width: 1024, height: 768 },
    locale: 'vi-VN',
    timeout: 60_000,
  });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

/** Closes the browser, bounded (a hung close must not hang the run). */
export async function closeBrowser(context: BrowserContext | undefined): Promise<void> {
  if (!context) return;
  await Promise.race([context.close().catch(() => undefined), new Promise((r) => setTimeout(r, 15_000))]);
}

/** The context's one page (a persistent context opens with one), or a new one. */
export async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

/** What must never happen in a page: an uncaught exception, or something its Content-Security-Policy refused. */
export const pageFaults = (log: readonly string[]): string[] => log.filter((l) => l.startsWith('pageerror') || /Content Security Policy/i.test(l));

/** Collects what the page logs as errors and throws, to print when a scenario fails. */
export function watchPage(page: Page, into: string[]): Page {
  page.on('pageerror', (e) => into.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') into.push(`console.${m.type()}: ${m.text()}`);
  });
  return page;
}

/**
 * Waits until a service worker controls the page and is activated, i.e. it has precached the
 * whole app (install finished) and claimed the page. Returns its script URL.
 * (A loop in the page: page.waitForFunction does not await an async predicate's promise.)
 */
export async function waitForServiceWorker(page: Page, timeoutMs = 30_000): Promise<string> {
  return page.evaluate(async (timeout) => {
    const deadline = Date.now() + timeout;
    for (;;) {
      const reg = await navigator.serviceWorker.getRegistration();
      if (reg?.active?.state === 'activated' && navigator.serviceWorker.controller) return reg.active.scriptURL;
      if (Date.now() > deadline)
        throw new Error(`no activated service worker controls the page after ${timeout} ms (registration: ${reg ? `active ${reg.active?.state ?? 'none'}, installing ${reg.installing?.state ?? 'none'}, waiting ${reg.waiting?.state ?? 'none'}` : 'none'}; controller: ${navigator.serviceWorker.controller ? 'yes' : 'no'})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, timeoutMs);
}

/** The build label of the document shown (the e2e builds mark index.html). */
export async function buildLabel(page: Page): Promise<string | null> {
  return page.locator(`meta[name="${BUILD_MARKER}"]`).getAttribute('content', { timeout: 5_000 });
}

/** `work`, or an error naming `what` after `ms`. */
export async function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Scratch folders

/** A temporary folder for one scenario (profile, data); removed at the end unless E2E_KEEP. */
export function scratchDir(name: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `survey-e2e-${name}-`));
  return {
    path,
    remove: () => {
      if (!process.env.E2E_KEEP) rmSync(path, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
