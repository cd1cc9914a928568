/**
 * Server ingest rate against raw inserts, on SQLite and on PostgreSQL:
 * - ingestPerSec: interviews per second through POST /api/submissions to the real server
 *   (src/server/main.ts in its own process, 127.0.0.1), in batches of the syncer's size, from a
 *   few enrolled devices sending at the same time (HTTP, checking every answer with the engine,
 *   one transaction per batch with the quota counters, the reply after the commit);
 * - rawInsertPerSec: the same rows (read back from that database) inserted into a fresh database
 *   of the same kind with Kysely, one transaction per batch of the same size, one after another;
 * - ingestRawRatio: the first over the second.
 * PostgreSQL: DATABASE_URL, else the local server's socket; a fresh database per run, dropped
 * after. Without one the PostgreSQL figures are null with the reason. Run alone: npm run bench -- ingest
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { API_PATHS, EnrolResponse, MAX_BATCH_ITEMS, Submission, SubmitResponse } from '../src/contract';
import { issueEnrolmentCode } from '../src/server/auth/devices';
import { openDatabase, type ServerDatabase } from '../src/server/db/open';
import type { DeviceRow, SubmissionRow } from '../src/server/db/schema';
import type { Definition } from '../src/survey/types';
import { realisticAnswers, seeded, sectionTimesFor } from './answers';
import { findPostgres, freshPostgres } from './postgres';
import { figure, type Figure } from './report';
import { startServerProcess } from './server-process';
import { round1 } from './stats';
import { sipasDefinition } from './sync';

export const INGEST_INTERVIEWS = 5000;
/** The devices' batch size (the syncer sends MAX_BATCH_ITEMS at a time). */
export const INGEST_BATCH = MAX_BATCH_ITEMS;
export const INGEST_CLIENTS = 4;
/** Batches per device sent before the clock starts (connections, JIT, caches). */
const WARM_UP_BATCHES = 2;

type Kind = 'Sqlite' | 'Postgres';

interface Rates {
  ingestPerSec: number;
  rawPerSec: number;
  ingestMs: number;
  rawMs: number;
}

export function interviews(def: Definition, count: number, seed: number): Submission[] {
  const random = seeded(seed);
  const group = def.respondentGroups[0]!;
  const strata = group.stratumList !== undefined ? (def.lists?.[group.stratumList] ?? []) : [];
  const day0 = Date.parse('2021-11-01T08:00:00+07:00');
  return Array.from({ length: count }, (_, i) => {
    const answers = realisticAnswers(def, random, '2021-12-31');
    const started = day0 + (i % 30) * 86_400_000 + Math.floor(random() * 8 * 3600_000);
    const item = {
      id: randomUUID(),
      surveyId: def.id,
      surveyVersion: def.version,
      respondentGroup: group.id,
      ...(strata.length > 0 ? { stratum: strata[i % strata.length]!.value } : {}),
      lang: 'vi' as const,
      answers: answers as Submission['answers'],
      startedAt: new Date(started).toISOString(),
      completedAt: new Date(started + 12 * 60_000 + Math.floor(random() * 20 * 60_000)).toISOString(),
      sectionTimes: sectionTimesFor(def, answers, random),
    };
    return Submission.parse(item);
  });
}

const batchesOf = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

async function enrol(url: string, code: string): Promise<string> {
  const r = await fetch(`${url}${API_PATHS.enrol}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  if (r.status !== 201) throw new Error(`enrolment answered ${r.status}: ${await r.text()}`);
  return EnrolResponse.parse(await r.json()).token;
}

/** Each device sends its batches one after another (as the syncer does); the devices at the same time. */
async function send(url: string, tokens: string[], bodies: string[][]): Promise<number> {
  let stored = 0;
  await Promise.all(
    tokens.map(async (token, c) => {
      for (const body of bodies[c]!) {
        const r = await fetch(`${url}${API_PATHS.submissions}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
          body,
        });
        const text = await r.text();
        if (r.status !== 200) throw new Error(`POST ${API_PATHS.submissions} answered ${r.status}: ${text.slice(0, 500)}`);
        const reply = SubmitResponse.parse(JSON.parse(text));
        const refused = reply.results.find((x) => x.status !== 'stored');
        if (refused) throw new Error(`an interview was not stored: ${JSON.stringify(refused).slice(0, 500)}`);
        stored += reply.results.length;
      }
    }),
  );
  return stored;
}

