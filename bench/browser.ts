/** Debian's Chromium driven by playwright-core: a fresh profile, a 10-inch tablet, CPU slowed 4×. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { installProbes } from './probes';

export const CHROMIUM_PATH = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';
export const CPU_SLOWDOWN = 4;

/** Chromium's switches for a headless run in a container, without any background traffic (the e2e tests use them too). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  version: string;
  close(): Promise<void>;
}

/** Why the browser figures cannot be measured here, or undefined when they can. */
export function browserUnavailable(): string | undefined {
  return existsSync(CHROMIUM_PATH) ? undefined : `${CHROMIUM_PATH} not found (apt-get install -y chromium)`;
}

export async function launch(tmpRoot: string): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpRoot, 'profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: 'vi-VN',
    timeout: 60_000,
  });
  try {
    context.setDefaultTimeout(30_000);
    context.setDefaultNavigationTimeout(60_000);
    // tsx (esbuild keepNames) wraps named functions in __name(); functions serialised into the
    // page need it defined there.
    await context.addInitScript({ content: `globalThis.__name ??= (f) => f;\n(${installProbes.toString()})();` });
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    // Per page target; it stays in force across navigations and reloads of the page.
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const { product } = await cdp.send('Browser.getVersion');
    const version = /Chrome\/([\d.]+)/.exec(product)?.[1] ?? product;
    return {
      context,
      page,
      cdp,
      version,
      close: async () => {
        await Promise.race([context.close(), new Promise((r) => setTimeout(r, 15_000))]);
      },
    };
  } catch (e) {
    await context.close().catch(() => undefined);
    throw e;
  }
}

/**
 * Collects garbage, then the JS heap's used size (bytes) of the page. With `snapshotFile`
 * (BENCH_HEAP_SNAPSHOT) also writes a heap snapshot there, for DevTools' Memory panel.
 */
export async function usedHeapAfterGc(cdp: CDPSession, snapshotFile?: string): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  if (snapshotFile) {
    const chunks: string[] = [];
    const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    writeFileSync(snapshotFile, chunks.join(''));
  }
  return usedSize;
}
