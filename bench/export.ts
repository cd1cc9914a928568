/**
 * Exports of 200,000 interviews of one questionnaire version (the campaign's citizens' questionnaire,
 * every question answered) on SQLite, then on PostgreSQL: seeds a temporary database as the
 * dashboard bench does (with each interview's scores, as ingest writes them; PostgreSQL: a fresh
 * database from DATABASE_URL or the local socket, VACUUM ANALYZE after the seeding, dropped after),
 * starts the server in its own process (server-process.ts), waits until it has nothing left to
 * score, then downloads the CSV and then the XLSX export while asking /api/health one request after
 * another. Reports each export's time (and its first byte), the server process's peak resident
 * memory during it (VmRSS sampled every 50 ms from /proc), and the longest /api/health wait.
 * BENCH_EXPORT_INTERVIEWS=<n> seeds n interviews instead (for short trial runs).
 * Run alone: npx tsx bench/export.ts; npm run bench -- export.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/open';
import { loadCatalog } from '../src/server/definitions/catalog';
import { realisticAnswers, seeded } from './answers';
import { INTERVIEWS, seed } from './dashboard';
import { findPostgres, freshPostgres } from './postgres';
import { figure, runWhenMain } from './report';
import type { Figure } from './report';
import { startServerProcess } from './server-process';
import { round1 } from './stats';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const EXPORT_INTERVIEWS = INTERVIEWS;
/** The campaign's citizens: every interview is one of the questionnaire version exported. */
const GROUP = 'citizen';

/** 200,000 citizens' interviews of the campaign (the dashboard bench's seeding), each fully answered. */
async function seedCitizens(env: ServerEnv, count: number): Promise<{ id: string; version: number }> {
  const catalog = loadCatalog(join(ROOT, 'survey-definitions'));
  const campaign = catalog.campaigns.list()[0]?.campaign;
  const questionnaire = campaign?.groups.find((g) => g.id === GROUP)?.questionnaire;
  const def = questionnaire && catalog.get(questionnaire.id, questionnaire.version)?.definition;
  if (!campaign || !questionnaire || !def) throw new Error(`survey-definitions has no campaign with a "${GROUP}" group`);
  const database = await openDatabase(env);
  try {
    await seed(database, catalog, campaign.id, { groups: [GROUP], answers: JSON.stringify(realisticAnswers(def, seeded(7), '2021-12-31')), count, scored: true });
    // What autovacuum does to a table that grew: the planner's statistics, the visibility map.
    if (database.kind === 'postgres') await sql`vacuum analyze`.execute(database.db);
  } finally {
    await database.close();
  }
  return questionnaire;
}

/** Waits until the server has scored what was seeded (it does so in the background after it starts). */
async function scoresComputed(url: string, cookie: string): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    const r = await fetch(`${url}/api/coordinator/dashboard`, { headers: { cookie } });
    if (r.ok && (JSON.parse(await r.text()) as { scoresPending?: boolean }).scoresPending !== true) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('the server was still scoring the seeded interviews after 10 minutes');
}

const rssBytes = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
};

interface ExportRun {
  ms: number;
  firstByteMs: number;
  bytes: number;
  peakRssBytes: number;
  healthMaxMs: number;
  healthCount: number;
  /** Health requests not answered 200 (shed with 503 when the event loop lagged). */
  healthFailed: number;
}

async function timeExport(url: string, cookie: string, pid: number, path: string): Promise<ExportRun> {
  let peak = rssBytes(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssBytes(pid));
  }, 50);
  let done = false;
  let healthMaxMs = 0;
  let healthCount = 0;
  let healthFailed = 0;
  const t0 = performance.now();
  const health = (async () => {
    while (!done) {
      const h0 = performance.now();
      const r = await fetch(`${url}/api/health`);
      await r.arrayBuffer();
      if (done) break;
      healthMaxMs = Math.max(healthMaxMs, performance.now() - h0);
      healthCount += 1;
      if (r.status !== 200) healthFailed += 1;
      await new Promise((r2) => setTimeout(r2, 20));
    }
  })();
  try {
    const res = await fetch(url + path, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    const reader = res.body!.getReader();
    let firstByteMs = -1;
    let bytes = 0;
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      if (firstByteMs < 0) firstByteMs = performance.now() - t0;
      bytes += next.value.byteLength;
    }
    const ms = performance.now() - t0;
    return { ms: round1(ms), firstByteMs: round1(firstByteMs), bytes, peakRssBytes: Math.max(peak, rssBytes(pid)), healthMaxMs: round1(healthMaxMs), healthCount, healthFailed };
  } finally {
    done = true;
    clearInterval(sampler);
    await health;
  }
}

