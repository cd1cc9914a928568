/**
 * sync5000Ms: 5,000 completed interviews waiting on a device, uploaded to a local server by the
 * app's own syncer. The interviews are completed through the store's commands (device-seed.ts)
 * and copied into the app's IndexedDB in Chromium (CPU slowed 4×); the device is enrolled on its
 * page with a coordinator's code; the clock runs from a tap on "Đồng bộ ngay" until the header
 * shows everything sent (the outbox is empty), and the server (compiled, as npm start runs it, in its own
 * process, SQLite) must then hold all 5,000. Without Chromium the same syncer runs in Node on
 * fake-indexeddb, and the note says so. Run alone: npm run bench -- sync
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefinitionFolder } from '../build/definitions-plugin';
import { MAX_BATCH_ITEMS } from '../src/contract';
import { issueEnrolmentCode } from '../src/server/auth/devices';
import { openDatabase } from '../src/server/db/open';
import { outboxCounts, type SurveyDb } from '../src/store';
import { createSyncer, enrolDevice } from '../src/sync';
import type { Definition } from '../src/survey/types';
import { browserUnavailable, launch, type Browser } from './browser';
import { completedInterviews, type DeviceRows } from './device-seed';
import { call, clickAt, profiled } from './page';
import { figure, type Figure } from './report';
import { startServerProcess } from './server-process';
import { round1 } from './stats';

export const SYNC_INTERVIEWS = 5000;
export const SYNC_SURVEY = 'sipas-citizen';
/** The app's IndexedDB database (src/store/db.ts). */
const DEVICE_DB = 'governance-survey';
const ENUMERATOR = 'Điều tra viên đo hiệu năng';
/** Rows copied into the browser per call (one IndexedDB transaction each). */
const COPY_CHUNK = 250;
const SYNC_TIMEOUT_MS = 5 * 60_000;

export interface SyncContext {
  root: string;
  tmp: string;
  /** The built app, served by the server; the browser route needs it. */
  appDir: string | undefined;
  log: (message: string) => void;
  notes: string[];
}

interface Measured {
  ms: number;
  route: string;
  requests: number;
  /** Time with an upload request in flight (server and network), ms. */
  inRequestsMs: number;
}

/** The citizens' questionnaire in its latest version: what the sync and ingest figures send. */
export function sipasDefinition(root: string): Definition {
  const versions = loadDefinitionFolder(join(root, 'survey-definitions'))
    .map((f) => f.definition)
    .filter((d) => d.id === SYNC_SURVEY);
  const latest = versions.sort((a, b) => b.version - a.version)[0];
  if (!latest) throw new Error(`survey-definitions/ has no questionnaire "${SYNC_SURVEY}"`);
  return latest;
}

/** Total time covered by the requests (overlaps counted once). */
function covered(spans: { start: number; end: number }[]): number {
  let total = 0;
  let until = -Infinity;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const from = Math.max(s.start, until);
    if (s.end > from) total += s.end - from;
    until = Math.max(until, s.end);
  }
  return total;
}

