/**
 * Server ingest rate against raw inserts, on SQLite and on PostgreSQL:
 * - ingestPerSec: interviews per second through POST /api/submissions to the real server
 *   (compiled, as npm start runs it, in its own process, 127.0.0.1), in batches of the syncer's size, from a
 *   few enrolled devices sending at the same time (HTTP, checking every answer with the engine,
 *   one transaction per batch with the quota counters, the reply after the commit);
 * - rawInsertPerSec: the same rows (read back from that database) inserted into a fresh database
 *   of the same kind with Kysely, one transaction per batch of the same size, one after another;
 * - ingestRawRatio: the first over the second.
 * On PostgreSQL also several server processes on one database (README: "Several server processes
 * on one PostgreSQL"): for 1, 2 and 3 processes started together on a fresh database,
 * INGEST_PER_PROCESS devices per process (each device sends to one process, the devices spread
 * over them in turn) POST PROC_INTERVIEWS interviews, each device its batches one after another:
 * ingestPerSecPostgres<n>proc; rawInsertPerSecPostgresProcs, the same rows (from the 1-process
 * database) inserted into a fresh database as above; ingestRawRatioPostgres<n>proc.
 * PostgreSQL: DATABASE_URL, else the local server's socket; a fresh database per run, dropped
 * after. Without one the PostgreSQL figures are null with the reason. Run alone: npm run bench -- ingest
 * (BENCH_INGEST_PROC_INTERVIEWS=<n> for shorter multi-process runs).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { API_PATHS, EnrolResponse, MAX_BATCH_ITEMS, Submission, SubmitResponse } from '../src/contract';
import { issueEnrolmentCode } from '../src/server/auth/devices';
import { openDatabase, type ServerDatabase } from '../src/server/db/open';
import type { DeviceRow, SubmissionRow } from '../src/server/db/schema';
import { alignStratumAnswer } from '../src/survey';
import type { Definition } from '../src/survey/types';
import { realisticAnswers, seeded, sectionTimesFor } from './answers';
import { findPostgres, freshPostgres } from './postgres';
import { figure, type Figure } from './report';
import { startServerProcess, type ServerProcess } from './server-process';
import { round1 } from './stats';
import { sipasDefinition } from './sync';

export const INGEST_INTERVIEWS = 20_000;
/** The devices' batch size (the syncer sends MAX_BATCH_ITEMS at a time). */
export const INGEST_BATCH = MAX_BATCH_ITEMS;
export const INGEST_CLIENTS = 4;
/** Several processes: devices per process (so each process is as loaded as the single one above). */
const INGEST_PER_PROCESS = INGEST_CLIENTS;
const PROCESS_COUNTS = [1, 2, 3] as const;
/** Interviews timed per multi-process run: 120 batches, a whole number per device for 4, 8 and 12 devices. */
const PROC_INTERVIEWS = 12_000;
/** Batches per device sent before the clock starts (connections, JIT, caches). */
const WARM_UP_BATCHES = 2;

type Kind = 'Sqlite' | 'Postgres';

interface Rates {
  ingestPerSec: number;
  rawPerSec: number;
  ingestMs: number;
  rawMs: number;
  /** The same interviews through the floor server (bench/ingest-floor-server.ts). */
  floorPerSec: number;
  /** CPU time (user + system) of the server's process, and of the floor's, per interview timed, in µs. */
  serverCpuUs: number;
  floorCpuUs: number;
  /** The database's own CPU time per interview (PostgreSQL on this machine; NaN for SQLite): through the server, raw, through the floor. */
  dbCpuUs: number;
  rawDbCpuUs: number;
  floorDbCpuUs: number;
}

/** The floor server in its own process (as the server runs in its own), on the database of `env`. */
async function startFloor(root: string, env: Opened['serverEnv'], deviceId: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const { DATABASE_URL: _db, ...rest } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'ingest-floor-server.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...rest, DATA_DIR: env.dataDir, FLOOR_DEVICE_ID: deviceId, ...(env.databaseUrl ? { DATABASE_URL: env.databaseUrl } : {}) },
  });
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the floor server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /FLOOR: (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the floor server exited (${code}):\n${output}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await ended;
    },
  };
}

