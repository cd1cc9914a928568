/**
 * After start, in the background: scores the interviews stored without scores (before scoring
 * existed, or before their questionnaire had a scoring block) and re-scores those computed with a
 * scoring block that has changed since, so old data scores too. Batches of BATCH rows, each in one
 * transaction that claims its rows (a conditional update on their fingerprint), rewrites their
 * contributions and moves the totals by the difference, so the totals are right after every batch
 * and no row that is up to date is written. Idempotent: a row is (re)scored once per fingerprint
 * however often the server starts, and a run interrupted half-way is finished by the next one.
 * Rows needing work are found through the scoring index (survey, version, fingerprint, id):
 * finding none costs a few index lookups, whatever the number of interviews.
 */
import { chunksOf } from '../db/chunks';
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { scoreContributions } from '../../survey';
import type { Answers, Definition } from '../../survey';
import { isSqlite, LOCKS, ifLockFree, withLockedTransaction } from '../db/locks';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { countUnassigned } from '../ingest/counting';
import { scoringHash } from './hash';
import { decodeParts, encodeParts, storedParts } from './parts';
import type { StoredPart } from './parts';
import { lockFold, queueScoreTotals, scheduleFold, totalsWithPending } from './fold';
import { ScoreTotals } from './write';
import type { ScorePlace } from './write';

type Db = Kysely<DatabaseSchema>;

/**
 * Small enough that one batch keeps the event loop a few tens of milliseconds (SQLite's driver is
 * synchronous), so requests are served between batches and load shedding never starts for it.
 */
const BATCH = 250;

/** The ranges of fingerprints that need work: all but `hash` (a scoring) or all but NULL (none). */
type Segment = 'null' | 'below' | 'above' | 'not-null';
const segmentsFor = (hash: string): Segment[] => (hash === '' ? ['not-null'] : ['null', 'below', 'above']);

type Cursor = { hash: string | null; id: string } | undefined;

/** Rows of one questionnaire version in one segment, after the cursor, in index order. */
function segmentQuery(db: Db, def: Definition, hash: string, segment: Segment, after: Cursor) {
  let q = db
    .selectFrom('submissions')
    .where('survey_id', '=', def.id)
    .where('survey_version', '=', def.version)
    // Rows without a campaign are assigned one first (countUnassigned); until then they wait.
    .where('campaign_id', 'is not', null);
  if (segment === 'null') q = q.where('scoring_hash', 'is', null);
  else if (segment === 'not-null') q = q.where('scoring_hash', 'is not', null);
  else q = q.where('scoring_hash', segment === 'below' ? '<' : '>', hash);
  if (after) {
    const { hash: h, id } = after;
    q = segment === 'null' || h === null ? q.where('id', '>', id) : q.where((eb) => eb(eb.refTuple('scoring_hash', 'id'), '>', eb.tuple(h, id)));
  }
  return q;
}

/** Whether any row of the questionnaire version waits for (re)scoring: a few index lookups. */
async function versionPending(db: Db, def: Definition): Promise<boolean> {
  const hash = scoringHash(def);
  for (const segment of segmentsFor(hash))
    if (await segmentQuery(db, def, hash, segment, undefined).select('id').limit(1).executeTakeFirst()) return true;
  return false;
}

/**
 * Whether stored interviews still wait to be counted or scored (the dashboard says scores are being
 * computed): index lookups only.
 */
export async function scoringPending(db: Db, catalog: Catalog): Promise<boolean> {
  if (await db.selectFrom('submissions').select('id').where('campaign_id', 'is', null).limit(1).executeTakeFirst()) return true;
  for (const entry of catalog.list()) if (await versionPending(db, entry.definition)) return true;
  return false;
}

interface Row {
  id: string;
  answers: string;
  scoring_hash: string | null;
  /** Its contributions (./parts), or NULL: in score_parts if it was scored before migration 0012. */
  scores: string | null;
  campaign_id: string | null;
  respondent_group: string;
  stratum: string | null;
}

