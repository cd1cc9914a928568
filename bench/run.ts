/**
 * npm run bench: builds the app with the largest questionnaire, measures the bundle, the
 * coordinators' dashboard, an interview in Debian's Chromium (CPU slowed 4×, a 10-inch tablet
 * viewport), a cold offline start, the upload of 5,000 interviews, the server's ingest rate, its
 * start with a million interviews stored and its exports, and prints the figures with their
 * targets. Figures are reported, never asserted: a missed target is marked, the exit code stays 0
 * unless something crashed. Writes bench/results.json.
 *
 * `npm run bench -- <part>…` runs only some parts and prints their figures without writing
 * bench/results.json. The parts:
 * - bundle: the built app's first-load, interview and largest-definition chunks (gzip);
 * - dashboard: the coordinators' dashboard with 200,000 interviews (SQLite, PostgreSQL);
 * - interview: opening sections, taps, heap and answer writes in Chromium;
 * - offline: a cold start with no network (the service worker);
 * - sync: 5,000 queued interviews uploaded to a local server;
 * - ingest: the server's ingest rate against raw inserts (SQLite, PostgreSQL), and on PostgreSQL
 *   through 1, 2 and 3 server processes sharing one database;
 * - hostile: /api/health and uploads while hostile bodies arrive;
 * - listen: the server's start (spawn → listening, → /api/health) with 1,000,000 interviews stored,
 *   first and second start (SQLite, PostgreSQL);
 * - export: CSV and XLSX exports of 200,000 interviews: time, server memory, /api/health meanwhile
 *   (SQLite, PostgreSQL);
 * - xlsform: importing (and exporting) a 500-question XLSForm, as a coordinator's upload does.
 *
 * Environment: BENCH_CHROMIUM (default /usr/bin/chromium; without it the browser figures are
 * skipped and the sync runs in Node), DATABASE_URL (PostgreSQL; else the local socket is tried),
 * BENCH_KEEP=1 keeps the temporary folder (build, profiles, databases) for a look afterwards,
 * BENCH_SERVER_NODE_ARGS adds Node options to the server processes (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"),
 * BENCH_SYNC_PROFILE=<file> saves the page's CPU profile during the upload, BENCH_TAP_PROFILE=<file>
 * during the taps on the longest section, BENCH_TURN_PROFILE=<file> during the page turns (BENCH_TURN_TRACE=<file> a Chrome trace of them; BENCH_TURN_ONLY_PROFILE=<dir> one profile per turn, click to top painted),
 * BENCH_HEAP_SNAPSHOT=<file> a snapshot of the heap measured after the answers, BENCH_QUESTIONNAIRE=<id>
 * runs the interview figures on that questionnaire instead of the largest. Smaller counts for trial
 * runs (the figures keep their names; the notes say): BENCH_LISTEN_INTERVIEWS,
 * BENCH_EXPORT_INTERVIEWS, BENCH_INGEST_PROC_INTERVIEWS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserUnavailable, CPU_SLOWDOWN, launch, usedHeapAfterGc, type Browser } from './browser';
import { buildApp, bundleFigures, prepareDefinitions } from './build';
import { dashboardFigures } from './dashboard';
import { exportFigures } from './export';
import { hostileFigures } from './hostile';
import { ingestFigures } from './ingest';
import { xlsformFigures } from './xlsform';
import { listenFigures } from './listen';
import {
  answerSection,
  clickPlan,
  createDraft,
  firstShownSection,
  openSection,
  readRecord,
  recordIdOf,
  sectionById,
  shownSections,
  timeClicks,
  timePageTurns,
  timePlainTurns,
  timeOpen,
  timeNoopClicks,
  timeWrites,
  writePlan,
  wrongAnswers,
  type OpenTiming,
} from './interview';
import { figure, missed, printTable, writeResults, type Figure } from './report';
import { measureColdOfflineStart } from './offline-start';
import { profiled, traced } from './page';
import { answerableItems, chooseQuestionnaire, type Chosen } from './questionnaires';
import { startPreview, type Server } from './server';
import { max, median, percentile, round1 } from './stats';
import { syncFigures } from './sync';
import type { Definition } from '../src/survey/types';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'results.json');

/** Each part is bounded; Playwright's own timeouts bound each browser step. */
const PART_LIMITS_MS = {
  bundle: 2 * 60_000,
  // Seeding 200,000 interviews with their score rows (criteria, breakdowns) on each database.
  dashboard: 10 * 60_000,
  interview: 10 * 60_000,
  offline: 5 * 60_000,
  sync: 8 * 60_000,
  // Two databases, plus three runs through several server processes on PostgreSQL.
  ingest: 12 * 60_000,
  hostile: 3 * 60_000,
  // Seeding 1,000,000 interviews twice (about 2–4 min each on 2 cores), four starts.
  listen: 20 * 60_000,
  // SQLite then PostgreSQL: seeding 200,000 each, CSV (~15 s) and XLSX (~2 min) on each.
  export: 20 * 60_000,
  xlsform: 60_000,
} as const;
type Part = keyof typeof PART_LIMITS_MS;
const PARTS = Object.keys(PART_LIMITS_MS) as Part[];

