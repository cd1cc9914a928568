/**
 * How long the server takes to start with 1,000,000 interviews stored, on PostgreSQL and on SQLite:
 * seeds a fresh database directly (the dashboard bench's seeding, with every interview's scores,
 * counters and score totals written as ingest writes them, so the server finds nothing to count or
 * score and its totals in agreement: the ordinary start, not a backfill; loaded in bulk, the
 * secondary indexes built after the rows and the foreign keys not checked row by row), creates the
 * coordinator account, checks what the server's start-up work will find, then spawns the compiled server (dist-server/main.mjs) in its own process (server-process.ts) and measures
 * - listenMs: from the spawn until it prints its "API: http://…" line (it listens);
 * - listenHealthMs: from the spawn until GET /api/health first answers 200;
 * then keeps asking /api/health one request after another for HEALTH_WINDOW_MS (the start-up work
 * on stored interviews runs in the background meanwhile) and notes the longest wait; stops the
 * server and starts it again on the same database (listenWarm*: the database's files in the page
 * cache, the code compiled by tsx before). PostgreSQL: DATABASE_URL, else the local socket; a
 * fresh database, VACUUM ANALYZE after the seeding (what autovacuum does to a table that grew),
 * dropped after. BENCH_LISTEN_INTERVIEWS=<n> seeds n interviews instead (for short trial runs).
 * Run alone: npm run bench -- listen; npx tsx bench/listen.ts.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { setCoordinator } from '../src/server/coordinators/accounts';
import { openDatabase } from '../src/server/db/open';
import { loadCatalog } from '../src/server/definitions/catalog';
import { scoringPending, totalsAgree } from '../src/server/scores/backfill';
import { realisticAnswers, seeded } from './answers';
import { seed } from './dashboard';
import { findPostgres, freshPostgres } from './postgres';
import { figure, runWhenMain, type Figure } from './report';
import { startServerProcess } from './server-process';
import { round1 } from './stats';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const LISTEN_INTERVIEWS = 1_000_000;
/** How long /api/health is asked after the server listens, for the longest wait. */
const HEALTH_WINDOW_MS = 10_000;
/** A first /api/health that has not answered 200 after this long is given up (the figure is then null). */
const HEALTH_GIVE_UP_MS = 60_000;

type Kind = 'Sqlite' | 'Postgres';

interface Start {
  listenMs: number;
  /** Spawn → first 200 from /api/health; null when none came within HEALTH_GIVE_UP_MS. */
  healthMs: number | null;
  /** Requests before that first 200 that were answered otherwise (503 while the event loop lagged) or failed. */
  healthRefusedFirst: number;
  /** The longest /api/health wait over HEALTH_WINDOW_MS after the first 200. */
  healthMaxMs: number;
  healthCount: number;
  healthFailed: number;
}

/** One request; its status, or 0 when it failed (connection refused, reset). */
async function health(url: string): Promise<number> {
  try {
    const r = await fetch(`${url}/api/health`);
    await r.arrayBuffer();
    return r.status;
  } catch {
    return 0;
  }
}

async function timeStart(env: { dataDir: string; databaseUrl?: string }, windowMs = HEALTH_WINDOW_MS): Promise<Start> {
  const t0 = performance.now();
  const server = await startServerProcess({ root: ROOT, ...env });
  const listenMs = performance.now() - t0;
  try {
    let healthMs: number | null = null;
    let healthRefusedFirst = 0;
    while (performance.now() - t0 < HEALTH_GIVE_UP_MS) {
      if ((await health(server.url)) === 200) {
        healthMs = performance.now() - t0;
        break;
      }
      healthRefusedFirst += 1;
      await new Promise((r) => setTimeout(r, 10));
    }
    let healthMaxMs = 0;
    let healthCount = 0;
    let healthFailed = 0;
    const w0 = performance.now();
    while (performance.now() - w0 < windowMs) {
      const h0 = performance.now();
      const status = await health(server.url);
      healthMaxMs = Math.max(healthMaxMs, performance.now() - h0);
      healthCount += 1;
      if (status !== 200) healthFailed += 1;
      await new Promise((r) => setTimeout(r, 20));
    }
    return { listenMs: round1(listenMs), healthMs: healthMs === null ? null : round1(healthMs), healthRefusedFirst, healthMaxMs: round1(healthMaxMs), healthCount, healthFailed };
  } finally {
    await server.stop();
  }
}