/** The stored contributions of scored rows: their JSON, or for rows scored before migration 0012, score_parts. */
async function oldPartsOf(trx: Transaction<DatabaseSchema> | Db, rows: readonly Row[]): Promise<Map<string, StoredPart[]>> {
  const out = new Map<string, StoredPart[]>();
  const legacy: string[] = [];
  for (const r of rows) {
    if (r.scores !== null) out.set(r.id, decodeParts(r.scores));
    else legacy.push(r.id);
  }
  for (const chunk of chunksOf(legacy, 1)) {
    const found = await trx.selectFrom('score_parts').select(['submission_id', 'part_key', 'sum', 'count']).where('submission_id', 'in', chunk).execute();
    for (const p of found) out.set(p.submission_id, [...(out.get(p.submission_id) ?? []), { key: p.part_key, sum: Number(p.sum), count: Number(p.count) }]);
  }
  if (legacy.length > 0) await trx.deleteFrom('score_parts').where('submission_id', 'in', legacy).execute();
  return out;
}

/** One batch: claims the rows still carrying the fingerprint read, rewrites their contributions and moves the totals. */
async function rescoreBatch(trx: Transaction<DatabaseSchema> | Db, def: Definition, hash: string, rows: readonly Row[]): Promise<number> {
  const byOld = new Map<string | null, Row[]>();
  for (const r of rows) byOld.set(r.scoring_hash, [...(byOld.get(r.scoring_hash) ?? []), r]);
  const totals = new ScoreTotals();
  let total = 0;
  for (const [old, group] of byOld) {
    // Claimed only if nobody re-scored it meanwhile: each row is rewritten once per fingerprint.
    const claimed = new Set(
      (
        await trx
          .updateTable('submissions')
          .set({ scoring_hash: hash === '' ? null : hash, scores: null })
          .where('id', 'in', group.map((r) => r.id))
          .where((eb) => (old === null ? eb('scoring_hash', 'is', null) : eb('scoring_hash', '=', old)))
          .returning('id')
          .execute()
      ).map((r) => r.id),
    );
    if (claimed.size === 0) continue;
    const mine = group.filter((r) => claimed.has(r.id));
    const placeOf = (r: Row): ScorePlace => ({ campaignId: r.campaign_id ?? '', surveyId: def.id, surveyVersion: def.version, groupId: r.respondent_group, stratum: r.stratum ?? '' });
    if (old !== null) {
      // What the old scoring added to the totals comes off them.
      const partsOf = await oldPartsOf(trx, mine);
      for (const r of mine) totals.add(placeOf(r), partsOf.get(r.id) ?? [], -1);
    }
    if (hash !== '')
      for (const r of mine) {
        const contributions = scoreContributions(def, JSON.parse(r.answers) as Answers);
        totals.add(placeOf(r), contributions);
        await trx.updateTable('submissions').set({ scores: encodeParts(contributions) }).where('id', '=', r.id).execute();
      }
    total += claimed.size;
  }
  // Folded in like ingest's (./fold), which also drops the leaves a changed scoring no longer has.
  await queueScoreTotals(trx, totals, rows.some((r) => r.scoring_hash !== null));
  return total;
}

