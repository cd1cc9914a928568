/**
 * Dashboard refresh time with 200,000 interviews stored: seeds a temporary SQLite database (and a
 * temporary PostgreSQL database: DATABASE_URL, else the local socket, see postgres.ts) directly, in batched transactions, with
 * interviews spread over the default campaign's groups, strata, 30 days and 50 devices, plus the
 * counters ingest would have kept; then times GET /api/coordinator/dashboard through Fastify's
 * inject (median of 5 after a warm-up). Run alone: npx tsx bench/dashboard.ts; npm run bench calls it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createServer } from '../src/server/app';
import { setCoordinator } from '../src/server/coordinators/accounts';
import { chunksOf } from '../src/server/db/chunks';
import { openDatabase } from '../src/server/db/open';
import type { ServerDatabase } from '../src/server/db/open';
import type { NewSubmission } from '../src/server/db/schema';
import { loadCatalog } from '../src/server/definitions/catalog';
import type { Catalog } from '../src/server/definitions/catalog';
import { scoringHash } from '../src/server/scores/hash';
import { encodeParts } from '../src/server/scores/parts';
import { foldIn, queueScoreTotals } from '../src/server/scores/fold';
import { ScoreTotals } from '../src/server/scores/write';
import { scoreContributions } from '../src/survey';
import type { Answers, ScoreContribution } from '../src/survey';
import { findPostgres, freshPostgres } from './postgres';
import { figure, runWhenMain } from './report';
import type { Figure } from './report';
import { median, round1 } from './stats';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const INTERVIEWS = 200_000;
const DEVICES = 50;
/** Interviews per transaction. */
const BATCH = 5000;
const RUNS = 5;

interface Slot {
  surveyId: string;
  version: number;
  group: string;
  stratum: string | null;
}

/** Every (questionnaire, group, stratum) of the campaign, to spread the interviews over. */
function slotsOf(catalog: Catalog, campaignId: string): Slot[] {
  const campaign = catalog.campaigns.get(campaignId)?.campaign;
  if (!campaign) throw new Error(`no campaign ${campaignId}`);
  return campaign.groups.flatMap((g) =>
    (g.strata?.map((s) => s.value) ?? [null]).map((stratum) => ({ surveyId: g.questionnaire.id, version: g.questionnaire.version, group: g.id, stratum })),
  );
}

const ANSWERS = JSON.stringify({
  district: 'dong-hoi',
  commune: 'Phường Hải Đình',
  sex: 'female',
  ageBand: '35-49',
  c1_location: '4',
  c1_waiting: '3',
  c2_published: '4',
  c3_courtesy: '5',
  c4_lawful: '5',
  improvePriorities: ['faster', 'attitude'],
  overallSat: '4',
  comment: 'Cán bộ nhiệt tình, hướng dẫn rõ ràng.',
});

export interface SeedOptions {
  /** Only these groups of the campaign (default: all). */
  groups?: readonly string[];
  /** The answers of every interview, as stored (JSON text), or per questionnaire version. */
  answers?: string | ((surveyId: string, version: number) => string);
  /** How many interviews (default INTERVIEWS, 200,000). */
  count?: number;
  /**
   * Also writes what ingest writes for scoring: each row's scoring_hash, its contributions (the
   * engine's contributions of its answers, as the server's start-up scoring computes them) and
   * score_totals, so a server started on the database finds nothing to score and its totals in
   * agreement. Default false: the server scores the interviews itself after it starts.
   */
  scored?: boolean;
  /** Told after each transaction with the interviews written so far. */
  progress?: (done: number) => void;
  /**
   * Loads as a bulk load does, much faster for a million rows: without the secondary indexes of
   * submissions, built again after (the same definitions, read from the database's
   * catalogue), and without the foreign-key checks of each row (the rows refer to what the seeding
   * wrote; PostgreSQL: session_replication_role = replica in the seeding transactions when the
   * role may set it; SQLite: foreign_keys and synchronous off, a 256 MB page cache and a larger WAL
   * between checkpoints on the seeding connection, restored after).
   */
  bulk?: boolean;
}

