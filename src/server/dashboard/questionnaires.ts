/**
 * Which questionnaires have data, for the dashboard: every questionnaire version with stored
 * interviews (whatever campaign they count towards, or none) beside the chosen campaign's, for the
 * export links; and the interviews that count towards no campaign (a questionnaire no campaign
 * surveys, such as PAPI), per questionnaire.
 */
import { sql, type Kysely } from 'kysely';
import type { CoordinatorDashboard } from '../../contract';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { learnVersions } from '../definitions/shared';
import type { CampaignEntry } from '../campaigns/registry';
import { totalsWithPending } from '../scores/fold';

type Db = Kysely<DatabaseSchema>;
export type QuestionnaireVersionSummary = NonNullable<CoordinatorDashboard['questionnaires']>[number];
export type OutsideCampaigns = NonNullable<CoordinatorDashboard['totals']['outsideCampaigns']>;

/**
 * Which of `versions` have interviews stored, in one statement: per version, the first of its rows
 * along submissions_export_idx (a scalar subquery in the index's order, so PostgreSQL walks the
 * index: asked for any row, it may expect a version without rows to have many and scan the whole
 * table for the first one).
 */
async function withInterviews(db: Db, versions: readonly { id: string; version: number }[]): Promise<Set<string>> {
  if (versions.length === 0) return new Set();
  const row = await db
    .selectNoFrom(
      versions.map((v, i) =>
        sql<string | null>`(select id from submissions where survey_id = ${v.id} and survey_version = ${v.version} order by received_at, id limit 1)`.as(`v${i}`),
      ),
    )
    .executeTakeFirstOrThrow();
  const found = row as Record<string, string | null>;
  return new Set(versions.filter((_, i) => found[`v${i}`] != null).map((v) => `${v.id}@${v.version}`));
}

/**
 * The chosen campaign's questionnaire versions (listed with or without interviews: an empty export
 * gives the columns), then every other version with interviews stored, by id and version. A
 * version another server process loaded is learnt first, so its interviews are listed too.
 */
export async function questionnaireVersions(db: Db, catalog: Catalog, entry: CampaignEntry | undefined): Promise<QuestionnaireVersionSummary[]> {
  const known = () => catalog.list().map(({ definition: d }) => ({ id: d.id, version: d.version }));
  const [recorded, stored] = await Promise.all([db.selectFrom('questionnaire_versions').select(['survey_id', 'version']).execute(), withInterviews(db, known())]);
  try {
    const learnt = await learnVersions(
      db,
      catalog,
      recorded.map((r) => ({ surveyId: r.survey_id, version: Number(r.version) })),
    );
    if (learnt.length > 0) for (const key of await withInterviews(db, known().filter((v) => learnt.includes(`${v.id}@${v.version}`)))) stored.add(key);
  } catch {
    // A version recorded by a newer process that this one cannot check: this process cannot export
    // it either, so it is left out here rather than taking the whole dashboard down.
  }
  const campaignIds = new Set(entry?.campaign.groups.map((g) => g.questionnaire.id) ?? []);
  const assigned = entry?.campaign.groups.map((g) => `${g.questionnaire.id}@${g.questionnaire.version}`) ?? [];
  const listed = catalog
    .list()
    .map(({ definition: d }) => ({
      key: `${d.id}@${d.version}`,
      summary: { id: d.id, version: d.version, title: d.title, campaign: campaignIds.has(d.id), interviews: stored.has(`${d.id}@${d.version}`), scoring: d.scoring !== undefined },
    }))
    .filter(({ key, summary }) => summary.interviews || assigned.includes(key));
  const rank = (key: string) => (assigned.includes(key) ? assigned.indexOf(key) : assigned.length);
  // catalog.list() is sorted by id and version: a stable sort keeps that order after the campaign's own.
  return listed.sort((a, b) => rank(a.key) - rank(b.key)).map((l) => l.summary);
}

/**
 * The interviews that count towards no campaign, per questionnaire (titled by its latest version).
 * Usually from the score totals (a few rows): when the scored interviews outside every campaign are
 * all of them (every such questionnaire has scoring, none waits to be scored), their count per
 * questionnaire is exact; both are read in one statement, so at one moment. Otherwise the rows
 * themselves are counted (submissions_campaign_idx): as many reads as interviews outside every campaign.
 */
export async function outsideCampaigns(db: Db, catalog: Catalog): Promise<OutsideCampaigns> {
  const read = await db
    .selectFrom(totalsWithPending(db).as('score_totals'))
    .select(({ fn, ref }) => [ref('survey_id').$castTo<string | null>().as('survey_id'), fn.sum<string | number | null>('interviews').as('n')])
    .where('campaign_id', '=', '')
    .where('part_key', '=', '')
    .groupBy('survey_id')
    // The total, with no survey id.
    .unionAll((eb) =>
      eb
        .selectFrom('activity_counts')
        .select(({ fn }) => [sql<string | null>`null`.as('survey_id'), fn.sum<string | number | null>('count').as('n')])
        .where('campaign_id', '=', ''),
    )
    .execute();
  const total = Number(read.find((r) => r.survey_id === null)?.n ?? 0);
  const scored = read.filter((r): r is typeof r & { survey_id: string } => r.survey_id !== null);
  const rows =
    scored.reduce((n, r) => n + Number(r.n), 0) === total
      ? scored
      : await db
          .selectFrom('submissions')
          .select(({ fn }) => ['survey_id', fn.countAll<string | number>().as('n')])
          .where('campaign_id', '=', '')
          .groupBy('survey_id')
          .execute();
  const titles = new Map(catalog.list().map((e) => [e.definition.id, e.definition.title]));
  const questionnaires = rows
    .filter((r) => Number(r.n) > 0)
    .map((r) => ({ id: r.survey_id, title: titles.get(r.survey_id) ?? { vi: r.survey_id, en: r.survey_id }, interviews: Number(r.n) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { interviews: questionnaires.reduce((n, q) => n + q.interviews, 0), questionnaires };
}
