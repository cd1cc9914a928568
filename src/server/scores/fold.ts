/**
 * Score totals written in two steps. An ingest transaction (or a re-scoring batch) does not update
 * score_totals itself: it inserts one row of score_deltas holding everything it adds, merged per
 * total row (./write ScoreTotals). The fold adds pending deltas into score_totals and deletes them,
 * in one transaction, one fold at a time across every server process (an advisory lock on
 * PostgreSQL; SQLite has one writer). So
 * - ingest never waits for total rows that every other transaction also updates (on PostgreSQL,
 *   concurrent transactions and processes queued on them), and never holds them;
 * - the database merges many transactions' deltas in one pass: a total row is updated once per
 *   fold, not once per transaction;
 * - nothing is lost or counted twice: a delta commits with its interviews, and is deleted in the
 *   transaction that adds it in. Readers read score_totals and the pending deltas together
 *   (`totalsWithPending`), so figures are exact at every moment.
 * Each database handle folds in the background shortly after a transaction queued a delta
 * (`settleScoreTotals`). On PostgreSQL it adds deltas into score_totals once the oldest has waited
 * FULL_FOLD_MS, and meanwhile, whenever FOLD_DELTAS are waiting, merges them into one. Adding is
 * what costs the database: every total row a delta touches is updated, and a delta of a few
 * hundred interviews spread over a province's communes touches most of them, so one addition per
 * several seconds of deltas updates each row once for all of them, whichever process folds.
 * Readers still read at most about FOLD_DELTAS pending deltas.
 */
import { sql } from 'kysely';
import type { Kysely, RawBuilder, Selectable, Transaction } from 'kysely';
import { isSqlite, LOCKS, withLockedTransaction } from '../db/locks';
import type { DatabaseSchema, ScoreTotalsTable } from '../db/schema';
import { ScoreTotals } from './write';

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/**
 * Queues what `totals` adds (in the caller's transaction). `subtracts`: it takes interviews off.
 * `queuedAt`: when it was queued (deltas merged into one keep the oldest time).
 */
export async function queueScoreTotals(trx: Db, totals: ScoreTotals, subtracts = false, queuedAt = new Date().toISOString()): Promise<void> {
  if (totals.size === 0) return;
  await trx.insertInto('score_deltas').values({ totals: totals.encode(), subtracts: subtracts ? 1 : 0, queued_at: queuedAt }).execute();
}

/** score_totals' columns in the order the expansions below give them. */
const COLUMN_LIST = 'campaign_id, survey_id, survey_version, group_id, stratum, part_key, sum, count, interviews, resp_n, resp_sum, resp_sq';

/**
 * The rows of the deltas chosen by `where` (on `d`), expanded by the database: one per place and
 * key. A place's fields are read once per place, not once per key (a place's JSON holds every one
 * of its keys: read again for each, the work would grow with the square of them): SQLite keeps the
 * places in a materialised table first; PostgreSQL reads binary JSON (jsonb), where an element is
 * reached without parsing the rest.
 */
function expanded(db: Db, where: RawBuilder<unknown>): RawBuilder<unknown> {
  return isSqlite(db)
    ? sql`with places as materialized (
            select json_extract(p.value, '$[0]') as campaign_id, json_extract(p.value, '$[1]') as survey_id, json_extract(p.value, '$[2]') as survey_version,
                   json_extract(p.value, '$[3]') as group_id, json_extract(p.value, '$[4]') as stratum, json_extract(p.value, '$[5]') as parts
            from score_deltas d, json_each(d.totals) p where ${where})
          select p.campaign_id, p.survey_id, p.survey_version, p.group_id, p.stratum, r.value ->> 0 as part_key,
                 r.value ->> 1 as sum, r.value ->> 2 as count, r.value ->> 3 as interviews, r.value ->> 4 as resp_n, r.value ->> 5 as resp_sum, r.value ->> 6 as resp_sq
          from places p, json_each(p.parts) r`
    : sql`select p.value ->> 0 as campaign_id, p.value ->> 1 as survey_id, (p.value ->> 2)::integer as survey_version,
             p.value ->> 3 as group_id, p.value ->> 4 as stratum, r.value ->> 0 as part_key,
             (r.value ->> 1)::double precision as sum, (r.value ->> 2)::integer as count, (r.value ->> 3)::integer as interviews,
             (r.value ->> 4)::double precision as resp_n, (r.value ->> 5)::double precision as resp_sum, (r.value ->> 6)::double precision as resp_sq
          from score_deltas d cross join lateral jsonb_array_elements(d.totals::jsonb) p cross join lateral jsonb_array_elements(p.value -> 5) r where ${where}`;
}

