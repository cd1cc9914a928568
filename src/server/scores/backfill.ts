/**
 * At start: scores the interviews stored without scores (before scoring existed, or before their
 * questionnaire had a scoring block) and re-scores those computed with a scoring block that has
 * changed since, so old data scores too; then rebuilds the totals from the contributions in SQL.
 * Idempotent: each row carries the fingerprint of the scoring it was scored with and is claimed by
 * a conditional update in the transaction that rewrites its contributions, so it is (re)scored once
 * however often the server starts, and a start interrupted half-way is finished by the next one.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { scoreContributions } from '../../survey';
import type { Answers, Definition } from '../../survey';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { scoringHash } from './hash';

type Db = Kysely<DatabaseSchema>;

const BATCH = 500;
/** Rows per multi-row insert: 4 values each, far below SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_ROWS = 2000;

/** (Re)scores one questionnaire version's rows whose fingerprint is not the current one. Returns how many. */
async function rescoreVersion(db: Db, def: Definition): Promise<number> {
  const hash = scoringHash(def);
  let total = 0;
  // Keyset paging along the export index (survey, version, received_at, id): one pass over the
  // version's rows, however many of them need scoring.
  let after: { receivedAt: string; id: string } | undefined;
  for (;;) {
    let query = db
      .selectFrom('submissions')
      .select(['id', 'received_at', 'answers', 'scoring_hash'])
      .where('survey_id', '=', def.id)
      .where('survey_version', '=', def.version)
      // Rows without a campaign are assigned one at start first (countUnassigned); until then they wait.
      .where('campaign_id', 'is not', null)
      .where(sql<string>`coalesce(scoring_hash, '')`, '<>', hash);
    if (after) {
      const { receivedAt, id } = after;
      query = query.where((eb) => eb(eb.refTuple('received_at', 'id'), '>', eb.tuple(receivedAt, id)));
    }
    const rows = await query.orderBy('received_at').orderBy('id').limit(BATCH).execute();
    if (rows.length === 0) return total;
    const last = rows[rows.length - 1]!;
    after = { receivedAt: last.received_at, id: last.id };
    await db.transaction().execute(async (trx) => {
      const byOld = new Map<string | null, typeof rows>();
      for (const r of rows) byOld.set(r.scoring_hash, [...(byOld.get(r.scoring_hash) ?? []), r]);
      for (const [old, group] of byOld) {
        // Claimed only if nobody re-scored it meanwhile: each row is rewritten once per fingerprint.
        const claimed = new Set(
          (
            await trx
              .updateTable('submissions')
              .set({ scoring_hash: hash === '' ? null : hash })
              .where('id', 'in', group.map((r) => r.id))
              .where((eb) => (old === null ? eb('scoring_hash', 'is', null) : eb('scoring_hash', '=', old)))
              .returning('id')
              .execute()
          ).map((r) => r.id),
        );
        if (claimed.size === 0) continue;
        if (old !== null) await trx.deleteFrom('score_parts').where('submission_id', 'in', [...claimed]).execute();
        if (hash !== '') {
          const parts = group
            .filter((r) => claimed.has(r.id))
            .flatMap((r) => scoreContributions(def, JSON.parse(r.answers) as Answers).map((p) => ({ submission_id: r.id, part_key: p.key, sum: p.sum, count: p.count })));
          for (let i = 0; i < parts.length; i += INSERT_ROWS) await trx.insertInto('score_parts').values(parts.slice(i, i + INSERT_ROWS)).execute();
        }
        total += claimed.size;
      }
    });
  }
}

/**
 * True when score_totals holds exactly what score_parts and the scored rows add up to: the same
 * number of scored interviews, weighted answers and sum of weights. A few aggregate scans, run at start.
 */
export async function totalsAgree(db: Db): Promise<boolean> {
  const [totals, interviews, parts] = await Promise.all([
    db
      .selectFrom('score_totals')
      .select(({ fn }) => [
        fn.sum<string | number | null>(sql`case when part_key = '' then interviews else 0 end`).as('interviews'),
        fn.sum<string | number | null>('count').as('count'),
        fn.sum<string | number | null>('sum').as('sum'),
      ])
      .executeTakeFirst(),
    db.selectFrom('submissions').select(({ fn }) => fn.countAll<string | number>().as('n')).where('scoring_hash', 'is not', null).executeTakeFirst(),
    db
      .selectFrom('score_parts')
      .select(({ fn }) => [fn.sum<string | number | null>('count').as('count'), fn.sum<string | number | null>('sum').as('sum')])
      .executeTakeFirst(),
  ]);
  const n = (v: string | number | null | undefined) => Number(v ?? 0);
  return (
    n(totals?.interviews) === n(interviews?.n) &&
    n(totals?.count) === n(parts?.count) &&
    Math.abs(n(totals?.sum) - n(parts?.sum)) <= 1e-6 * Math.max(1, n(parts?.count))
  );
}

/** Replaces score_totals with the sums of score_parts per campaign, version, group, stratum and leaf. */
export async function rebuildScoreTotals(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('score_totals').execute();
    const place = ['s.campaign_id', 's.survey_id', 's.survey_version', 's.respondent_group', 's.stratum'] as const;
    await trx
      .insertInto('score_totals')
      .columns(['campaign_id', 'survey_id', 'survey_version', 'group_id', 'stratum', 'part_key', 'sum', 'count', 'interviews'])
      .expression(
        trx
          .selectFrom('submissions as s')
          .select(({ fn }) => [
            sql<string>`coalesce(s.campaign_id, '')`.as('campaign_id'),
            's.survey_id',
            's.survey_version',
            's.respondent_group',
            sql<string>`coalesce(s.stratum, '')`.as('stratum'),
            sql<string>`''`.as('part_key'),
            sql<number>`0`.as('sum'),
            sql<number>`0`.as('count'),
            fn.countAll<number>().as('interviews'),
          ])
          .where('s.scoring_hash', 'is not', null)
          .groupBy([...place]),
      )
      .execute();
    await trx
      .insertInto('score_totals')
      .columns(['campaign_id', 'survey_id', 'survey_version', 'group_id', 'stratum', 'part_key', 'sum', 'count', 'interviews'])
      .expression(
        trx
          .selectFrom('score_parts as p')
          .innerJoin('submissions as s', 's.id', 'p.submission_id')
          .select(({ fn }) => [
            sql<string>`coalesce(s.campaign_id, '')`.as('campaign_id'),
            's.survey_id',
            's.survey_version',
            's.respondent_group',
            sql<string>`coalesce(s.stratum, '')`.as('stratum'),
            'p.part_key',
            fn.sum<number>('p.sum').as('sum'),
            fn.sum<number>('p.count').as('count'),
            fn.countAll<number>().as('interviews'),
          ])
          .where('s.scoring_hash', 'is not', null)
          .groupBy([...place, 'p.part_key']),
      )
      .execute();
  });
}

/**
 * Brings every stored interview's scores up to date with the loaded questionnaires, then the totals
 * (rebuilt when rows were re-scored, or when they disagree with the contributions). Returns how
 * many rows it (re)scored.
 */
export async function scoreStoredInterviews(db: Db, catalog: Catalog): Promise<number> {
  let total = 0;
  for (const entry of catalog.list()) total += await rescoreVersion(db, entry.definition);
  if (total > 0 || !(await totalsAgree(db))) await rebuildScoreTotals(db);
  return total;
}