/** The interviews `warm` then `timed` through the floor server on a fresh database; the time of `timed` and the floor's CPU time meanwhile. */
async function floorMs(
  kind: Kind,
  root: string,
  tmp: string,
  postgresUrl: string | undefined,
  warm: Submission[],
  timed: Submission[],
  drops: (() => Promise<void>)[],
): Promise<{ ms: number; cpuMs: number; dbCpuMs: number }> {
  const target = await openFresh(kind, tmp, postgresUrl);
  drops.push(target.drop);
  const deviceId = randomUUID();
  await target.database.db
    .insertInto('devices')
    .values({ id: deviceId, name: 'floor', token_hash: randomUUID(), created_at: new Date().toISOString() })
    .execute();
  await target.database.close();
  const floor = await startFloor(root, target.serverEnv, deviceId);
  try {
    const tokens = Array.from({ length: INGEST_CLIENTS }, () => 'none');
    await send([floor.url], tokens, perClient(warm));
    const bodies = perClient(timed);
    const cpu0 = cpuMs(floor.pid);
    const db0 = postgresCpuMs();
    const start = performance.now();
    const stored = await send([floor.url], tokens, bodies);
    const ms = performance.now() - start;
    const cpu = cpuMs(floor.pid) - cpu0;
    const dbCpuMs = postgresCpuMs() - db0;
    if (stored !== timed.length) throw new Error(`the floor server stored ${stored} interviews, not ${timed.length}`);
    return { ms, cpuMs: cpu, dbCpuMs };
  } finally {
    await floor.stop();
  }
}