/**
 * score_totals with the pending deltas added, as a table of the same columns (rows not merged:
 * readers sum them per key, as they sum score_totals' rows). Read in one statement, it is one moment.
 */
export function totalsWithPending(db: Db): RawBuilder<Selectable<ScoreTotalsTable>> {
  return sql<Selectable<ScoreTotalsTable>>`(select ${sql.raw(COLUMN_LIST)} from score_totals union all select * from (${expanded(db, sql`true`)}) pending)`;
}

/** Deltas folded per transaction at most: one fold keeps SQLite's (synchronous) driver a few tens of milliseconds. */
const FOLD_DELTAS = 16;

/** score_totals' columns, in the order the upsert binds them, with their PostgreSQL types. */
const PG_TYPES = {
  campaign_id: 'text',
  survey_id: 'text',
  survey_version: 'integer',
  group_id: 'text',
  stratum: 'text',
  part_key: 'text',
  sum: 'double precision',
  count: 'integer',
  interviews: 'integer',
  resp_n: 'double precision',
  resp_sum: 'double precision',
  resp_sq: 'double precision',
} as const;
const COLUMNS = Object.keys(PG_TYPES) as (keyof typeof PG_TYPES)[];

/** Adds `totals` into score_totals: one upsert, its rows in key order. */
async function upsertTotals(trx: Db, totals: ScoreTotals): Promise<void> {
  // One row per key (merged as added), so one upsert never touches a row twice (PostgreSQL refuses
  // that); the rows go in key order, which is the order the database locks them in.
  const rows = totals.deltas().map((d) => [d.place.campaignId, d.place.surveyId, d.place.surveyVersion, d.place.groupId, d.place.stratum, d.key, d.sum, d.count, d.interviews, d.n, d.vSum, d.vSq]);
  if (rows.length === 0) return;
  // The rows go as one parameter, a JSON array of rows in the order of COLUMNS, expanded by the
  // database: parsing, planning and (for Kysely) building a VALUES list of thousands of rows costs
  // more than the upsert itself, and the JSON text is made natively, where the driver would
  // escape every element of per-column arrays one by one.
  const json = JSON.stringify(rows);
  const source = isSqlite(trx)
    ? sql`select ${sql.join(COLUMNS.map((_, i) => sql.raw(`json_extract(value, '$[${i}]')`)))} from json_each(${json}) where true`
    : sql`select ${sql.join(COLUMNS.map((c, i) => sql.raw(`(value ->> ${i})::${PG_TYPES[c]}`)))} from json_array_elements(${json}::json)`;
  await sql`insert into score_totals (${sql.join(COLUMNS.map((c) => sql.ref(c)))}) ${source}
    on conflict (campaign_id, survey_id, survey_version, group_id, stratum, part_key) do update set
      sum = score_totals.sum + excluded.sum, count = score_totals.count + excluded.count, interviews = score_totals.interviews + excluded.interviews,
      resp_n = score_totals.resp_n + excluded.resp_n, resp_sum = score_totals.resp_sum + excluded.resp_sum, resp_sq = score_totals.resp_sq + excluded.resp_sq`.execute(trx);
}

/**
 * Folds up to FOLD_DELTAS pending deltas in `trx`, which holds the fold lock (see `foldScoreTotals`,
 * `lockFold`): their rows are merged here (many transactions add to the same keys) and added with
 * one upsert. Returns how many deltas it folded.
 */