type ServerEnv = { dataDir: string; databaseUrl?: string };

/** The six figures of one database: `suffix` '' on SQLite (the names as they always were), 'Postgres' on PostgreSQL. */
async function exportOn(env: ServerEnv, count: number, suffix: '' | 'Postgres', notes: string[], log: (m: string) => void): Promise<Figure[]> {
  const what = suffix === '' ? 'SQLite' : 'PostgreSQL';
  const s0 = performance.now();
  const { id: surveyId, version } = await seedCitizens(env, count);
  log(`export: seeded ${count.toLocaleString('en')} interviews into ${what} in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
  const server = await startServerProcess({ root: ROOT, ...env });
  try {
    const { pid } = server;
    // Just started, the server may shed load (503) for a moment: logged in when it answers.
    let login: Response;
    for (let tries = 0; ; tries++) {
      login = await fetch(`${server.url}/api/coordinator/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench', password: 'bench-password' }),
      });
      if (login.status !== 503 || tries >= 120) break;
      await login.arrayBuffer();
      await new Promise((r) => setTimeout(r, 1000));
    }
    if (!login.ok) throw new Error(`login answered ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    await scoresComputed(server.url, cookie);
    const idleRss = rssBytes(pid);
    const figures: Figure[] = [];
    for (const [name, ext] of [
      ['Csv', 'csv'],
      ['Xlsx', 'xlsx'],
    ] as const) {
      log(`export: ${ext} (${what})`);
      const r = await timeExport(server.url, cookie, pid, `/api/coordinator/exports/${surveyId}/${version}.${ext}`);
      figures.push(
        figure(`export${name}Ms200k${suffix}`, r.ms, 'ms'),
        figure(`export${name}PeakRssBytes200k${suffix}`, r.peakRssBytes, 'bytes'),
        figure(`export${name}HealthMaxMs200k${suffix}`, r.healthMaxMs, 'ms'),
      );
      notes.push(
        `${ext.toUpperCase()} export of ${count.toLocaleString('en')} interviews on ${what}: ${(r.ms / 1000).toFixed(1)} s, first byte after ${r.firstByteMs} ms, ` +
          `${(r.bytes / 1024 / 1024).toFixed(1)} MB, server peak RSS ${(r.peakRssBytes / 1024 / 1024).toFixed(0)} MB (idle ${(idleRss / 1024 / 1024).toFixed(0)} MB), ` +
          `longest /api/health wait ${r.healthMaxMs} ms over ${r.healthCount} requests (${r.healthFailed} not 200)`,
      );
    }
    return figures;
  } finally {
    await server.stop();
  }
}

/**
 * exportCsvMs200k, exportCsvPeakRssBytes200k, exportCsvHealthMaxMs200k, and the same for XLSX
 * (SQLite); the same six with Postgres at the end on PostgreSQL (null, with the reason, without one).
 */
export async function exportFigures(notes: string[], log: (m: string) => void = console.log): Promise<Figure[]> {
  const fromEnv = Number(process.env.BENCH_EXPORT_INTERVIEWS);
  const count = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : EXPORT_INTERVIEWS;
  if (count !== EXPORT_INTERVIEWS) notes.push(`export figures with ${count.toLocaleString('en')} interviews (BENCH_EXPORT_INTERVIEWS), not ${EXPORT_INTERVIEWS.toLocaleString('en')}`);
  const figures: Figure[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-bench-export-'));
  try {
    figures.push(...(await exportOn({ dataDir }, count, '', notes, log)));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  const found = await findPostgres();
  if ('unavailable' in found) {
    const why = `not measured: ${found.unavailable}`;
    for (const name of ['Csv', 'Xlsx'])
      figures.push(
        figure(`export${name}Ms200kPostgres`, null, 'ms', why),
        figure(`export${name}PeakRssBytes200kPostgres`, null, 'bytes', why),
        figure(`export${name}HealthMaxMs200kPostgres`, null, 'ms', why),
      );
    notes.push(`exports on PostgreSQL ${why}`);
    return figures;
  }
  const fresh = await freshPostgres(found.url);
  const pgDir = mkdtempSync(join(tmpdir(), 'survey-bench-export-pg-'));
  try {
    figures.push(...(await exportOn({ dataDir: pgDir, databaseUrl: fresh.url }, count, 'Postgres', notes, log)));
  } finally {
    rmSync(pgDir, { recursive: true, force: true });
    await fresh.drop().catch((e: unknown) => console.error(`dropping a benchmark database: ${String(e)}`));
  }
  return figures;
}

runWhenMain(import.meta.url, (notes) => exportFigures(notes));
