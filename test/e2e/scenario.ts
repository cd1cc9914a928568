/**
 * One scenario's world: a scratch folder, the real server on a fresh data folder serving a build,
 * and Chromium on a fresh persistent profile that can be closed and launched again (a tablet
 * restarted). `close()` ends everything. Called inside a test: if the test fails, what the pages
 * logged and what the server printed are written to stderr.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { onTestFailed } from 'vitest';
import { closeBrowser, firstPage, launchBrowser, scratchDir, startServer, watchPage, type E2EServer } from './harness';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Scenario {
  server: E2EServer;
  /** The scenario's scratch folder (removed by `close()`). */
  scratch: string;
  /** The current browser (after `launch`). */
  context: BrowserContext;
  /** Errors and warnings the pages logged. */
  log: string[];
  /** Launches the browser on the scenario's profile (closing a running one first). */
  launch(options?: { offline?: boolean }): Promise<BrowserContext>;
  /** The browser's first page, watched. */
  page(): Promise<Page>;
  /** A new page (tab), watched. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** `definitionsDir`: the server's questionnaires and default campaigns, when not the project's survey-definitions/. */
export async function openScenario(name: string, appDir: string, options: { definitionsDir?: string } = {}): Promise<Scenario> {
  const scratch = scratchDir(name);
  const userDataDir = join(scratch.path, 'profile');
  mkdirSync(userDataDir);
  const log: string[] = [];
  let context: BrowserContext | undefined;
  let server: E2EServer;
  try {
    server = await startServer({ appDir, scratch: scratch.path, definitionsDir: options.definitionsDir });
  } catch (e) {
    scratch.remove();
    throw e;
  }
  onTestFailed(() => console.error(diagnostics(scenario)));
  const scenario: Scenario = {
    server,
    scratch: scratch.path,
    get context() {
      if (!context) throw new Error('the browser is not launched');
      return context;
    },
    log,
    async launch(options = {}) {
      await closeBrowser(context);
      context = await launchBrowser({ userDataDir, ...options });
      return context;
    },
    async page() {
      return watchPage(await firstPage(scenario.context), log);
    },
    async newPage() {
      return watchPage(await scenario.context.newPage(), log);
    },
    async close() {
      await closeBrowser(context);
      context = undefined;
      await server.stop();
      scratch.remove();
    },
  };
  return scenario;
}

/** The coordinator's account the server's first start created and printed (its generated password). */
export function printedAccount(output: string): { username: string; password: string } {
  const m = /username: (\S+)\s*\n\s*password: (\S+)/.exec(output);
  if (!m) throw new Error(`the server did not print a coordinator account:\n${output}`);
  return { username: m[1]!, password: m[2]! };
}

/** The page log and the server's output, for a failed scenario's message. */
export function diagnostics(s: Scenario | undefined): string {
  if (!s) return '';
  return [`page log:\n  ${s.log.join('\n  ') || '(nothing)'}`, `server output:\n${s.server.output() || '(nothing)'}`].join('\n');
}
