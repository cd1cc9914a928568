/**
 * coldOfflineStartMs: the time from a cold offline start to an interactive home screen.
 *
 * The app is built with the repository's vite.config.ts (its service worker included) and served
 * on 127.0.0.1; Chromium opens it once online so the service worker installs and precaches the
 * app. Then the network is cut, and each run: the service worker is stopped (so it starts cold,
 * as after a tablet's restart), a brand-new page with its CPU slowed 4× navigates to the app, and
 * the page records when the home screen is interactive: the questionnaires' "Bắt đầu" buttons are
 * in the DOM and the drafts have been read from IndexedDB (no "Đang tải…"), plus the frame that
 * shows them. The figure is milliseconds from the navigation's start (performance.timeOrigin),
 * the median of the runs. Each run's response must come from the service worker.
 *
 * The service worker's own thread is not throttled (CDP throttles the page's target only).
 */
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { CPU_SLOWDOWN, launch, type Browser } from './browser';
import { startPreview, type Server } from './server';
import { median, round1 } from './stats';

export const OFFLINE_START_RUNS = 5;

export interface OfflineStartResult {
  medianMs: number;
  samples: number[];
  note: string;
}

export interface OfflineStartOptions {
  /** The repository (its vite.config.ts and survey-definitions/ are used). */
  root: string;
  /** A scratch folder: the build and the browser profile go under it. */
  tmp: string;
  runs?: number;
  log?: (message: string) => void;
}

/** Runs in the page from its first script: records when the home screen became interactive. */
function homeReadyProbe(): void {
  const w = window as unknown as { __homeReady?: Promise<{ domMs: number; paintedMs: number }> };
  w.__homeReady = new Promise((resolve) => {
    const ready = () => {
      const start = document.querySelector('section[aria-labelledby="new-heading"] li.card button');
      const drafts = document.querySelector('section[aria-labelledby="drafts-heading"]');
      return start !== null && drafts !== null && !drafts.textContent?.includes('Đang tải');
    };
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      const domMs = performance.now();
      // The frame that shows it: after the next animation frame's rendering, a task.
      requestAnimationFrame(() => setTimeout(() => resolve({ domMs, paintedMs: performance.now() }), 0));
    });
    observer.observe(document, { subtree: true, childList: true, characterData: true });
  });
}

async function buildWithServiceWorker(root: string, outDir: string): Promise<void> {
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    // Loaded through Vite's module runner: the default bundling loader warns on every build.
    configLoader: 'runner',
    mode: 'production',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

async function installServiceWorker(b: Browser, url: string): Promise<void> {
  await b.page.goto(url);
  // A loop in the page: page.waitForFunction does not await an async predicate's promise.
  await b.page.evaluate(async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const reg = await navigator.serviceWorker.getRegistration();
      if (reg?.active?.state === 'activated' && navigator.serviceWorker.controller) return;
      if (Date.now() > deadline) throw new Error('the service worker did not install and activate within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
}

async function oneRun(context: BrowserContext, url: string): Promise<{ domMs: number; paintedMs: number }> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    // tsx (esbuild keepNames) wraps named functions in __name(); define it for the page.
    await page.addInitScript({ content: `globalThis.__name ??= (f) => f;\n(${homeReadyProbe.toString()})();` });
    const response = await page.goto(url, { waitUntil: 'commit' });
    if (!response?.fromServiceWorker()) throw new Error('the offline start was not served by the service worker');
    const result = await cdp.send('Runtime.evaluate', { expression: 'window.__homeReady', awaitPromise: true, returnByValue: true, timeout: 60_000 });
    if (result.exceptionDetails) throw new Error(`in the page: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
    return result.result.value as { domMs: number; paintedMs: number };
  } finally {
    await page.close();
  }
}

/** Builds, serves, installs, then measures `runs` cold offline starts. Cleans up what it started. */
export async function measureColdOfflineStart(options: OfflineStartOptions): Promise<OfflineStartResult> {
  const runs = options.runs ?? OFFLINE_START_RUNS;
  const log = options.log ?? (() => undefined);
  const outDir = join(options.tmp, 'dist-pwa');
  log(`cold offline start: building the app with its service worker into ${outDir}`);
  await buildWithServiceWorker(options.root, outDir);
  let server: Server | undefined;
  let b: Browser | undefined;
  try {
    server = await startPreview(options.root, outDir);
    b = await launch(options.tmp);
    log(`cold offline start: installing the service worker from ${server.url}, then ${runs} starts offline`);
    await installServiceWorker(b, `${server.url}/`);
    await b.context.setOffline(true);
    await b.cdp.send('ServiceWorker.enable');
    const samples: number[] = [];
    const doms: number[] = [];
    for (let i = 0; i < runs; i++) {
      await b.cdp.send('ServiceWorker.stopAllWorkers');
      const r = await oneRun(b.context, `${server.url}/`);
      samples.push(round1(r.paintedMs));
      doms.push(round1(r.domMs));
    }
    const medianMs = round1(median(samples));
    const note =
      `cold offline start (service worker stopped, network off, new page, CPU ${CPU_SLOWDOWN}×, SW thread not throttled): ` +
      `interactive home painted ${samples.join(', ')} ms (median ${medianMs}); in the DOM ${doms.join(', ')} ms`;
    return { medianMs, samples, note };
  } finally {
    await b?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
  }
}