const OPEN_RUNS = 5;
const CLICKS = 40;
const ANSWERED_FOR_HEAP = 60;
const WRITE_CHANGES = 200;
const WRITE_TARGETS = 20;

const BROWSER_FIGURES = [
  'firstSectionInteractiveMs',
  'firstSectionDomMs',
  'coldSlowOpenMs',
  'clickToPaintFloorMs',
  'clickToPaintP50Ms',
  'clickToPaintMaxMs',
  'tapConsequencesP50Ms',
  'tapConsequencesMaxMs',
  'layoutShiftWhileAnswering',
  'longestSectionInteractiveMs',
  'heapAfterAnswersBytes',
  'answerWriteP50Ms',
  'answerWriteP95Ms',
  'pageTurnP50Ms',
  'pageTurnMaxMs',
  'pageTurnWholeP50Ms',
  'pageTurnWholeMaxMs',
];

/** Back to the first section and forward again, after the first pass with Next. */
const TURN_PASSES = 2;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const log = (message: string) => console.log(`· ${message}`);

/** A slow mobile connection (Chrome's "Slow 4G" bandwidth with a longer round trip). */
const SLOW_NETWORK = { label: '300 ms round trip, 1.6 Mbit/s down, 750 kbit/s up', latency: 300, down: 1.6e6 / 8, up: 750e3 / 8 };
const SLOW_OPEN_RUNS = 3;

/** Runs `work` with the slow connection emulated and the HTTP cache off; restores both after. */
async function onSlowNetwork<T>(b: Browser, work: () => Promise<T>): Promise<T> {
  await b.cdp.send('Network.enable');
  await b.cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await b.cdp.send('Network.emulateNetworkConditions', { offline: false, latency: SLOW_NETWORK.latency, downloadThroughput: SLOW_NETWORK.down, uploadThroughput: SLOW_NETWORK.up });
  try {
    return await work();
  } finally {
    await b.cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await b.cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await b.cdp.send('Network.disable');
  }
}

/** Medians over several fresh opens of the current section; the median run's breakdown. */
async function timeOpens(b: Browser, url: string, def: Definition, sectionId: string, runs = OPEN_RUNS): Promise<{ timings: OpenTiming[]; median: OpenTiming }> {
  const timings: OpenTiming[] = [];
  for (let i = 0; i < runs; i++) timings.push(await timeOpen(b, url, sectionById(def, sectionId)));
  const sorted = [...timings].sort((a, c) => a.interactiveMs - c.interactiveMs);
  return { timings, median: sorted[Math.floor(sorted.length / 2)]! };
}