const TIME_SUFFIX = '1m';

function figuresOf(kind: Kind, cold: Start | null, warm: Start | null, note: string): Figure[] {
  const db = kind === 'Postgres' ? 'Postgres' : '';
  return [
    figure(`listenMs${TIME_SUFFIX}${db}`, cold?.listenMs ?? null, 'ms', note),
    figure(`listenHealthMs${TIME_SUFFIX}${db}`, cold?.healthMs ?? null, 'ms', note),
    figure(`listenWarmMs${TIME_SUFFIX}${db}`, warm?.listenMs ?? null, 'ms', note),
    figure(`listenWarmHealthMs${TIME_SUFFIX}${db}`, warm?.healthMs ?? null, 'ms', note),
  ];
}

const describe = (label: string, s: Start) =>
  `${label}: listening after ${s.listenMs} ms, /api/health 200 after ${s.healthMs ?? `none in ${HEALTH_GIVE_UP_MS / 1000} s`} ms` +
  `${s.healthRefusedFirst > 0 ? ` (${s.healthRefusedFirst} asked before were refused or failed)` : ''}; ` +
  `then over ${HEALTH_WINDOW_MS / 1000} s: longest /api/health wait ${s.healthMaxMs} ms over ${s.healthCount} requests (${s.healthFailed} not 200)`;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Seeds `count` interviews, each with its own questionnaire's realistic answers and its scores. */
async function seedDatabase(env: { dataDir: string; databaseUrl?: string }, count: number, log: (m: string) => void): Promise<number> {
  const catalog = loadCatalog(join(ROOT, 'survey-definitions'));
  const campaignId = catalog.campaigns.list()[0]?.campaign.id;
  if (!campaignId) throw new Error('survey-definitions/campaigns/ has no campaign');
  const answers = new Map<string, string>();
  const answersOf = (surveyId: string, version: number): string => {
    const key = `${surveyId}@${version}`;
    let text = answers.get(key);
    if (text === undefined) {
      const def = catalog.get(surveyId, version)?.definition;
      if (!def) throw new Error(`no questionnaire ${key}`);
      text = JSON.stringify(realisticAnswers(def, seeded(7), '2021-12-31'));
      answers.set(key, text);
    }
    return text;
  };
  const database = await openDatabase(env);
  const t0 = performance.now();
  try {
    const step = Math.max(1, Math.floor(count / 5));
    let next = step;
    await seed(database, catalog, campaignId, {
      count,
      answers: answersOf,
      scored: true,
      bulk: true,
      progress: (done) => {
        if (done >= next && done < count) {
          log(`listen: ${done.toLocaleString('en')} interviews seeded after ${((performance.now() - t0) / 1000).toFixed(0)} s`);
          next += step;
        }
      },
    });
  } finally {
    await database.close();
  }
  return performance.now() - t0;
}

