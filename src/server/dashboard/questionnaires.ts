/**
 * Which questionnaires have data, for the dashboard: every questionnaire version with stored
 * interviews (whatever campaign they count towards, or none) beside the chosen campaign's, for the
 * export links; and the interviews that count towards no campaign (a questionnaire no campaign
 * surveys, such as PAPI), per questionnaire.
 */
import type { Kysely } from 'kysely';
import type { CoordinatorDashboard } from '../../contract';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { learnVersions } from '../definitions/shared';
import type { CampaignEntry } from '../campaigns/registry';

type Db = Kysely<DatabaseSchema>;
export type QuestionnaireVersionSummary = NonNullable<CoordinatorDashboard['questionnaires']>[number];
export type OutsideCampaigns = NonNullable<CoordinatorDashboard['totals']['outsideCampaigns']>;

/**
 * The chosen campaign's questionnaire versions (listed with or without interviews: an empty export
 * gives the columns), then every other version with interviews stored, by id and version. Versions
 * another server process loaded are learnt first, so their interviews are listed too. One index
 * lookup per version (submissions_export_idx), whatever the number of interviews.
 */
export async function questionnaireVersions(db: Db, catalog: Catalog, entry: CampaignEntry | undefined): Promise<QuestionnaireVersionSummary[]> {
  const recorded = await db.selectFrom('questionnaire_versions').select(['survey_id', 'version']).execute();
  try {
    await learnVersions(
      db,
      catalog,
      recorded.map((r) => ({ surveyId: r.survey_id, version: Number(r.version) })),
    );
  } catch {
    // A version recorded by a newer process that this one cannot check: this process cannot export
    // it either, so it is left out here rather than taking the whole dashboard down.
  }
  const entries = catalog.list();
  const stored = await Promise.all(
    entries.map(async ({ definition: d }) => {
      const row = await db
        .selectFrom('submissions')
        .select('id')
        .where('survey_id', '=', d.id)
        .where('survey_version', '=', d.version)
        // In submissions_export_idx's order, so PostgreSQL walks that index: without it, it may
        // expect a version without rows to have many and scan the whole table for the first one.
        .orderBy('received_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    }),
  );
  const campaignIds = new Set(entry?.campaign.groups.map((g) => g.questionnaire.id) ?? []);
  const assigned = entry?.campaign.groups.map((g) => `${g.questionnaire.id}@${g.questionnaire.version}`) ?? [];
  const listed = entries
    .map(({ definition: d }, i) => ({
      key: `${d.id}@${d.version}`,
      summary: { id: d.id, version: d.version, title: d.title, campaign: campaignIds.has(d.id), interviews: stored[i] === true },
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
 * questionnaire is exact. Read first, they can only be fewer than the total read after them, so
 * equal means nothing changed in between. Otherwise the rows themselves are counted
 * (submissions_campaign_idx): as many reads as interviews outside every campaign.
 */
export async function outsideCampaigns(db: Db, catalog: Catalog): Promise<OutsideCampaigns> {
  const scored = await db
    .selectFrom('score_totals')
    .select(({ fn }) => ['survey_id', fn.sum<string | number>('interviews').as('n')])
    .where('campaign_id', '=', '')
    .where('part_key', '=', '')
    .groupBy('survey_id')
    .orderBy('survey_id')
    .execute();
  const total = await db
    .selectFrom('activity_counts')
    .select(({ fn }) => fn.sum<string | number | null>('count').as('n'))
    .where('campaign_id', '=', '')
    .executeTakeFirst();
  const interviews = Number(total?.n ?? 0);
  const rows =
    scored.reduce((n, r) => n + Number(r.n), 0) === interviews
      ? scored
      : await db
          .selectFrom('submissions')
          .select(({ fn }) => ['survey_id', fn.countAll<string | number>().as('n')])
          .where('campaign_id', '=', '')
          .groupBy('survey_id')
          .orderBy('survey_id')
          .execute();
  const titles = new Map(catalog.list().map((e) => [e.definition.id, e.definition.title]));
  const questionnaires = rows
    .filter((r) => Number(r.n) > 0)
    .map((r) => ({ id: r.survey_id, title: titles.get(r.survey_id) ?? { vi: r.survey_id, en: r.survey_id }, interviews: Number(r.n) }));
  return { interviews: questionnaires.reduce((n, q) => n + q.interviews, 0), questionnaires };
}