async function browserFigures(b: Browser, baseUrl: string, chosen: Chosen, notes: string[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  const def = chosen.definition;
  const first = firstShownSection(def);
  const longest = chosen.longest;
  const size = (s: { questions: Definition['sections'][number]['questions'] }) => `${s.questions.length} questions, ${answerableItems(def, s.questions)} items`;
  const which = `${def.id} from ${chosen.source} (${chosen.items} items)`;

  log(`creating a draft of ${def.id} through the UI`);
  const url = await createDraft(b.page, baseUrl, def);
  const id = recordIdOf(url);

  log(`opening ${url} ${OPEN_RUNS}× (first section)`);
  const open = await timeOpens(b, url, def, first.id);
  figures.push(figure('firstSectionInteractiveMs', round1(median(open.timings.map((t) => t.interactiveMs))), 'ms', `${which}, section ${first.id} (${size(first)})`));
  figures.push(figure('firstSectionDomMs', round1(median(open.timings.map((t) => t.domMs))), 'ms'));
  notes.push(`first section ${first.id} (${size(first)}), median run: ${open.median.breakdown}`);

  // The same address opened on a slow connection with nothing cached: a link followed on a phone,
  // a tablet whose browser data was cleared. What the route preload in index.html is for.
  log(`opening ${url} ${SLOW_OPEN_RUNS}× on a slow connection, nothing cached`);
  const slow = await onSlowNetwork(b, () => timeOpens(b, url, def, first.id, SLOW_OPEN_RUNS));
  figures.push(figure('coldSlowOpenMs', round1(median(slow.timings.map((t) => t.interactiveMs))), 'ms', `${SLOW_NETWORK.label}, HTTP cache disabled`));
  notes.push(`first section on a slow connection (${SLOW_NETWORK.label}, no cache), median run: ${slow.median.breakdown}`);

  // Clicks on the longest section: matrix cells and single choices in turn.
  const clicks = clickPlan(def, longest, CLICKS);
  if (clicks.length < 10) throw new Error(`section ${longest.id} of ${def.id} has only ${clicks.length} answer buttons always shown; the click figures need 10`);
  log(`clicking ${clicks.length} answers on the longest section ${longest.id} (${size(longest)})`);
  await openSection(b, def, id, longest.id);
  const floor = await timeNoopClicks(b, 10);
  figures.push(figure('clickToPaintFloorMs', round1(median(floor)), 'ms'));
  // BENCH_TAP_PROFILE: the taps' profile; the form's work after the last tap's paint belongs to them too.
  const tapped = await profiled(b, process.env.BENCH_TAP_PROFILE, () => timeClicks(b, id, clicks), 500);
  const paints = tapped.paints;
  figures.push(figure('clickToPaintP50Ms', round1(median(paints)), 'ms'));
  figures.push(figure('clickToPaintMaxMs', round1(max(paints)), 'ms'));
  figures.push(figure('tapConsequencesP50Ms', round1(median(tapped.consequences)), 'ms', 'tap → its every consequence painted (answer taken, progress, counts, skip logic)'));
  figures.push(figure('tapConsequencesMaxMs', round1(max(tapped.consequences)), 'ms'));
  figures.push(figure('layoutShiftWhileAnswering', Math.round(tapped.layoutShift * 10000) / 10000, 'CLS', 'every shift summed, recent input or not'));
  const of = (kind: 'matrix' | 'single') => paints.filter((_, i) => clicks[i]!.kind === kind);
  const kindNote = (kind: 'matrix' | 'single', label: string) => {
    const p = of(kind);
    return p.length > 0 ? `${label} (${p.length}) p50 ${round1(median(p))} ms / max ${round1(max(p))} ms` : `no ${label}`;
  };
  notes.push(
    `click → paint on the longest section: ${kindNote('matrix', 'matrix cells')}, ${kindNote('single', 'single choices')}; ` +
      `clicks that change nothing (the heading; clickToPaintFloorMs): p50 ${round1(median(floor))} ms / max ${round1(max(floor))} ms`,
  );

  log(`opening the interview ${OPEN_RUNS}× on the longest section`);
  const openLongest = await timeOpens(b, url, def, longest.id);
  figures.push(
    figure('longestSectionInteractiveMs', round1(median(openLongest.timings.map((t) => t.interactiveMs))), 'ms', `${which}, section ${longest.id} (${size(longest)})`),
  );
  notes.push(`longest section ${longest.id} (${size(longest)}), median run: ${openLongest.median.breakdown}`);

  log(`answering up to ${ANSWERED_FOR_HEAP} questions, then measuring the JS heap`);
  let answered = (await readRecord(b, id)).progress.answered;
  for (let i = 0; answered < ANSWERED_FOR_HEAP; i++) {
    // Skip logic may show more sections as answers come in: look again each time.
    const section = (await shownSections(b, def, id))[i];
    if (!section) break;
    await openSection(b, def, id, section.id);
    answered = await answerSection(b, id, def, section.id, ANSWERED_FOR_HEAP);
  }
  // A smaller questionnaire has fewer questions the scenario can answer (dates are skipped): all of them then.
  if (answered < Math.min(ANSWERED_FOR_HEAP, 10)) throw new Error(`only ${answered} questions could be answered`);
  // Measured on the longest section, the largest page an interviewer sees.
  await openSection(b, def, id, longest.id);
  // BENCH_HEAP_SNAPSHOT=<file>: the heap measured, as a snapshot.
  figures.push(figure('heapAfterAnswersBytes', await usedHeapAfterGc(b.cdp, process.env.BENCH_HEAP_SNAPSHOT), 'bytes'));
  notes.push(`heap: the page's V8 heap after a forced GC, ${answered} questions answered, on the longest section; Playwright injected nothing into this document`);

  const targets = writePlan(def, longest, WRITE_TARGETS);
  if (targets.length < 2) throw new Error(`section ${longest.id} of ${def.id} has fewer than 2 answers to change back and forth`);
  log(`changing ${WRITE_CHANGES} answers (${targets.length} questions or rows) and timing the saves`);
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

  log(`a fresh draft: every section answered, then Next; then ${TURN_PASSES}× Back to the start and Next to the end`);
  const turnDraft = recordIdOf(await createDraft(b.page, baseUrl, def));
  // BENCH_TURN_PROFILE: the page turns' profile (the answers between them included).
  // BENCH_TURN_TRACE: a Chrome trace of them instead (style, layout, paint), for a split by kind.
  const turns = await traced(b, process.env.BENCH_TURN_TRACE, () => profiled(b, process.env.BENCH_TURN_PROFILE, () => timePageTurns(b, def, turnDraft, TURN_PASSES)));
  const nexts = turns.filter((t) => t.way === 'next');
  const turnNote = (label: string, list: typeof turns) =>
    list.length > 0
      ? `${label} (${list.length}) p50 ${round1(median(list.map((t) => t.ms)))} ms / max ${round1(max(list.map((t) => t.ms)))} ms ` +
        `(whole section p50 ${round1(median(list.map((t) => t.wholeMs)))} ms / max ${round1(max(list.map((t) => t.wholeMs)))} ms)`
      : `no ${label}`;
  figures.push(figure('pageTurnP50Ms', round1(median(nexts.map((t) => t.ms))), 'ms', 'Next → the next section painted at its top, its first question shown'));
  figures.push(figure('pageTurnMaxMs', round1(max(nexts.map((t) => t.ms))), 'ms'));
  figures.push(figure('pageTurnWholeP50Ms', round1(median(nexts.map((t) => t.wholeMs))), 'ms', 'Next → the whole next section in the page'));
  figures.push(figure('pageTurnWholeMaxMs', round1(max(nexts.map((t) => t.wholeMs))), 'ms'));
  // The same turns without the app: what the browser itself needs for them on this machine.
  log('the same Next turns without the app (the floor of a turn: the browser\'s own work)');
  const plain = await timePlainTurns(b, def, turnDraft, turns);
  figures.push(figure('pageTurnFloorP50Ms', round1(median(plain)), 'ms', 'the same Next turns with the same page but no app: the page swapped by a plain click handler'));
  figures.push(figure('pageTurnFloorMaxMs', round1(max(plain)), 'ms'));
  const sizes = [...new Set(nexts.map((t) => t.questions))].sort((a, c) => a - c);
  notes.push(
    `page turns (click → the frame showing the new section at its top, its first question there; in brackets, click → its last question in the page): ` +
      [...sizes.map((n) => turnNote(`Next to ${n}-question sections`, nexts.filter((t) => t.questions === n))), turnNote('Back', turns.filter((t) => t.way === 'back'))].join(', '),
  );
  return figures;
}

/** The interview figures: the built app on Vite's preview server, in a fresh Chromium. */
async function interviewPart(tmp: string, outDir: string, chosen: Chosen, notes: string[], machine: string[]): Promise<Figure[]> {
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    server = await withTimeout(startPreview(ROOT, outDir), 30_000, 'starting the preview server');
    log(`serving ${server.url}`);
    browser = await launch(tmp);
    machine.push(`chromium ${browser.version}`, `CPU throttled ${CPU_SLOWDOWN}×`);
    return await browserFigures(browser, server.url, chosen, notes);
  } finally {
    await browser?.close().catch((e: unknown) => console.error('closing the browser:', e));
    await server?.close().catch((e: unknown) => console.error('closing the server:', e));
  }
}