async function inBrowser(b: Browser, serverUrl: string, code: string, rows: DeviceRows, log: (m: string) => void): Promise<Measured> {
  const { page } = b;
  log('enrolling the device on its page');
  await page.goto(`${serverUrl}/device`);
  await page.getByLabel('Mã đăng ký', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await page.getByText(`Đã đăng ký thiết bị cho điều tra viên “${ENUMERATOR}”.`, { exact: true }).waitFor();
  await call(b, 'waitFor', '.sync-bar .pending.none', 60_000);
  await call(b, 'syncIdle', 60_000);

  log(`copying ${rows.records.length.toLocaleString('en')} completed interviews into the app's IndexedDB`);
  for (let i = 0; i < rows.records.length; i += COPY_CHUNK) {
    await call(b, 'putRows', DEVICE_DB, {
      records: rows.records.slice(i, i + COPY_CHUNK),
      outbox: rows.outbox.slice(i, i + COPY_CHUNK),
      ...(i === 0 ? { definitions: rows.definitions } : {}),
    });
  }
  const queued = await call(b, 'countRows', DEVICE_DB, 'outbox', 'state', 'pending');
  if (queued !== rows.outbox.length) throw new Error(`the outbox holds ${queued} pending interviews, not ${rows.outbox.length}`);

  log('tapping "Đồng bộ ngay" and waiting for "Đã gửi hết"');
  // BENCH_SYNC_PROFILE: the page's profile during the upload.
  const { tap, done } = await profiled(b, process.env.BENCH_SYNC_PROFILE, async () => {
    const n = await call(b, 'clickCount');
    await clickAt(b, '.sync-bar button.sync-now');
    const tap = await call(b, 'clickDone', n, 30_000);
    return { tap, done: await call(b, 'allSentAfter', tap.ts, SYNC_TIMEOUT_MS) };
  });
  if (done.startedBefore) throw new Error('an upload started on its own before the tap (the idle timer?): the time would be wrong');
  await call(b, 'syncIdle', 60_000);
  const left = await call(b, 'countRows', DEVICE_DB, 'outbox', null, null);
  if (left !== 0) throw new Error(`${left} interviews are still in the outbox after "all sent"`);
  const requests = (await call(b, 'requests', '/api/submissions', tap.ts)).filter((r) => r.end <= done.at);
  return { ms: done.at - tap.ts, route: 'Chromium (CPU slowed 4×, real IndexedDB), "Đồng bộ ngay" tapped on the device page', requests: requests.length, inRequestsMs: covered(requests) };
}

/** The same syncer in Node on fake-indexeddb, with Node's fetch. */
async function inNode(db: SurveyDb, serverUrl: string, code: string, log: (m: string) => void): Promise<Measured> {
  log('enrolling the device (Node)');
  await enrolDevice({ serverUrl, code }, { db });
  const spans: { start: number; end: number }[] = [];
  const timedFetch = async (url: string, init?: RequestInit) => {
    const start = performance.now();
    const response = await fetch(url, init);
    const text = await response.text();
    if (url.includes('/api/submissions')) spans.push({ start, end: performance.now() });
    return new Response(text, { status: response.status, headers: response.headers });
  };
  const syncer = createSyncer({ db, fetch: timedFetch, env: {} });
  log('syncing (Node, fake-indexeddb)');
  const start = performance.now();
  const outcome = await syncer.syncNow();
  const ms = performance.now() - start;
  syncer.stop();
  if (outcome.status !== 'ok') throw new Error(`the sync ended ${outcome.status}: ${outcome.error?.message ?? ''}`);
  const counts = await outboxCounts(db);
  if (counts.pending + counts.rejected !== 0) throw new Error(`the outbox still holds ${counts.pending} pending and ${counts.rejected} refused interviews`);
  return { ms, route: 'Node with fake-indexeddb (no Chromium)', requests: spans.length, inRequestsMs: covered(spans) };
}

export async function syncFigures(ctx: SyncContext): Promise<Figure[]> {
  const { root, tmp, log, notes } = ctx;
  const def = sipasDefinition(root);
  log(`completing ${SYNC_INTERVIEWS.toLocaleString('en')} ${def.id} interviews through the store's commands (fake-indexeddb)`);
  const t0 = performance.now();
  const device = await completedInterviews(def, SYNC_INTERVIEWS);
  log(`… done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const dataDir = mkdtempSync(join(tmp, 'sync-server-'));
  const database = await openDatabase({ dataDir });
  const { code } = await issueEnrolmentCode(database.db, ENUMERATOR).finally(() => database.close());

  const noBrowser = browserUnavailable() ?? (ctx.appDir === undefined ? 'the app was not built' : undefined);
  const server = await startServerProcess({ root, dataDir, appDir: ctx.appDir });
  let measured: Measured;
  let browser: Browser | undefined;
  try {
    log(`server (SQLite) on ${server.url}`);
    if (noBrowser === undefined) {
      browser = await launch(tmp);
      measured = await inBrowser(browser, server.url, code, device.rows, log);
    } else {
      measured = await inNode(device.db, server.url, code, log);
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    device.db.close();
  }

  const check = await openDatabase({ dataDir });
  try {
    const row = await check.db.selectFrom('submissions').select((eb) => eb.fn.countAll<number>().as('n')).where('survey_id', '=', def.id).executeTakeFirstOrThrow();
    if (Number(row.n) !== SYNC_INTERVIEWS) throw new Error(`the server holds ${row.n} interviews, not ${SYNC_INTERVIEWS}`);
  } finally {
    await check.close();
  }

  const batch = measured.requests > 0 ? Math.ceil(SYNC_INTERVIEWS / measured.requests) : Number.NaN;
  const ms = round1(measured.ms);
  const inRequests = round1(measured.inRequestsMs);
  const note =
    `${measured.route}; the app's syncer (createSyncer defaults) to the compiled server on 127.0.0.1 with SQLite; ` +
    `${measured.requests} POST /api/submissions of ${batch} interviews (the syncer's batch size; the server takes up to ${MAX_BATCH_ITEMS}); ` +
    `${(inRequests / 1000).toFixed(1)} s with a request in flight (server and network), ${((ms - inRequests) / 1000).toFixed(1)} s on the device between requests`;
  if (noBrowser !== undefined) notes.push(`sync5000Ms ran in Node, not in Chromium: ${noBrowser}`);
  notes.push(`sync of ${SYNC_INTERVIEWS.toLocaleString('en')} interviews: ${(ms / 1000).toFixed(1)} s; ${note}; the server then held all ${SYNC_INTERVIEWS.toLocaleString('en')}`);
  return [figure('sync5000Ms', ms, 'ms', note)];
}