/** The secondary indexes (not those of a primary key or unique constraint) of the seeded tables, with their definitions. */
async function secondaryIndexes(database: ServerDatabase): Promise<{ name: string; definition: string }[]> {
  if (database.kind === 'postgres') {
    const r = await sql<{ name: string; definition: string }>`select i.indexname as name, i.indexdef as definition from pg_indexes i
      where i.schemaname = current_schema() and i.tablename = 'submissions'
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(database.db);
    return r.rows;
  }
  const r = await sql<{ name: string; definition: string }>`select name, sql as definition from sqlite_master
    where type = 'index' and tbl_name = 'submissions' and sql is not null`.execute(database.db);
  return r.rows;
}

/** Transactions in flight at once on PostgreSQL (its work then runs on two cores, the rows are built meanwhile). */
const IN_FLIGHT_POSTGRES = 2;

/**
 * Seeds the interviews and the counters ingest keeps (quota_counts, activity_counts), one
 * transaction per BATCH interviews; with `scored`, their scores too.
 */
export async function seed(database: ServerDatabase, catalog: Catalog, campaignId: string, options: SeedOptions = {}): Promise<void> {
  const { db } = database;
  const total = options.count ?? INTERVIEWS;
  const devices = Array.from({ length: DEVICES }, (_, i) => ({
    id: randomUUID(),
    name: `Điều tra viên ${i + 1}`,
    label: 'Galaxy Tab A8',
    token_hash: randomBytes(32).toString('hex'),
    created_at: '2021-10-30T08:00:00.000Z',
    last_seen_at: '2021-11-30T10:00:00.000Z',
    revoked_at: null,
    last_sync_at: '2021-11-30T10:00:00.000Z',
  }));
  await db.insertInto('devices').values(devices).execute();
  const slots = slotsOf(catalog, campaignId).filter((s) => options.groups?.includes(s.group) ?? true);
  if (slots.length === 0) throw new Error(`the campaign ${campaignId} has none of the groups ${String(options.groups)}`);
  const answersOf = (slot: Slot): string =>
    typeof options.answers === 'function' ? options.answers(slot.surveyId, slot.version) : (options.answers ?? ANSWERS);
  /** Per slot: its answers and, with `scored`, its scoring fingerprint and contributions (the same for all its rows). */
  const scoring = slots.map((slot) => {
    const answers = answersOf(slot);
    if (!options.scored) return { answers, hash: null, parts: [] as ScoreContribution[], scores: null };
    const def = catalog.get(slot.surveyId, slot.version)?.definition;
    if (!def) throw new Error(`no questionnaire ${slot.surveyId}@${slot.version}`);
    const hash = scoringHash(def);
    const parts = hash === '' ? [] : scoreContributions(def, JSON.parse(answers) as Answers);
    return { answers, hash: hash === '' ? null : hash, parts, scores: hash === '' ? null : encodeParts(parts) };
  });
  const perSlot = new Array<number>(slots.length).fill(0);
  const quota = new Map<string, number>();
  const activity = new Map<string, number>();
  const indexes = options.bulk ? await secondaryIndexes(database) : [];
  for (const { name } of indexes) await sql`drop index ${sql.id(name)}`.execute(db);
  let withoutChecks = false;
  /** SQLite: the seeding connection's settings changed for the load, restored after. */
  let sqliteBefore: { cache_size: number; synchronous: number; wal_autocheckpoint: number } | undefined;
  if (options.bulk && database.kind === 'postgres')
    withoutChecks = (await sql<{ on: string }>`select current_setting('is_superuser') as on`.execute(db)).rows[0]?.on === 'on';
  if (options.bulk && database.kind === 'sqlite') {
    const read = async (name: string) => Number(Object.values((await sql.raw<Record<string, number>>(`pragma ${name}`).execute(db)).rows[0] ?? {})[0]);
    sqliteBefore = { cache_size: await read('cache_size'), synchronous: await read('synchronous'), wal_autocheckpoint: await read('wal_autocheckpoint') };
    await sql`pragma cache_size = -262144`.execute(db);
    await sql`pragma foreign_keys = off`.execute(db);
    // A bench database: no fsync per commit, the WAL copied into the file now and then rather than every 4 MB.
    await sql`pragma synchronous = off`.execute(db);
    await sql`pragma wal_autocheckpoint = 100000`.execute(db);
  }
  const inFlight: Promise<void>[] = [];
  for (let start = 0; start < total; start += BATCH) {
    const rows: NewSubmission[] = [];
    for (let i = start; i < Math.min(total, start + BATCH); i++) {
      const s = i % slots.length;
      const slot = slots[s]!;
      const scored = scoring[s]!;
      const device = devices[i % DEVICES]!;
      const day = `2021-11-${String(1 + (i % 30)).padStart(2, '0')}`;
      rows.push({
        id: randomUUID(),
        survey_id: slot.surveyId,
        survey_version: slot.version,
        respondent_group: slot.group,
        stratum: slot.stratum,
        lang: 'vi',
        answers: scored.answers,
        content_hash: randomBytes(32).toString('hex'),
        started_at: `${day}T08:00:00.000+07:00`,
        completed_at: `${day}T08:20:00.000+07:00`,
        received_at: `${day}T12:00:00.000Z`,
        device_id: device.id,
        section_times: '{"a-respondent":120}',
        campaign_id: campaignId,
        completed_day: day,
        scoring_hash: scored.hash,
        scores: scored.scores,
      });
      perSlot[s]! += 1;
      const q = `${slot.group}\u0000${slot.stratum ?? ''}`;
      quota.set(q, (quota.get(q) ?? 0) + 1);
      const a = `${day}\u0000${device.id}`;
      activity.set(a, (activity.get(a) ?? 0) + 1);
    }
    const done = Math.min(total, start + BATCH);
    const write = db
      .transaction()
      .execute(async (trx) => {
        if (withoutChecks) await sql`set local session_replication_role = replica`.execute(trx);
        for (const chunk of chunksOf(rows, 17)) await trx.insertInto('submissions').values(chunk).execute();
      })
      .then(() => options.progress?.(done));
    // Awaited in turn below; marked handled now so a failure while an earlier one is awaited is not "unhandled".
    write.catch(() => undefined);
    inFlight.push(write);
    if (inFlight.length >= (database.kind === 'postgres' ? IN_FLIGHT_POSTGRES : 1)) await inFlight.shift();
  }
  await Promise.all(inFlight);
  if (sqliteBefore !== undefined) {
    await sql`pragma foreign_keys = on`.execute(db);
    for (const [name, value] of Object.entries(sqliteBefore)) await sql.raw(`pragma ${name} = ${value}`).execute(db);
  }
  for (const { definition } of indexes) await sql.raw(definition).execute(db);
  await db.transaction().execute(async (trx) => {
    const quotaRows = [...quota].map(([k, count]) => {
      const [group_id = '', stratum = ''] = k.split('\u0000');
      return { campaign_id: campaignId, group_id, stratum, count };
    });
    const activityRows = [...activity].map(([k, count]) => {
      const [day = '', device_id = ''] = k.split('\u0000');
      return { campaign_id: campaignId, day, device_id, count };
    });
    for (const chunk of chunksOf(quotaRows, 4)) await trx.insertInto('quota_counts').values(chunk).execute();
    for (const chunk of chunksOf(activityRows, 4)) await trx.insertInto('activity_counts').values(chunk).execute();
    if (options.scored) {
      // What ingest adds per interview, times the interviews of each slot.
      const totals = new ScoreTotals();
      slots.forEach((slot, s) => {
        const n = perSlot[s]!;
        const { hash, parts } = scoring[s]!;
        if (n === 0 || hash === null) return;
        const place = { campaignId, surveyId: slot.surveyId, surveyVersion: slot.version, groupId: slot.group, stratum: slot.stratum ?? '' };
        totals.add(place, parts, n);
      });
      // Queued as ingest queues it, and folded at once (the server would within a second).
      await queueScoreTotals(trx, totals);
      await foldIn(trx);
    }
  });
}

/** Seeds `database`, then times the dashboard; returns the median in ms and the interviews it reported. */
interface Timed {
  medianMs: number;
  samples: number[];
  interviews: number;
  /** The campaign's report (JSON) and its Word document, median ms. */
  report: { medianMs: number; samples: number[] };
  docx: { medianMs: number; samples: number[]; bytes: number };
}

async function timeDashboard(database: ServerDatabase, log: (m: string) => void): Promise<Timed> {
  const catalog = loadCatalog(join(ROOT, 'survey-definitions'));
  const campaignId = catalog.campaigns.list()[0]?.campaign.id;
  if (!campaignId) throw new Error('survey-definitions/campaigns/ has no campaign');
  const t0 = performance.now();
  await seed(database, catalog, campaignId);
  log(`seeded ${INTERVIEWS.toLocaleString('en')} interviews in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await setCoordinator(database.db, 'bench', 'bench-password');
  const app = await createServer({ database, catalog });
  try {
    const login = await app.inject({ method: 'POST', url: '/api/coordinator/login', payload: { username: 'bench', password: 'bench-password' } });
    const cookie = String(login.headers['set-cookie'] ?? '').split(';')[0] ?? '';
    const once = async () => {
      const start = performance.now();
      const r = await app.inject({ method: 'GET', url: `/api/coordinator/dashboard?campaign=${campaignId}`, headers: { cookie } });
      const ms = performance.now() - start;
      if (r.statusCode !== 200) throw new Error(`dashboard answered ${r.statusCode}: ${r.body}`);
      return { ms, body: r.json<{ totals: { interviews: number } }>() };
    };
    const warm = await once();
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) samples.push((await once()).ms);
    /** Median ms of GET `url` (after a warm-up) and the size of its last reply. */
    const timeGet = async (url: string) => {
      const one = async () => {
        const start = performance.now();
        const r = await app.inject({ method: 'GET', url, headers: { cookie } });
        if (r.statusCode !== 200) throw new Error(`${url} answered ${r.statusCode}: ${r.body.slice(0, 300)}`);
        return { ms: performance.now() - start, bytes: r.rawPayload.length };
      };
      await one();
      const runs: { ms: number; bytes: number }[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await one());
      return { medianMs: round1(median(runs.map((x) => x.ms))), samples: runs.map((x) => round1(x.ms)), bytes: runs.at(-1)!.bytes };
    };
    const report = await timeGet(`/api/coordinator/campaigns/${campaignId}/report`);
    const docx = await timeGet(`/api/coordinator/campaigns/${campaignId}/report.docx`);
    return { medianMs: round1(median(samples)), samples: samples.map(round1), interviews: warm.body.totals.interviews, report, docx };
  } finally {
    await app.close();
  }
}