export async function foldIn(trx: Db, limit = FOLD_DELTAS): Promise<number> {
  const taken = await takeOldest(trx, limit);
  if (!taken) return 0;
  await upsertTotals(trx, taken.merged);
  // Interviews taken off (a changed scoring) can leave rows of keys no interview has any more.
  if (taken.subtracts) await trx.deleteFrom('score_totals').where('interviews', '<=', 0).execute();
  return taken.count;
}

/**
 * Takes the `limit` oldest pending deltas out of score_deltas (in `trx`, which holds the fold lock)
 * and returns them merged, with whether any takes interviews off and the oldest time among them.
 */
async function takeOldest(trx: Db, limit: number): Promise<{ merged: ScoreTotals; count: number; subtracts: boolean; oldest: string | null } | undefined> {
  const picked = await trx.selectFrom('score_deltas').select(['id', 'totals', 'subtracts', 'queued_at']).orderBy('id').limit(limit).execute();
  if (picked.length === 0) return undefined;
  const merged = new ScoreTotals();
  for (const d of picked) merged.addEncoded(d.totals);
  // Exactly these ids are deleted (on PostgreSQL a delta committed meanwhile with a lower id waits
  // for the next fold).
  await trx.deleteFrom('score_deltas').where('id', 'in', picked.map((d) => Number(d.id))).execute();
  const times = picked.map((d) => d.queued_at);
  const oldest = times.includes(null) ? null : times.reduce((a, b) => (b! < a! ? b : a));
  return { merged, count: picked.length, subtracts: picked.some((d) => Number(d.subtracts) !== 0), oldest };
}

/**
 * Takes the fold lock in `trx` (PostgreSQL: waits for a fold under way in any process; SQLite: its
 * single writer already serialises). For transactions that fold, or rebuild the totals, themselves.
 */
export async function lockFold(trx: Db): Promise<void> {
  if (!isSqlite(trx)) await sql`select pg_advisory_xact_lock(${sql.lit(LOCKS.fold)})`.execute(trx);
}

/**
 * Folds every pending delta, a few per transaction, letting requests run between them. With
 * `skipIfBusy` (the background fold) it returns at once when another process is folding (that one
 * folds these too). Returns how many deltas it folded.
 */
