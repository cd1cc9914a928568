/**
 * Calls the in-page helpers of probes.ts through raw CDP (`Runtime.evaluate` in the page's main
 * world), so Playwright injects nothing into the measured documents; input goes through
 * page.mouse and page.keyboard (CDP Input events, like a finger or a keyboard).
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import type { BenchApi } from './probes';

export interface Driver {
  page: Page;
  cdp: CDPSession;
}

type Api = BenchApi;

export async function call<K extends keyof Api>(d: Driver, name: K, ...args: Parameters<Api[K]>): Promise<Awaited<ReturnType<Api[K]>>> {
  // Right after a navigation commits, the init script may not have run yet: wait for it briefly.
  const expression =
    `(async () => { for (let i = 0; i < 500 && !window.__bench; i++) await new Promise((r) => setTimeout(r, 10));` +
    ` return window.__bench.api[${JSON.stringify(name)}](...${JSON.stringify(args)}); })()`;
  const result = await d.cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  if (result.exceptionDetails) {
    const e = result.exceptionDetails;
    throw new Error(`in the page, ${name}: ${e.exception?.description ?? e.text}`);
  }
  return result.result.value as Awaited<ReturnType<Api[K]>>;
}

/** Clicks the middle of the first element matching `selector` with the mouse. */
export async function clickAt(d: Driver, selector: string): Promise<string> {
  const point = await call(d, 'point', selector);
  if (!point) throw new Error(`nothing matches ${selector}`);
  await d.page.mouse.click(point.x, point.y);
  return point.target;
}

/**
 * `work`, with a Chrome trace of the page written to `file` when one is named (BENCH_TURN_TRACE):
 * the renderer's own events (style, layout, paint, script), which a CPU profile shows only as
 * "(program)". Open it in DevTools' Performance panel or in ui.perfetto.dev.
 */
export async function traced<T>(d: Driver, file: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!file) return work();
  await d.cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8.execute'] },
  });
  const result = await work();
  const complete = new Promise<string>((resolve) => d.cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)));
  await d.cdp.send('Tracing.end');
  const handle = await complete;
  const parts: string[] = [];
  for (;;) {
    const chunk = await d.cdp.send('IO.read', { handle, size: 1 << 20 });
    parts.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data);
    if (chunk.eof) break;
  }
  await d.cdp.send('IO.close', { handle });
  writeFileSync(file, parts.join(''));
  return result;
}

/**
 * `work`, with the page's CPU profile written to `file` when one is named (BENCH_SYNC_PROFILE,
 * BENCH_TAP_PROFILE, BENCH_TURN_PROFILE), `tailMs` after the work included; for a look in DevTools, or a split by
 * source with the build's source maps (BENCH_KEEP=1 keeps them).
 */
export async function profiled<T>(d: Driver, file: string | undefined, work: () => Promise<T>, tailMs = 0): Promise<T> {
  if (!file) return work();
  await d.cdp.send('Profiler.enable');
  await d.cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await d.cdp.send('Profiler.start');
  const result = await work();
  await new Promise((resolve) => setTimeout(resolve, tailMs));
  writeFileSync(file, JSON.stringify((await d.cdp.send('Profiler.stop')).profile));
  return result;
}
