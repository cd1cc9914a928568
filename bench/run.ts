/**
 * npm run bench: builds the app with a large questionnaire, measures the bundle, then opens and
 * fills an interview in Debian's Chromium (CPU slowed 4×, a 10-inch tablet viewport) and prints
 * the figures with their targets. Figures are reported, never asserted: a missed target is marked,
 * the exit code stays 0 unless something crashed. Writes bench/results.json.
 *
 * Environment: BENCH_CHROMIUM (default /usr/bin/chromium; without it the browser figures are
 * skipped), BENCH_KEEP=1 keeps the temporary folder (build, profile) for a look afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserUnavailable, CPU_SLOWDOWN, launch, usedHeapAfterGc, type Browser } from './browser';
import { buildApp, bundleFigures, prepareDefinitions } from './build';
import { dashboardFigures } from './dashboard';
import {
  answerSection,
  createDraft,
  openSection,
  readRecord,
  recordIdOf,
  sectionById,
  timeClicks,
  timeOpen,
  timeNoopClicks,
  timeWrites,
  wrongAnswers,
  type OpenTiming,
  type Target,
} from './interview';
import { LARGE_ID, largeDefinition, LONGEST_SECTION, MATRIX_ID } from './large-definition';
import { figure, missed, printTable, writeResults, type Figure } from './report';
import { measureColdOfflineStart } from './offline-start';
import { startPreview, type Server } from './server';
import { max, median, percentile, round1 } from './stats';
import type { Definition } from '../src/survey/types';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'results.json');
/** The whole run is bounded; Playwright's own timeouts bound each step. */
const TIME_LIMIT_MS = 10 * 60_000;

const OPEN_RUNS = 5;
const ANSWERED_FOR_HEAP = 60;
const WRITE_CHANGES = 200;

const BROWSER_FIGURES = [
  'firstSectionInteractiveMs',
  'firstSectionDomMs',
  'clickToPaintFloorMs',
  'clickToPaintP50Ms',
  'clickToPaintMaxMs',
  'longestSectionInteractiveMs',
  'heapAfterAnswersBytes',
  'answerWriteP50Ms',
  'answerWriteP95Ms',
  'coldOfflineStartMs',
];

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const log = (message: string) => console.log(`· ${message}`);

/** Medians over several fresh opens of the current section; the median run's breakdown. */
async function timeOpens(b: Browser, url: string, def: Definition, sectionId: string): Promise<{ timings: OpenTiming[]; median: OpenTiming }> {
  const timings: OpenTiming[] = [];
  for (let i = 0; i < OPEN_RUNS; i++) timings.push(await timeOpen(b, url, sectionById(def, sectionId)));
  const sorted = [...timings].sort((a, c) => a.interactiveMs - c.interactiveMs);
  return { timings, median: sorted[Math.floor(sorted.length / 2)]! };
}