export async function foldScoreTotals(db: Kysely<DatabaseSchema>, options: { skipIfBusy?: boolean; busy?: () => void } = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const folded = await underFoldLock(db, options.skipIfBusy === true, (trx) => foldIn(trx));
    if (folded < 0) options.busy?.();
    if (folded <= 0) return total;
    total += folded;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Runs `fn` in a transaction holding the fold lock. SQLite: the write lock from the start (BEGIN
 * IMMEDIATE), so a second handle on the file waits rather than fails. PostgreSQL: waits for the
 * lock, or with `skipIfBusy` returns -1 at once when another process holds it.
 */
async function underFoldLock(db: Kysely<DatabaseSchema>, skipIfBusy: boolean, fn: (trx: Db) => Promise<number>): Promise<number> {
  if (isSqlite(db) || !skipIfBusy) return withLockedTransaction(db, LOCKS.fold, fn);
  return db.transaction().execute(async (trx) => {
    const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${sql.lit(LOCKS.fold)}) as ok`.execute(trx);
    return got.rows[0]?.ok === true ? fn(trx) : -1;
  });
}

/** How long the oldest pending delta waits before the background fold adds it into score_totals. */
export const FULL_FOLD_MS = 5_000;

/** A step of settleScoreTotals that did something: the next one looks again. */
const AGAIN = -2;

/**
 * The background fold, in steps of one transaction each: adds the oldest FOLD_DELTAS pending deltas
 * into score_totals while the oldest has waited FULL_FOLD_MS (on SQLite, or when a delta was queued
 * before its time was kept: at once); otherwise, while FOLD_DELTAS are waiting, merges the oldest of
 * them into one, which keeps their oldest time (readers' figures do not change). Returns in how
 * many milliseconds the deltas left are due (0: none left), or -1 when another process is folding.
 * `now`: the clock.
 */
export async function settleScoreTotals(db: Kysely<DatabaseSchema>, now: () => number = Date.now): Promise<number> {
  for (;;) {
    const next = await underFoldLock(db, true, async (trx) => {
      // SQLite adds at once: its fold runs in the server's own thread, where adding a few thousand
      // rows costs less than merging deltas in JavaScript (measured: ingest went slower merging).
      if (isSqlite(trx)) return (await foldIn(trx)) > 0 ? AGAIN : 0;
      const waiting = await trx
        .selectFrom('score_deltas')
        .select(({ fn }) => [fn.countAll<string | number>().as('n'), fn.min('queued_at').as('oldest'), fn.count('queued_at').as('timed')])
        .executeTakeFirstOrThrow();
      const n = Number(waiting.n);
      if (n === 0) return 0;
      const age = Number(waiting.timed) < n || waiting.oldest === null ? Infinity : now() - Date.parse(waiting.oldest);
      if (!(age < FULL_FOLD_MS)) return (await foldIn(trx)) > 0 ? AGAIN : 0;
      if (n < FOLD_DELTAS) return Math.max(1, FULL_FOLD_MS - age);
      // Every delta has its time here (one without is added at once, above): the merged one keeps the oldest.
      const taken = (await takeOldest(trx, FOLD_DELTAS))!;
      await queueScoreTotals(trx, taken.merged, taken.subtracts, taken.oldest ?? undefined);
      // The merged delta is the newest: it is taken again only once the older ones are merged.
      return AGAIN;
    });
    if (next !== AGAIN) return next;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** How long after a queued delta the background fold starts: transactions meanwhile fold together. */
const FOLD_AFTER_MS = 1_000;
/** After a fold failed (the database away), the next try. */
const RETRY_AFTER_MS = 5_000;

interface Folder {
  timer: NodeJS.Timeout | undefined;
  /** When the timer fires (performance.now()). */
  timerAt: number;
  running: Promise<void> | undefined;
  again: boolean;
}

const folders = new WeakMap<Kysely<DatabaseSchema>, Folder>();

function folderOf(db: Kysely<DatabaseSchema>): Folder {
  let f = folders.get(db);
  if (!f) {
    f = { timer: undefined, timerAt: 0, running: undefined, again: false };
    folders.set(db, f);
  }
  return f;
}

/** Asks for a background fold of `db`'s pending deltas soon (called after a transaction queued one). */
export function scheduleFold(db: Kysely<DatabaseSchema>, after = FOLD_AFTER_MS): void {
  const f = folderOf(db);
  if (f.running) {
    f.again = true;
    return;
  }
  if (f.timer) {
    // A fold is already asked for by then; one asked for later (deltas waiting for their time)
    // comes sooner when more are queued, so that they are merged while they wait.
    if (f.timerAt <= performance.now() + after) return;
    clearTimeout(f.timer);
  }
  f.timerAt = performance.now() + after;
  f.timer = setTimeout(() => {
    f.timer = undefined;
    f.running = settleScoreTotals(db).then(
      (due) => {
        f.running = undefined;
        // Another process was folding, or deltas came meanwhile: look again.
        if (due < 0 || f.again) {
          f.again = false;
          scheduleFold(db);
        } else if (due > 0) {
          // Deltas wait for their time: the fold comes then, even if no interview does.
          scheduleFold(db, Math.max(FOLD_AFTER_MS, due));
        }
      },
      () => {
        // Nothing is lost: the deltas stay until a fold succeeds, and readers count them meanwhile.
        f.running = undefined;
        f.again = false;
        scheduleFold(db, RETRY_AFTER_MS);
      },
    );
  }, after);
  f.timer.unref();
}

/**
 * Cancels `db`'s background fold not yet started and waits for one under way (the server closing:
 * deltas left are folded by the next fold, and counted by readers meanwhile).
 */
export async function stopFolding(db: Kysely<DatabaseSchema>): Promise<void> {
  const f = folderOf(db);
  if (f.timer) clearTimeout(f.timer);
  f.timer = undefined;
  f.again = false;
  await f.running;
  if (f.timer) clearTimeout(f.timer);
  f.timer = undefined;
}