export function interviews(def: Definition, count: number, seed: number): Submission[] {
  const random = seeded(seed);
  const group = def.respondentGroups[0]!;
  const strata = group.stratumList !== undefined ? (def.lists?.[group.stratumList] ?? []) : [];
  const day0 = Date.parse('2021-11-01T08:00:00+07:00');
  return Array.from({ length: count }, (_, i) => {
    const stratum = strata.length > 0 ? strata[i % strata.length]!.value : undefined;
    // The question recording the stratum answered with it, as the device's form fills it.
    const { answers } = alignStratumAnswer(def, realisticAnswers(def, random, '2021-12-31'), { respondentGroup: group.id, stratum });
    const started = day0 + (i % 30) * 86_400_000 + Math.floor(random() * 8 * 3600_000);
    const item = {
      id: randomUUID(),
      surveyId: def.id,
      surveyVersion: def.version,
      respondentGroup: group.id,
      ...(stratum !== undefined ? { stratum } : {}),
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

/**
 * Each device sends its batches one after another (as the syncer does); the devices at the same
 * time. Device c talks to server c % urls.length (the devices spread over the servers in turn).
 */
async function send(urls: readonly string[], tokens: string[], bodies: string[][]): Promise<number> {
  let stored = 0;
  await Promise.all(
    tokens.map(async (token, c) => {
      const url = urls[c % urls.length]!;
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
function perClient(items: Submission[], clients = INGEST_CLIENTS): string[][] {
  const out: string[][] = Array.from({ length: clients }, () => []);
  batchesOf(items, INGEST_BATCH).forEach((batch, i) => out[i % clients]!.push(JSON.stringify({ items: batch })));
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

/**
 * The interviews `warm` then `timed` as the server stored them (read back from `source`), inserted
 * into a fresh database of the same kind with Kysely, one transaction per batch, one after
 * another; the time of `timed`.
 */
async function rawInsertMs(
  kind: Kind,
  tmp: string,
  postgresUrl: string | undefined,
  source: Opened['serverEnv'],
  warm: Submission[],
  timed: Submission[],
  log: (m: string) => void,
  drops: (() => Promise<void>)[],
): Promise<{ ms: number; dbCpuMs: number }> {
  const total = warm.length + timed.length;
  const from = await openDatabase({ dataDir: source.dataDir, databaseUrl: source.databaseUrl });
  let rows: Map<string, SubmissionRow>;
  let devices: DeviceRow[];
  try {
    rows = new Map((await from.db.selectFrom('submissions').selectAll().execute()).map((r) => [r.id, r]));
    devices = await from.db.selectFrom('devices').selectAll().execute();
  } finally {
    await from.close();
  }
  if (rows.size !== total) throw new Error(`the server holds ${rows.size} interviews, not ${total}`);
  const inOrder = (items: Submission[]) => items.map((i) => rows.get(i.id.toLowerCase())!);

  const raw = await openFresh(kind, tmp, postgresUrl);
  drops.push(raw.drop);
  try {
    const { db } = raw.database;
    // The migrations may already have made some (a reserved row): those stay as they are.
    await db.insertInto('devices').values(devices).onConflict((oc) => oc.doNothing()).execute();
    const insert = async (batch: SubmissionRow[]) => db.transaction().execute((trx) => trx.insertInto('submissions').values(batch).execute());
    for (const batch of batchesOf(inOrder(warm), INGEST_BATCH)) await insert(batch);
    log(`${kind}: the same ${timed.length.toLocaleString('en')} rows inserted with Kysely, one transaction per ${INGEST_BATCH}`);
    const db0 = postgresCpuMs();
    const start = performance.now();
    for (const batch of batchesOf(inOrder(timed), INGEST_BATCH)) await insert(batch);
    const rawMs = performance.now() - start;
    const dbCpuMs = postgresCpuMs() - db0;
    const n = await db.selectFrom('submissions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(n.n) !== total) throw new Error(`the raw insert left ${n.n} rows, not ${total}`);
    return { ms: rawMs, dbCpuMs };
  } finally {
    await raw.database.close();
  }
}

async function measure(kind: Kind, root: string, tmp: string, postgresUrl: string | undefined, def: Definition, log: (m: string) => void): Promise<Rates> {
  const warm = interviews(def, INGEST_CLIENTS * WARM_UP_BATCHES * INGEST_BATCH, 1);
  const timed = interviews(def, INGEST_INTERVIEWS, 2);

  // Ingest through the server.
  const target = await openFresh(kind, tmp, postgresUrl);
  const drops = [target.drop];
  try {
    const codes = [];
    for (let i = 0; i < INGEST_CLIENTS; i++) codes.push((await issueEnrolmentCode(target.database.db, `Điều tra viên ${i + 1}`)).code);
    await target.database.close();
    const server = await startServerProcess({ root, ...target.serverEnv });
    let ingestMs: number;
    let serverCpuMs: number;
    let dbCpuMs: number;
    try {
      const tokens = await Promise.all(codes.map((c) => enrol(server.url, c)));
      await send([server.url], tokens, perClient(warm));
      const bodies = perClient(timed);
      log(`${kind}: ${INGEST_INTERVIEWS.toLocaleString('en')} interviews through POST ${API_PATHS.submissions} from ${INGEST_CLIENTS} devices, batches of ${INGEST_BATCH}`);
      const cpu0 = cpuMs(server.pid);
      const db0 = postgresCpuMs();
      const start = performance.now();
      const stored = await send([server.url], tokens, bodies);
      ingestMs = performance.now() - start;
      serverCpuMs = cpuMs(server.pid) - cpu0;
      dbCpuMs = postgresCpuMs() - db0;
      if (stored !== INGEST_INTERVIEWS) throw new Error(`${stored} interviews stored, not ${INGEST_INTERVIEWS}`);
    } finally {
      await server.stop();
    }

    // The same rows, straight into a fresh database.
    const raw = await rawInsertMs(kind, tmp, postgresUrl, target.serverEnv, warm, timed, log, drops);
    const rawMs = raw.ms;
    log(`${kind}: the same interviews through the floor server (HTTP, JSON, one insert per batch, nothing else)`);
    const floor = await floorMs(kind, root, tmp, postgresUrl, warm, timed, drops);
    return {
      ingestPerSec: INGEST_INTERVIEWS / (ingestMs / 1000),
      rawPerSec: INGEST_INTERVIEWS / (rawMs / 1000),
      ingestMs,
      rawMs,
      floorPerSec: INGEST_INTERVIEWS / (floor.ms / 1000),
      serverCpuUs: (serverCpuMs * 1000) / INGEST_INTERVIEWS,
      floorCpuUs: (floor.cpuMs * 1000) / INGEST_INTERVIEWS,
      dbCpuUs: (dbCpuMs * 1000) / INGEST_INTERVIEWS,
      rawDbCpuUs: (raw.dbCpuMs * 1000) / INGEST_INTERVIEWS,
      floorDbCpuUs: (floor.dbCpuMs * 1000) / INGEST_INTERVIEWS,
    };
  } finally {
    for (const drop of drops) await drop().catch((e: unknown) => console.error(`dropping a benchmark database: ${String(e)}`));
  }
}

/** `n` server processes on one database, started together; all stopped if one fails to start. */
async function startServers(root: string, env: Opened['serverEnv'], n: number): Promise<ServerProcess[]> {
  const started = await Promise.allSettled(Array.from({ length: n }, () => startServerProcess({ root, ...env })));
  const servers = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(servers.map((s) => s.stop()));
    throw failed.reason;
  }
  return servers;
}

interface ProcessRun {
  processes: number;
  devices: number;
  ingestMs: number;
  ingestPerSec: number;
  /** CPU time the server processes used while timed, all together (/proc/<pid>/stat). */
  serverCpuMs: number;
  /** What the database's client backends were doing while timed (pg_stat_activity sampled). */
  waits: string;
}

/**
 * Samples pg_stat_activity of the database at `url` every 100 ms until stopped: how often its
 * client connections were running a statement, waiting (by wait event: a row lock, the WAL flush of
 * a commit…) or idle. Says where ingest through several processes spends its time.
 */
function sampleActivity(url: string): { stop(): Promise<string> } {
  const client = new pg.Client({ connectionString: url });
  const tally = new Map<string, number>();
  let samples = 0;
  let done = false;
  const loop = (async () => {
    await client.connect();
    while (!done) {
      const r = await client.query<{ what: string }>(
        `select case when state <> 'active' then coalesce(state, 'unknown') when wait_event is null then 'running' else wait_event_type || ':' || wait_event end as what
         from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`,
      );
      samples += 1;
      for (const { what } of r.rows) tally.set(what, (tally.get(what) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      done = true;
      await loop.finally(() => client.end().catch(() => undefined));
      const busy = [...tally].filter(([what]) => what !== 'idle').sort((a, b) => b[1] - a[1]);
      const per = (n: number) => (n / Math.max(1, samples)).toFixed(2);
      return busy.length === 0 ? 'no connection busy' : busy.slice(0, 6).map(([what, n]) => `${what} ${per(n)}`).join(', ');
    },
  };
}

/** User + system CPU time of a process so far, in ms (Linux: /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  try {
    return procCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'), false);
  } catch {
    return Number.NaN;
  }
}

/**
 * The CPU time in a /proc/<pid>/stat text, in ms (clock ticks of 10 ms): utime and stime (fields 14
 * and 15 of stat, 12 and 13 after "pid (comm) "), with `children` also cutime and cstime (16, 17):
 * the time of its children that ended.
 */
function procCpuMs(stat: string, children: boolean): number {
  const f = stat.split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0)) * 10;
}

/**
 * CPU time so far of the PostgreSQL server on this machine, in ms: every process named postgres,
 * with the time of those already ended (counted in their parent's children's times). NaN where
 * there is none to read (SQLite, or a database on another machine).
 */
function postgresCpuMs(): number {
  let total = 0;
  let found = false;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      total += procCpuMs(stat, true);
      found = true;
    } catch {
      // The process ended meanwhile: its time is in its parent's.
    }
  }
  return found ? total : Number.NaN;
}

interface ProcessRates {
  runs: ProcessRun[];
  /** The interviews each run timed. */
  interviews: number;
  rawMs: number;
  rawPerSec: number;
}

/** Ingest through 1, 2 and 3 server processes on one fresh PostgreSQL database each; one raw insert of the same rows. */
async function measureProcesses(root: string, tmp: string, postgresUrl: string, def: Definition, log: (m: string) => void): Promise<ProcessRates> {
  const fromEnv = Number(process.env.BENCH_INGEST_PROC_INTERVIEWS);
  const count = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : PROC_INTERVIEWS;
  const most = Math.max(...PROCESS_COUNTS) * INGEST_PER_PROCESS;
  // The same interviews in every run (each on its own database): warm-up batches for the most devices.
  const warmAll = interviews(def, most * WARM_UP_BATCHES * INGEST_BATCH, 3);
  const timed = interviews(def, count, 4);
  const runs: ProcessRun[] = [];
  const drops: (() => Promise<void>)[] = [];
  let raw: { warm: Submission[]; source: Opened['serverEnv'] } | undefined;
  try {
    for (const processes of PROCESS_COUNTS) {
      const devices = processes * INGEST_PER_PROCESS;
      const warm = warmAll.slice(0, devices * WARM_UP_BATCHES * INGEST_BATCH);
      const target = await openFresh('Postgres', tmp, postgresUrl);
      drops.push(target.drop);
      const codes = [];
      for (let i = 0; i < devices; i++) codes.push((await issueEnrolmentCode(target.database.db, `Điều tra viên ${i + 1}`)).code);
      await target.database.close();
      const servers = await startServers(root, target.serverEnv, processes);
      try {
        const urls = servers.map((s) => s.url);
        const tokens = await Promise.all(codes.map((c, i) => enrol(urls[i % urls.length]!, c)));
        await send(urls, tokens, perClient(warm, devices));
        const bodies = perClient(timed, devices);
        log(`Postgres, ${processes} server process${processes > 1 ? 'es' : ''}: ${count.toLocaleString('en')} interviews from ${devices} devices, batches of ${INGEST_BATCH}`);
        const cpu0 = servers.reduce((sum, s) => sum + cpuMs(s.pid), 0);
        const activity = sampleActivity(target.serverEnv.databaseUrl!);
        const start = performance.now();
        let stored: number;
        let waits: string;
        try {
          stored = await send(urls, tokens, bodies);
        } finally {
          waits = await activity.stop();
        }
        const ingestMs = performance.now() - start;
        const serverCpuMs = servers.reduce((sum, s) => sum + cpuMs(s.pid), 0) - cpu0;
        if (stored !== count) throw new Error(`${stored} interviews stored, not ${count}`);
        runs.push({ processes, devices, ingestMs, ingestPerSec: count / (ingestMs / 1000), serverCpuMs, waits });
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
      }
      if (processes === 1) raw = { warm, source: target.serverEnv };
      else await target.drop().catch((e: unknown) => console.error(`dropping a benchmark database: ${String(e)}`));
    }
    const { ms: rawMs } = await rawInsertMs('Postgres', tmp, postgresUrl, raw!.source, raw!.warm, timed, log, drops);
    return { runs, interviews: count, rawMs, rawPerSec: count / (rawMs / 1000) };
  } finally {
    for (const drop of drops) await drop().catch((e: unknown) => console.error(`dropping a benchmark database: ${String(e)}`));
  }
}

/** ingestPerSecPostgres<n>proc, rawInsertPerSecPostgresProcs, ingestRawRatioPostgres<n>proc (null with the reason when not measured). */
function processFigures(r: ProcessRates | null, note: string): Figure[] {
  const figures: Figure[] = [];
  for (const n of PROCESS_COUNTS) {
    const run = r?.runs.find((x) => x.processes === n);
    figures.push(figure(`ingestPerSecPostgres${n}proc`, run ? Math.round(run.ingestPerSec) : null, 'interviews/s', note));
  }
  figures.push(figure('rawInsertPerSecPostgresProcs', r ? Math.round(r.rawPerSec) : null, 'interviews/s', note));
  for (const n of PROCESS_COUNTS) {
    const run = r?.runs.find((x) => x.processes === n);
    figures.push(figure(`ingestRawRatioPostgres${n}proc`, run && r ? Math.round((run.ingestPerSec / r.rawPerSec) * 100) / 100 : null, 'ratio', r ? `ingestPerSecPostgres${n}proc / rawInsertPerSecPostgresProcs` : note));
  }
  return figures;
}

/** The three figures of one database; `note` says how they were measured, or why they were not. */
function figuresOf(kind: Kind, r: Rates | null, note: string): Figure[] {
  const rate = (n: number) => Math.round(n);
  return [
    figure(`ingestPerSec${kind}`, r ? rate(r.ingestPerSec) : null, 'interviews/s', note),
    figure(`rawInsertPerSec${kind}`, r ? rate(r.rawPerSec) : null, 'interviews/s', note),
    figure(`ingestRawRatio${kind}`, r ? Math.round((r.ingestPerSec / r.rawPerSec) * 100) / 100 : null, 'ratio', r ? 'ingestPerSec / rawInsertPerSec' : note),
    figure(
      `ingestFloorPerSec${kind}`,
      r ? rate(r.floorPerSec) : null,
      'interviews/s',
      r ? 'the same interviews through a server doing only HTTP, the JSON and one insert per batch (bench/ingest-floor-server.ts)' : note,
    ),
    figure(`ingestFloorRawRatio${kind}`, r ? Math.round((r.floorPerSec / r.rawPerSec) * 100) / 100 : null, 'ratio', r ? 'ingestFloorPerSec / rawInsertPerSec: the most any checking server could reach' : note),
    figure(`ingestServerCpuUs${kind}`, r ? Math.round(r.serverCpuUs) : null, 'µs/interview', r ? "the server process's CPU time (user + system) per interview while timed" : note),
    figure(`ingestFloorCpuUs${kind}`, r ? Math.round(r.floorCpuUs) : null, 'µs/interview', r ? "the floor server's CPU time per interview: what is not the product's own work" : note),
    ...(kind === 'Postgres'
      ? [
          figure('ingestDbCpuUsPostgres', r && Number.isFinite(r.dbCpuUs) ? Math.round(r.dbCpuUs) : null, 'µs/interview', r ? "PostgreSQL's own CPU time per interview stored through the server (its processes on this machine)" : note),
          figure('rawInsertDbCpuUsPostgres', r && Number.isFinite(r.rawDbCpuUs) ? Math.round(r.rawDbCpuUs) : null, 'µs/interview', r ? "PostgreSQL's CPU time per interview of the raw inserts" : note),
          figure('ingestFloorDbCpuUsPostgres', r && Number.isFinite(r.floorDbCpuUs) ? Math.round(r.floorDbCpuUs) : null, 'µs/interview', r ? "PostgreSQL's CPU time per interview through the floor server" : note),
        ]
      : []),
  ];
}

export async function ingestFigures(ctx: { root: string; tmp: string; log: (m: string) => void; notes: string[] }): Promise<Figure[]> {
  const { root, tmp, log, notes } = ctx;
  const def = sipasDefinition(root);
  const how =
    `${INGEST_INTERVIEWS.toLocaleString('en')} ${def.id} interviews with realistic answers; ingest: ${INGEST_CLIENTS} devices at once, each POSTing batches of ${INGEST_BATCH} one after another ` +
    `to the compiled server on 127.0.0.1 (after ${WARM_UP_BATCHES} warm-up batches each); raw: the rows it stored, inserted into a fresh database with Kysely, one transaction per ${INGEST_BATCH}`;
  const figures: Figure[] = [];

  const sqlite = await measure('Sqlite', root, tmp, undefined, def, log);
  figures.push(...figuresOf('Sqlite', sqlite, how));
  notes.push(`ingest on SQLite: ${round1(sqlite.ingestMs / 1000)} s through HTTP, ${round1(sqlite.rawMs / 1000)} s raw; ${how}`);

  const pg = await findPostgres();
  if ('unavailable' in pg) {
    const why = `not measured: ${pg.unavailable}`;
    figures.push(...figuresOf('Postgres', null, why));
    figures.push(...processFigures(null, why));
    notes.push(`ingest on PostgreSQL ${why}`);
  } else {
    const origin = `PostgreSQL from ${pg.origin === 'DATABASE_URL' ? 'DATABASE_URL' : 'the local socket'}, a fresh database per run, dropped after`;
    const r = await measure('Postgres', root, tmp, pg.url, def, log);
    figures.push(...figuresOf('Postgres', r, `${how}; ${origin}`));
    notes.push(`ingest on PostgreSQL (${pg.origin}, a fresh database dropped after): ${round1(r.ingestMs / 1000)} s through HTTP, ${round1(r.rawMs / 1000)} s raw`);

    const p = await measureProcesses(root, tmp, pg.url, def, log);
    const procHow =
      `${p.interviews.toLocaleString('en')} ${def.id} interviews per run through n = ${PROCESS_COUNTS.join(', ')} server processes started together on one fresh database, ` +
      `${INGEST_PER_PROCESS} devices per process (${PROCESS_COUNTS.map((n) => n * INGEST_PER_PROCESS).join(', ')} devices: more devices with more processes, so each process has as many requests in flight as the single one), ` +
      `each device sending to one process (spread in turn) its batches of ${INGEST_BATCH} one after another, after ${WARM_UP_BATCHES} warm-up batches each; ` +
      `raw: the rows the 1-process run stored, inserted into a fresh database with Kysely, one transaction per ${INGEST_BATCH}, one after another; ${origin}`;
    figures.push(...processFigures(p, procHow));
    notes.push(
      `ingest on PostgreSQL through several server processes: ${p.runs
        .map(
          (x) =>
            `${x.processes} (${x.devices} devices) ${round1(x.ingestMs / 1000)} s, ${Math.round(x.ingestPerSec)}/s, the servers using ${(x.serverCpuMs / x.ingestMs).toFixed(2)} cores together, ` +
            `the database's connections on average: ${x.waits}`,
        )
        .join('; ')} (of ${cpus().length} cores, shared with PostgreSQL and the devices' client; connections: how many were, at a sample every 100 ms, running a statement, waiting (by wait event) or idle inside a transaction); ` +
        `raw ${round1(p.rawMs / 1000)} s, ${Math.round(p.rawPerSec)}/s; ${procHow}`,
    );
  }
  return figures;
}