/** (Re)scores one questionnaire version's rows whose fingerprint is not the current one. Returns how many. */
async function rescoreVersion(db: Db, def: Definition, stopped: () => boolean): Promise<number> {
  const hash = scoringHash(def);
  let total = 0;
  for (const segment of segmentsFor(hash)) {
    let after: Cursor;
    while (!stopped()) {
      const rows = await segmentQuery(db, def, hash, segment, after)
        .select(['id', 'answers', 'scoring_hash', 'scores', 'campaign_id', 'respondent_group', 'stratum'])
        .orderBy('scoring_hash')
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) break;
      const last = rows[rows.length - 1]!;
      after = { hash: last.scoring_hash, id: last.id };
      total += await db.transaction().execute((trx) => rescoreBatch(trx, def, hash, rows));
      scheduleFold(db);
      // Requests waiting meanwhile go first.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return total;
}

/** The three figures totalsAgree compares, read with `q` (one snapshot when `q` is a transaction). */
async function agreeIn(q: Db): Promise<boolean> {
  const totals = await q
    .selectFrom(totalsWithPending(q).as('score_totals'))
    .select(({ fn }) => [
      fn.sum<string | number | null>(sql`case when part_key = '' then interviews else 0 end`).as('interviews'),
      fn.sum<string | number | null>('count').as('count'),
      fn.sum<string | number | null>('sum').as('sum'),
    ])
    // Breakdowns repeat the plain keys: compared are the plain ones.
    .where('part_key', 'not like', '%@%')
    .executeTakeFirst();
  const interviews = await q.selectFrom('submissions').select(({ fn }) => fn.countAll<string | number>().as('n')).where('scoring_hash', 'is not', null).executeTakeFirst();
  const parts = (await sql<{ count: string | number | null; sum: string | number | null }>`select sum(p.count) as count, sum(p.sum) as sum from ${storedParts(q)} p`.execute(q)).rows[0];
  const n = (v: string | number | null | undefined) => Number(v ?? 0);
  return (
    n(totals?.interviews) === n(interviews?.n) &&
    n(totals?.count) === n(parts?.count) &&
    Math.abs(n(totals?.sum) - n(parts?.sum)) <= 1e-6 * Math.max(1, n(parts?.count))
  );
}

/**
 * True when score_totals holds exactly what the stored contributions and the scored rows add up to: the same
 * number of scored interviews, weighted answers and sum of weights. A few aggregate scans, read in
 * one snapshot (REPEATABLE READ on PostgreSQL), so interviews stored meanwhile never make them
 * seem to disagree.
 */
export async function totalsAgree(db: Db): Promise<boolean> {
  const trx = isSqlite(db) ? db.transaction() : db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only');
  return trx.execute((t) => agreeIn(t));
}

/**
 * Replaces score_totals with the sums of the stored contributions (./parts) per campaign, version, group, stratum and
 * leaf, if they still disagree once no one else can write them: on PostgreSQL the table is locked
 * against writers (ingest waits for the rebuild, then adds its own), on SQLite the write lock is
 * held. Returns whether it rebuilt.
 */
export async function rebuildScoreTotals(db: Db): Promise<boolean> {
  return withLockedTransaction(db, LOCKS.totals, async (trx) => {
    // No fold meanwhile, and no ingest: on PostgreSQL the deltas' table is locked against writers
    // (ingest waits for the rebuild, then queues its own).
    await lockFold(trx);
    if (!isSqlite(db)) await sql`lock table score_deltas in share row exclusive mode`.execute(trx);
    if (await agreeIn(trx)) return false;
    await trx.deleteFrom('score_totals').execute();
    await trx.deleteFrom('score_deltas').execute();
    const place = ['s.campaign_id', 's.survey_id', 's.survey_version', 's.respondent_group', 's.stratum'] as const;
    /** The place of an interview's totals, as score_totals keys it (no campaign or stratum: ''). */
    const placeColumns = [
      sql<string>`coalesce(s.campaign_id, '')`.as('campaign_id'),
      's.survey_id',
      's.survey_version',
      's.respondent_group',
      sql<string>`coalesce(s.stratum, '')`.as('stratum'),
    ] as const;
    const columns = ['campaign_id', 'survey_id', 'survey_version', 'group_id', 'stratum', 'part_key', 'sum', 'count', 'interviews', 'resp_n', 'resp_sum', 'resp_sq'] as const;
    await trx
      .insertInto('score_totals')
      .columns(columns)
      .expression(
        trx
          .selectFrom('submissions as s')
          .select(({ fn }) => [
            ...placeColumns,
            sql<string>`''`.as('part_key'),
            sql<number>`0`.as('sum'),
            sql<number>`0`.as('count'),
            fn.countAll<number>().as('interviews'),
            sql<number>`0`.as('resp_n'),
            sql<number>`0`.as('resp_sum'),
            sql<number>`0`.as('resp_sq'),
          ])
          .where('s.scoring_hash', 'is not', null)
          .groupBy([...place]),
      )
      .execute();
    // The contributions, per key; then breakdowns over every stratum (./write ScoreTotals): the
    // interviews with each marker ("sex=2@"), and every plain key again under each marker.
    const parts = storedParts(trx);
    const spread = sql`sum(case when p.count > 0 then 1 else 0 end), sum(case when p.count > 0 then p.sum / p.count else 0 end), sum(case when p.count > 0 then (p.sum / p.count) * (p.sum / p.count) else 0 end)`;
    const into = sql`insert into score_totals (campaign_id, survey_id, survey_version, group_id, stratum, part_key, sum, count, interviews, resp_n, resp_sum, resp_sq)`;
    await sql`${into}
      select coalesce(s.campaign_id, ''), s.survey_id, s.survey_version, s.respondent_group, coalesce(s.stratum, ''), p.part_key, sum(p.sum), sum(p.count), count(*), ${spread}
      from ${parts} p join submissions s on s.id = p.submission_id
      where s.scoring_hash is not null and p.part_key not like '%@%'
      group by s.campaign_id, s.survey_id, s.survey_version, s.respondent_group, s.stratum, p.part_key`.execute(trx);
    // Each marker counts its interviews over every stratum.
    await sql`${into}
      select coalesce(s.campaign_id, ''), s.survey_id, s.survey_version, s.respondent_group, '', m.part_key, 0, 0, count(*), 0, 0, 0
      from ${parts} m join submissions s on s.id = m.submission_id
      where s.scoring_hash is not null and m.part_key like '%@'
      group by s.campaign_id, s.survey_id, s.survey_version, s.respondent_group, m.part_key`.execute(trx);
    await sql`${into}
      select coalesce(s.campaign_id, ''), s.survey_id, s.survey_version, s.respondent_group, '', m.part_key || p.part_key, sum(p.sum), sum(p.count), count(*), ${spread}
      from ${parts} m join ${parts} p on p.submission_id = m.submission_id join submissions s on s.id = m.submission_id
      where s.scoring_hash is not null and m.part_key like '%@' and p.part_key not like '%@%'
      group by s.campaign_id, s.survey_id, s.survey_version, s.respondent_group, m.part_key, p.part_key`.execute(trx);
    return true;
  });
}

export interface ScoringRun {
  /** Interviews assigned a campaign and counted (stored before quota counting, or without campaigns). */
  counted: number;
  /** Interviews (re)scored. */
  scored: number;
  /** Whether the totals were checked against the contributions (only after rows were (re)scored). */
  totalsChecked: boolean;
}

/**
 * Brings every stored interview's scores up to date with the loaded questionnaires. Returns how
 * many rows it (re)scored. `stopped` ends it between batches. `checkTotals`: 'always' checks the
 * totals afterwards (rebuilt only when they disagree with the contributions in one snapshot, and
 * again under the lock); 'after-scoring' only when it (re)scored rows, since ingest and the
 * batches above keep the totals in the same transactions as the contributions: a start that finds
 * nothing to score then costs a few index lookups, however many interviews are stored.
 */
export async function scoreStoredInterviews(
  db: Db,
  catalog: Catalog,
  stopped: () => boolean = () => false,
  checkTotals: 'always' | 'after-scoring' = 'always',
): Promise<number> {
  return (await scoreAndCheck(db, catalog, stopped, checkTotals)).scored;
}

async function scoreAndCheck(db: Db, catalog: Catalog, stopped: () => boolean, checkTotals: 'always' | 'after-scoring'): Promise<{ scored: number; totalsChecked: boolean }> {
  let scored = 0;
  for (const entry of catalog.list()) if (!stopped()) scored += await rescoreVersion(db, entry.definition, stopped);
  const check = !stopped() && (checkTotals === 'always' || scored > 0);
  if (check && !(await totalsAgree(db))) await rebuildScoreTotals(db);
  return { scored, totalsChecked: check };
}

/**
 * The start-up work on stored interviews, run in the background once the server listens: counting
 * those without a campaign, then scoring (the totals are checked only if it scored rows). One
 * server at a time: a server that finds another one doing it skips it (returns undefined).
 */
export async function runStartupScoring(db: Db, catalog: Catalog, stopped: () => boolean): Promise<ScoringRun | undefined> {
  const run = await ifLockFree(db, LOCKS.scoring, async (): Promise<ScoringRun> => {
    const counted = stopped() ? 0 : await countUnassigned(db, catalog.campaigns);
    const { scored, totalsChecked } = stopped() ? { scored: 0, totalsChecked: false } : await scoreAndCheck(db, catalog, stopped, 'after-scoring');
    return { counted, scored, totalsChecked };
  });
  return run.ran ? run.value : undefined;
}