/** Splits the batches over the devices in turn. */
function perClient(items: Submission[]): string[][] {
  const out: string[][] = Array.from({ length: INGEST_CLIENTS }, () => []);
  batchesOf(items, INGEST_BATCH).forEach((batch, i) => out[i % INGEST_CLIENTS]!.push(JSON.stringify({ items: batch })));
  return out;
}

interface Opened {
  database: ServerDatabase;
  /** For the server process: the same database. */
  serverEnv: { dataDir: string; databaseUrl?: string };
  drop(): Promise<void>;
}

async function openFresh(kind: Kind, tmp: string, postgresUrl: string | undefined): Promise<Opened> {
  const dataDir = mkdtempSync(join(tmp, `ingest-${kind.toLowerCase()}-`));
  if (kind === 'Sqlite') {
    const database = await openDatabase({ dataDir });
    return { database, serverEnv: { dataDir }, drop: async () => undefined };
  }
  const fresh = await freshPostgres(postgresUrl!);
  try {
    const database = await openDatabase({ databaseUrl: fresh.url, dataDir });
    return { database, serverEnv: { dataDir, databaseUrl: fresh.url }, drop: () => fresh.drop() };
  } catch (e) {
    await fresh.drop();
    throw e;
  }
}

async function measure(kind: Kind, root: string, tmp: string, postgresUrl: string | undefined, def: Definition, log: (m: string) => void): Promise<Rates> {
  const warm = interviews(def, INGEST_CLIENTS * WARM_UP_BATCHES * INGEST_BATCH, 1);
  const timed = interviews(def, INGEST_INTERVIEWS, 2);
  const total = warm.length + timed.length;

  // Ingest through the server.
  const target = await openFresh(kind, tmp, postgresUrl);
  const drops = [target.drop];
  try {
    const codes = [];
    for (let i = 0; i < INGEST_CLIENTS; i++) codes.push((await issueEnrolmentCode(target.database.db, `Điều tra viên ${i + 1}`)).code);
    await target.database.close();
    const server = await startServerProcess({ root, ...target.serverEnv });
    let ingestMs: number;
    try {
      const tokens = await Promise.all(codes.map((c) => enrol(server.url, c)));
      await send(server.url, tokens, perClient(warm));
      const bodies = perClient(timed);
      log(`${kind}: ${INGEST_INTERVIEWS.toLocaleString('en')} interviews through POST ${API_PATHS.submissions} from ${INGEST_CLIENTS} devices, batches of ${INGEST_BATCH}`);
      const start = performance.now();
      const stored = await send(server.url, tokens, bodies);
      ingestMs = performance.now() - start;
      if (stored !== INGEST_INTERVIEWS) throw new Error(`${stored} interviews stored, not ${INGEST_INTERVIEWS}`);
    } finally {
      await server.stop();
    }

    // The same rows, straight into a fresh database.
    const source = await openDatabase({ dataDir: target.serverEnv.dataDir, databaseUrl: target.serverEnv.databaseUrl });
    let rows: Map<string, SubmissionRow>;
    let devices: DeviceRow[];
    try {
      rows = new Map((await source.db.selectFrom('submissions').selectAll().execute()).map((r) => [r.id, r]));
      devices = await source.db.selectFrom('devices').selectAll().execute();
    } finally {
      await source.close();
    }
    if (rows.size !== total) throw new Error(`the server holds ${rows.size} interviews, not ${total}`);
    const inOrder = (items: Submission[]) => items.map((i) => rows.get(i.id.toLowerCase())!);

    const raw = await openFresh(kind, tmp, postgresUrl);
    drops.push(raw.drop);
    let rawMs: number;
    try {
      const { db } = raw.database;
      // The migrations may already have made some (a reserved row): those stay as they are.
      await db.insertInto('devices').values(devices).onConflict((oc) => oc.doNothing()).execute();
      const insert = async (batch: SubmissionRow[]) => db.transaction().execute((trx) => trx.insertInto('submissions').values(batch).execute());
      for (const batch of batchesOf(inOrder(warm), INGEST_BATCH)) await insert(batch);
      log(`${kind}: the same ${INGEST_INTERVIEWS.toLocaleString('en')} rows inserted with Kysely, one transaction per ${INGEST_BATCH}`);
      const start = performance.now();
      for (const batch of batchesOf(inOrder(timed), INGEST_BATCH)) await insert(batch);
      rawMs = performance.now() - start;
      const n = await db.selectFrom('submissions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(n.n) !== total) throw new Error(`the raw insert left ${n.n} rows, not ${total}`);
    } finally {
      await raw.database.close();
    }
    return { ingestPerSec: INGEST_INTERVIEWS / (ingestMs / 1000), rawPerSec: INGEST_INTERVIEWS / (rawMs / 1000), ingestMs, rawMs };
  } finally {
    for (const drop of drops) await drop().catch((e: unknown) => console.error(`dropping a benchmark database: ${String(e)}`));
  }
}

/** The three figures of one database; `note` says how they were measured, or why they were not. */
function figuresOf(kind: Kind, r: Rates | null, note: string): Figure[] {
  const rate = (n: number) => Math.round(n);
  return [
    figure(`ingestPerSec${kind}`, r ? rate(r.ingestPerSec) : null, 'interviews/s', note),
    figure(`rawInsertPerSec${kind}`, r ? rate(r.rawPerSec) : null, 'interviews/s', note),
    figure(`ingestRawRatio${kind}`, r ? Math.round((r.ingestPerSec / r.rawPerSec) * 100) / 100 : null, 'ratio', r ? 'ingestPerSec / rawInsertPerSec' : note),
  ];
}

export async function ingestFigures(ctx: { root: string; tmp: string; log: (m: string) => void; notes: string[] }): Promise<Figure[]> {
  const { root, tmp, log, notes } = ctx;
  const def = sipasDefinition(root);
  const how =
    `${INGEST_INTERVIEWS.toLocaleString('en')} ${def.id} interviews with realistic answers; ingest: ${INGEST_CLIENTS} devices at once, each POSTing batches of ${INGEST_BATCH} one after another ` +
    `to src/server/main.ts on 127.0.0.1 (after ${WARM_UP_BATCHES} warm-up batches each); raw: the rows it stored, inserted into a fresh database with Kysely, one transaction per ${INGEST_BATCH}`;
  const figures: Figure[] = [];

  const sqlite = await measure('Sqlite', root, tmp, undefined, def, log);
  figures.push(...figuresOf('Sqlite', sqlite, how));
  notes.push(`ingest on SQLite: ${round1(sqlite.ingestMs / 1000)} s through HTTP, ${round1(sqlite.rawMs / 1000)} s raw; ${how}`);

  const pg = await findPostgres();
  if ('unavailable' in pg) {
    const why = `not measured: ${pg.unavailable}`;
    figures.push(...figuresOf('Postgres', null, why));
    notes.push(`ingest on PostgreSQL ${why}`);
  } else {
    const r = await measure('Postgres', root, tmp, pg.url, def, log);
    figures.push(...figuresOf('Postgres', r, `${how}; PostgreSQL from ${pg.origin === 'DATABASE_URL' ? 'DATABASE_URL' : 'the local socket'}, a fresh database per run, dropped after`));
    notes.push(`ingest on PostgreSQL (${pg.origin}, a fresh database dropped after): ${round1(r.ingestMs / 1000)} s through HTTP, ${round1(r.rawMs / 1000)} s raw`);
  }
  return figures;
}