/** dashboardMs200k (SQLite) and dashboardMs200kPostgres (null, with the reason, without a PostgreSQL). */
export async function dashboardFigures(notes: string[], log: (m: string) => void = console.log): Promise<Figure[]> {
  const figures: Figure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'survey-bench-dashboard-'));
  try {
    const sqlite = await openDatabase({ dataDir: dir });
    try {
      log('dashboard: SQLite');
      const r = await timeDashboard(sqlite, log);
      if (r.interviews !== INTERVIEWS) throw new Error(`the dashboard counted ${r.interviews} interviews, not ${INTERVIEWS}`);
      figures.push(figure('dashboardMs200k', r.medianMs, 'ms'));
      figures.push(figure('reportMs200k', r.report.medianMs, 'ms', 'GET …/campaigns/:id/report (JSON): scores, targets, comparison, withheld cells'));
      figures.push(figure('reportDocxMs200k', r.docx.medianMs, 'ms', `GET …/campaigns/:id/report.docx, ${r.docx.bytes.toLocaleString('en')} bytes`));
      notes.push(`dashboard with ${INTERVIEWS.toLocaleString('en')} interviews on SQLite: ${r.samples.join(', ')} ms (median ${r.medianMs})`);
      notes.push(`campaign report with ${INTERVIEWS.toLocaleString('en')} interviews on SQLite: JSON ${r.report.samples.join(', ')} ms, Word ${r.docx.samples.join(', ')} ms`);
    } finally {
      await sqlite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const found = await findPostgres();
  if (!('unavailable' in found)) {
    const fresh = await freshPostgres(found.url);
    try {
      const postgres = await openDatabase({ databaseUrl: fresh.url, dataDir: dir });
      try {
        log('dashboard: PostgreSQL');
        const r = await timeDashboard(postgres, log);
        figures.push(figure('dashboardMs200kPostgres', r.medianMs, 'ms'));
        figures.push(figure('reportMs200kPostgres', r.report.medianMs, 'ms'));
        figures.push(figure('reportDocxMs200kPostgres', r.docx.medianMs, 'ms'));
        notes.push(`dashboard with ${INTERVIEWS.toLocaleString('en')} interviews on PostgreSQL (${found.origin}): ${r.samples.join(', ')} ms (median ${r.medianMs})`);
        notes.push(`campaign report with ${INTERVIEWS.toLocaleString('en')} interviews on PostgreSQL: JSON ${r.report.samples.join(', ')} ms, Word ${r.docx.samples.join(', ')} ms`);
      } finally {
        await postgres.close();
      }
    } finally {
      await fresh.drop();
    }
  } else {
    const why = `not measured: ${found.unavailable}`;
    figures.push(figure('dashboardMs200kPostgres', null, 'ms', why));
    figures.push(figure('reportMs200kPostgres', null, 'ms', why));
    figures.push(figure('reportDocxMs200kPostgres', null, 'ms', why));
    notes.push(`dashboardMs200kPostgres ${why}`);
  }
  return figures;
}

runWhenMain(import.meta.url, (notes) => dashboardFigures(notes));