function partsFromArgs(args: string[]): Part[] {
  if (args.length === 0) return PARTS;
  const unknown = args.filter((a) => !(PARTS as string[]).includes(a));
  if (unknown.length > 0) throw new Error(`unknown part ${unknown.join(', ')}: choose from ${PARTS.join(', ')}`);
  return PARTS.filter((p) => args.includes(p));
}

async function main(): Promise<number> {
  const startedAt = performance.now();
  const parts = partsFromArgs(process.argv.slice(2));
  const tmp = mkdtempSync(join(tmpdir(), 'survey-bench-'));
  const defsDir = join(tmp, 'definitions');
  const outDir = join(tmp, 'dist');
  const figures: Figure[] = [];
  const notes: string[] = [];
  const loadAtStart = loadavg()[0]!;
  const machineParts = [`${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores`, `node ${process.version}`];
  const unavailable = browserUnavailable();
  const failures: { part: string; error: unknown }[] = [];
  /** A part that fails is reported; the other parts still run. */
  const run = async (part: Part, work: () => Promise<Figure[]>) => {
    if (!parts.includes(part)) return;
    const t0 = performance.now();
    try {
      figures.push(...(await withTimeout(work(), PART_LIMITS_MS[part], `the ${part} measurement`)));
    } catch (e) {
      // The dashboard's figures were always optional: a failure there is a note.
      if (part === 'dashboard') notes.push(`dashboard figures failed: ${e instanceof Error ? e.message : String(e)}`);
      else failures.push({ part, error: e });
    }
    log(`${part}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  };
  try {
    const needsBuild = parts.some((p) => p === 'bundle' || p === 'interview' || (p === 'sync' && !unavailable));
    let chosen: Chosen | undefined;
    if (needsBuild) {
      const forced = process.env.BENCH_QUESTIONNAIRE?.trim() || undefined;
      chosen = chooseQuestionnaire(ROOT, forced);
      notes.push(
        `questionnaire for the interview figures: ${chosen.definition.id} from ${chosen.source}${forced ? ' (BENCH_QUESTIONNAIRE)' : ''}, ${chosen.items} answerable items (a matrix row counts as one); ` +
          `longest section ${chosen.longest.id}; candidates: ${chosen.candidates.map((c) => `${c.id} ${c.items}`).join(', ')}`,
      );
      prepareDefinitions(ROOT, defsDir, chosen.generated ? chosen.definition : undefined);
      const t0 = performance.now();
      log(`building the app${chosen.generated ? ` with the generated ${chosen.definition.id}` : ''} into ${outDir}`);
      await withTimeout(buildApp(ROOT, defsDir, outDir), PART_LIMITS_MS.bundle, 'the build');
      log(`build: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }

    await run('bundle', async () => {
      const bundle = bundleFigures(outDir, defsDir);
      notes.push(`first load: ${bundle.firstLoadFiles.join(', ')}; interview: ${bundle.interviewFiles.join(', ')}; largest definition: ${bundle.largestDefinitionFile}`);
      return [
        figure('firstLoadJsGzipBytes', bundle.firstLoadJsGzipBytes, 'bytes'),
        figure('interviewChunkGzipBytes', bundle.interviewChunkGzipBytes, 'bytes'),
        figure('largestDefinitionChunkGzipBytes', bundle.largestDefinitionChunkGzipBytes, 'bytes'),
      ];
    });

    // The coordinators' dashboard with 200,000 interviews stored (SQLite, and PostgreSQL).
    await run('dashboard', () => dashboardFigures(notes, log));

    if (unavailable && (parts.includes('interview') || parts.includes('offline'))) {
      machineParts.push('no chromium');
      notes.push(`skipped ${BROWSER_FIGURES.join(', ')}, coldOfflineStartMs: ${unavailable}`);
    } else {
      await run('interview', () => interviewPart(tmp, outDir, chosen!, notes, machineParts));
      // A cold start with no network, served by the service worker (its own build and browser).
      await run('offline', async () => {
        const offline = await measureColdOfflineStart({ root: ROOT, tmp, log });
        notes.push(offline.note);
        return [figure('coldOfflineStartMs', offline.medianMs, 'ms')];
      });
    }

    await run('sync', () => syncFigures({ root: ROOT, tmp, appDir: unavailable ? undefined : outDir, log, notes }));
    await run('ingest', () => ingestFigures({ root: ROOT, tmp, log, notes }));
    await run('hostile', () => hostileFigures({ root: ROOT, tmp, log, notes }));
    // The server's start with 1,000,000 interviews stored (SQLite, and PostgreSQL).
    await run('listen', () => listenFigures(notes, log));
    // Exports of 200,000 interviews (SQLite, and PostgreSQL): time, the server's peak memory, /api/health meanwhile.
    await run('export', () => exportFigures(notes, log));
    await run('xlsform', async () => xlsformFigures(log, notes));
  } catch (e) {
    failures.push({ part: 'build', error: e });
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  }

  const durationS = Math.round((performance.now() - startedAt) / 1000);
  const machine = machineParts.join(', ');
  notes.push(`load average (1 min) at start ${loadAtStart.toFixed(1)}, at end ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores: other work on the machine slows the timings`);
  console.log('');
  printTable(figures);
  console.log('');
  for (const n of notes) console.log(`- ${n}`);
  console.log(`- machine: ${machine}`);
  console.log(`- the bench took ${Math.floor(durationS / 60)} min ${durationS % 60} s (${parts.join(', ')})`);
  const missedKeys = figures.filter(missed).map((f) => f.key);
  if (missedKeys.length > 0) console.log(`- missed targets: ${missedKeys.join(', ')}`);
  if (failures.length > 0) {
    for (const f of failures) console.error(`\nThe ${f.part} part did not finish:`, f.error);
    console.error(`\n${RESULTS} not written.`);
    return 1;
  }
  if (parts.length < PARTS.length) {
    console.log(`- ${RESULTS} not written: only some parts ran`);
    return 0;
  }
  writeResults(RESULTS, figures, { machine, benchDurationS: durationS });
  console.log(`- wrote ${RESULTS}`);
  return 0;
}

// A last resort against anything that outlives the limits above (e.g. a hung browser close).
const watchdog = setTimeout(
  () => {
    console.error('bench: still running after the time limit; exiting');
    process.exit(2);
  },
  Object.values(PART_LIMITS_MS).reduce((a, b) => a + b, 0) + 4 * 60_000,
);
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