async function browserFigures(b: Browser, baseUrl: string, def: Definition, notes: string[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  const longest = sectionById(def, LONGEST_SECTION);

  log('creating a draft of the large questionnaire through the UI');
  const url = await createDraft(b.page, baseUrl, def);
  const id = recordIdOf(url);

  log(`opening ${url} ${OPEN_RUNS}× (first section)`);
  const open = await timeOpens(b, url, def, def.sections[0]!.id);
  figures.push(figure('firstSectionInteractiveMs', round1(median(open.timings.map((t) => t.interactiveMs))), 'ms'));
  figures.push(figure('firstSectionDomMs', round1(median(open.timings.map((t) => t.domMs))), 'ms'));
  notes.push(`first section (${def.sections[0]!.questions.length} questions), median run: ${open.median.breakdown}`);

  // ~40 clicks on the longest section: a matrix cell per department and 20 single choices.
  log(`clicking 40 answers on the longest section (${longest.questions.length} questions)`);
  await openSection(b, def, LONGEST_SECTION);
  const matrix = longest.questions.find((q) => q.id === MATRIX_ID);
  if (matrix?.type !== 'matrix') throw new Error(`${MATRIX_ID} is not a matrix`);
  const rows = def.lists?.[matrix.rowsFrom ?? '']?.map((r) => r.value) ?? [];
  const scale = def.scales?.[matrix.scale]?.options.map((o) => o.value) ?? [];
  const singles = longest.questions.filter((q) => q.type === 'single' && q.layout === 'horizontal' && q.scale === 'sat5' && !q.visibleIf).map((q) => q.id);
  if (rows.length < 20 || scale.length < 2 || singles.length < 20)
    throw new Error(`${LONGEST_SECTION} needs a matrix of 20 rows and 20 single choices on the 5-point scale (bench/large-definition.ts)`);
  const clicks: { target: Target; value: string }[] = [];
  for (let i = 0; i < 20; i++) {
    clicks.push({ target: { questionId: MATRIX_ID, row: rows[i]! }, value: scale[i % scale.length]! });
    clicks.push({ target: { questionId: singles[i]! }, value: String((i % 5) + 1) });
  }
  const floor = await timeNoopClicks(b, 10);
  figures.push(figure('clickToPaintFloorMs', round1(median(floor)), 'ms'));
  const paints = await timeClicks(b, id, clicks);
  figures.push(figure('clickToPaintP50Ms', round1(median(paints)), 'ms'));
  figures.push(figure('clickToPaintMaxMs', round1(max(paints)), 'ms'));
  const matrixPaints = paints.filter((_, i) => i % 2 === 0);
  const singlePaints = paints.filter((_, i) => i % 2 === 1);
  notes.push(
    `click → paint on the longest section: matrix cells p50 ${round1(median(matrixPaints))} ms / max ${round1(max(matrixPaints))} ms, ` +
      `single choices p50 ${round1(median(singlePaints))} ms / max ${round1(max(singlePaints))} ms; ` +
      `clicks that change nothing (the heading; clickToPaintFloorMs): p50 ${round1(median(floor))} ms / max ${round1(max(floor))} ms`,
  );

  log(`opening the interview ${OPEN_RUNS}× on the longest section`);
  const openLongest = await timeOpens(b, url, def, LONGEST_SECTION);
  figures.push(figure('longestSectionInteractiveMs', round1(median(openLongest.timings.map((t) => t.interactiveMs))), 'ms'));
  notes.push(`longest section (${longest.questions.length} questions, 20-row matrix), median run: ${openLongest.median.breakdown}`);

  log(`answering up to ${ANSWERED_FOR_HEAP} questions, then measuring the JS heap`);
  let answered = (await readRecord(b, id)).progress.answered;
  for (const section of def.sections) {
    if (answered >= ANSWERED_FOR_HEAP) break;
    await openSection(b, def, section.id);
    answered = await answerSection(b, id, def, section.id, ANSWERED_FOR_HEAP);
  }
  if (answered < ANSWERED_FOR_HEAP) throw new Error(`only ${answered} questions could be answered`);
  // Measured on the longest section, the largest page an interviewer sees.
  await openSection(b, def, LONGEST_SECTION);
  figures.push(figure('heapAfterAnswersBytes', await usedHeapAfterGc(b.cdp), 'bytes'));
  notes.push(`heap: the page's V8 heap after a forced GC, ${answered} questions answered, on the longest section; Playwright injected nothing into this document`);

  log(`changing ${WRITE_CHANGES} answers and timing the saves`);
  const targets = [
    ...singles.slice(0, 10).map((q) => ({ target: { questionId: q }, values: ['4', '5'] as [string, string] })),
    ...rows.slice(0, 10).map((row) => ({ target: { questionId: MATRIX_ID, row }, values: ['3', '4'] as [string, string] })),
  ];
  const writes = await timeWrites(b, id, targets, WRITE_CHANGES);
  figures.push(figure('answerWriteP50Ms', round1(median(writes.samples)), 'ms'));
  figures.push(figure('answerWriteP95Ms', round1(percentile(writes.samples, 95)), 'ms'));
  notes.push(
    `answer writes: ${writes.samples.length} changes, max ${round1(max(writes.samples))} ms` +
      (writes.viaIndexedDb > 0 ? `, ${writes.viaIndexedDb} timed by reading IndexedDB (the status never showed "saving")` : ''),
  );

  // Once at the end: IndexedDB holds the last value clicked on every target.
  const wrong = await wrongAnswers(b, id, writes.last);
  if (wrong.length > 0) throw new Error(`IndexedDB does not hold the last answers of ${wrong.join(', ')}`);
  return figures;
}

async function main(): Promise<number> {
  const tmp = mkdtempSync(join(tmpdir(), 'survey-bench-'));
  const defsDir = join(tmp, 'definitions');
  const outDir = join(tmp, 'dist');
  const figures: Figure[] = [];
  const notes: string[] = [];
  const loadAtStart = loadavg()[0]!;
  const machineParts = [`${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores`, `node ${process.version}`];
  let server: Server | undefined;
  let browser: Browser | undefined;
  let failure: unknown;
  try {
    const def = largeDefinition();
    prepareDefinitions(ROOT, defsDir, def);
    log(`building the app with ${LARGE_ID} (${def.sections.length} sections) into ${outDir}`);
    await withTimeout(buildApp(ROOT, defsDir, outDir), 120_000, 'the build');
    const bundle = bundleFigures(outDir, defsDir);
    figures.push(figure('firstLoadJsGzipBytes', bundle.firstLoadJsGzipBytes, 'bytes'));
    figures.push(figure('interviewChunkGzipBytes', bundle.interviewChunkGzipBytes, 'bytes'));
    figures.push(figure('largestDefinitionChunkGzipBytes', bundle.largestDefinitionChunkGzipBytes, 'bytes'));
    notes.push(`first load: ${bundle.firstLoadFiles.join(', ')}; interview: ${bundle.interviewFiles.join(', ')}; largest definition: ${bundle.largestDefinitionFile}`);

    // The coordinators' dashboard with 200,000 interviews stored (SQLite, and PostgreSQL with DATABASE_URL).
    try {
      figures.push(...(await withTimeout(dashboardFigures(notes, log), 5 * 60_000, 'the dashboard measurement')));
    } catch (e) {
      notes.push(`dashboard figures failed: ${e instanceof Error ? e.message : String(e)}`);
    }

    const unavailable = browserUnavailable();
    if (unavailable) {
      machineParts.push('no chromium');
      notes.push(`skipped ${BROWSER_FIGURES.join(', ')}: ${unavailable}`);
    } else {
      server = await withTimeout(startPreview(ROOT, outDir), 30_000, 'starting the preview server');
      log(`serving ${server.url}`);
      browser = await launch(tmp);
      machineParts.push(`chromium ${browser.version}`, `CPU throttled ${CPU_SLOWDOWN}×`);
      const b = browser;
      const baseUrl = server.url;
      figures.push(...(await withTimeout(browserFigures(b, baseUrl, def, notes), TIME_LIMIT_MS, 'the browser measurements')));
      // Issue 4: a cold start with no network, served by the service worker (its own build and browser).
      const offline = await withTimeout(measureColdOfflineStart({ root: ROOT, tmp, log }), 5 * 60_000, 'the cold offline start');
      figures.push(figure('coldOfflineStartMs', offline.medianMs, 'ms'));
      notes.push(offline.note);
    }
  } catch (e) {
    failure = e;
  } finally {
    await browser?.close().catch((e: unknown) => console.error('closing the browser:', e));
    await server?.close().catch((e: unknown) => console.error('closing the server:', e));
    if (!process.env.BENCH_KEEP) rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  }

  const machine = machineParts.join(', ');
  if (browser) notes.push(`load average (1 min) at start ${loadAtStart.toFixed(1)}, at end ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores: other work on the machine slows the timings`);
  console.log('');
  printTable(figures);
  console.log('');
  for (const n of notes) console.log(`- ${n}`);
  console.log(`- machine: ${machine}`);
  const missedKeys = figures.filter(missed).map((f) => f.key);
  if (missedKeys.length > 0) console.log(`- missed targets: ${missedKeys.join(', ')}`);
  if (failure) {
    console.error('\nThe benchmark did not finish:', failure);
    return 1;
  }
  writeResults(RESULTS, figures, machine);
  console.log(`- wrote ${RESULTS}`);
  return 0;
}

// A last resort against anything that outlives the limits above (e.g. a hung browser close).
const watchdog = setTimeout(() => {
  console.error('bench: still running after the time limit; exiting');
  process.exit(2);
}, TIME_LIMIT_MS + 4 * 60_000);
watchdog.unref();

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