async function measure(kind: Kind, env: { dataDir: string; databaseUrl?: string }, count: number, log: (m: string) => void, notes: string[]): Promise<{ cold: Start; warm: Start }> {
  const what = kind === 'Postgres' ? 'PostgreSQL' : 'SQLite';
  // First the same database empty (with its coordinator account): what is not due to the interviews
  // stored (Node, tsx, the questionnaires, the migrations' check).
  const database = await openDatabase(env);
  try {
    await setCoordinator(database.db, 'bench', 'bench-password');
  } finally {
    await database.close();
  }
  const empty = await timeStart(env, 0);
  log(`listen: ${what}: empty, listening after ${empty.listenMs} ms`);
  log(`listen: seeding ${count.toLocaleString('en')} interviews into ${what}`);
  const seedMs = await seedDatabase(env, count, log);
  let prepared = `seeded ${count.toLocaleString('en')} interviews in ${(seedMs / 1000).toFixed(0)} s`;
  if (kind === 'Postgres') {
    const v0 = performance.now();
    const database = await openDatabase(env);
    try {
      await sql`vacuum analyze`.execute(database.db);
      const size = await sql<{ bytes: string }>`select pg_database_size(current_database()) as bytes`.execute(database.db);
      prepared += `, VACUUM ANALYZE ${((performance.now() - v0) / 1000).toFixed(0)} s, database ${mb(Number(size.rows[0]?.bytes ?? 0))}`;
    } finally {
      await database.close();
    }
  } else {
    prepared += `, file ${mb(statSync(join(env.dataDir, 'survey.sqlite')).size)}`;
  }
  // What the server's start-up work will find: nothing to count or score, totals in agreement.
  const check = await openDatabase(env);
  try {
    const n = await check.db.selectFrom('submissions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(n.n) !== count) throw new Error(`seeded ${n.n} interviews, not ${count}`);
    if (await scoringPending(check.db, loadCatalog(join(ROOT, 'survey-definitions')))) throw new Error('the seeded interviews would be counted or scored at start');
    if (!(await totalsAgree(check.db))) throw new Error('the seeded score totals disagree with the score parts');
  } finally {
    await check.close();
  }
  log(`listen: ${what}: ${prepared}; starting the server`);
  const cold = await timeStart(env);
  log(`listen: ${what}: listening after ${cold.listenMs} ms; starting it again`);
  const warm = await timeStart(env);
  notes.push(
    `server start with ${count.toLocaleString('en')} interviews on ${what} (${prepared}): ${describe('first start', cold)}; ${describe('second start', warm)}; ` +
      `for comparison, the same database empty before the seeding: listening after ${empty.listenMs} ms, /api/health 200 after ${empty.healthMs ?? 'none'} ms`,
  );
  return { cold, warm };
}

/**
 * listenMs1m, listenHealthMs1m, listenWarmMs1m, listenWarmHealthMs1m on SQLite, and the same with
 * Postgres at the end on PostgreSQL (null, with the reason, without one).
 */
export async function listenFigures(notes: string[], log: (m: string) => void = console.log): Promise<Figure[]> {
  const fromEnv = Number(process.env.BENCH_LISTEN_INTERVIEWS);
  const count = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : LISTEN_INTERVIEWS;
  const how =
    `spawn of the compiled server (dist-server/main.mjs, as npm start runs it) → its "API:" line, and → the first 200 from /api/health; ${count.toLocaleString('en')} interviews` +
    `${count !== LISTEN_INTERVIEWS ? ' (BENCH_LISTEN_INTERVIEWS)' : ''} spread over the default campaign's groups and strata, each with its questionnaire's realistic answers, ` +
    `scores, counters and score totals seeded as ingest writes them (nothing to count or score at start, checked before), loaded in bulk (secondary indexes built after); the coordinator account exists; first start after the seeding, then a second one (warm)`;
  const figures: Figure[] = [];

  const found = await findPostgres();
  if ('unavailable' in found) {
    const why = `not measured: ${found.unavailable}`;
    figures.push(...figuresOf('Postgres', null, null, why));
    notes.push(`server start on PostgreSQL ${why}`);
  } else {
    const fresh = await freshPostgres(found.url);
    const dataDir = mkdtempSync(join(tmpdir(), 'survey-bench-listen-pg-'));
    try {
      const r = await measure('Postgres', { dataDir, databaseUrl: fresh.url }, count, log, notes);
      figures.push(...figuresOf('Postgres', r.cold, r.warm, `${how}; PostgreSQL from ${found.origin}, a fresh database dropped after`));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await fresh.drop().catch((e: unknown) => console.error(`dropping a benchmark database: ${String(e)}`));
    }
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'survey-bench-listen-sqlite-'));
  try {
    const r = await measure('Sqlite', { dataDir }, count, log, notes);
    figures.unshift(...figuresOf('Sqlite', r.cold, r.warm, how));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}

runWhenMain(import.meta.url, (notes) => listenFigures(notes));
