/**
 * Reading scores: score_totals summed in SQL per group, stratum and leaf (a small table: one row per
 * campaign, questionnaire version, group, stratum and leaf), combined by the engine into reports
 * overall, per group and per stratum, each with the number of interviews behind it.
 */
import type { Kysely } from 'kysely';
import type { QuestionnaireScores, ScoreReportWire } from '../../contract';
import { addTotals, combineScores } from '../../survey';
import type { Definition, ScoreTotal, Text } from '../../survey';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import type { CampaignEntry } from '../campaigns/registry';

type Db = Kysely<DatabaseSchema>;

export interface TotalsRow {
  surveyId: string;
  groupId: string;
  stratum: string;
  key: string;
  sum: number;
  count: number;
  interviews: number;
}

/** The summed totals of one campaign (or all), one questionnaire (or all) and one version (or all). */
export async function readTotals(db: Db, scope: { campaignId?: string; surveyId?: string; surveyVersion?: number }): Promise<TotalsRow[]> {
  let query = db
    .selectFrom('score_totals')
    .select(({ fn }) => [
      'survey_id',
      'group_id',
      'stratum',
      'part_key',
      fn.sum<number | string>('sum').as('sum'),
      fn.sum<number | string>('count').as('count'),
      fn.sum<number | string>('interviews').as('interviews'),
    ]);
  if (scope.campaignId !== undefined) query = query.where('campaign_id', '=', scope.campaignId);
  if (scope.surveyId !== undefined) query = query.where('survey_id', '=', scope.surveyId);
  if (scope.surveyVersion !== undefined) query = query.where('survey_version', '=', scope.surveyVersion);
  const rows = await query.groupBy(['survey_id', 'group_id', 'stratum', 'part_key']).execute();
  return rows.map((r) => ({
    surveyId: r.survey_id,
    groupId: r.group_id,
    stratum: r.stratum,
    key: r.part_key,
    sum: Number(r.sum),
    count: Number(r.count),
    interviews: Number(r.interviews),
  }));
}

/** The groups and strata a report shows, in order, with their labels. */
export interface GroupLayout {
  id: string;
  label: Text;
  strata: { value: string; label: Text; parent?: string }[];
}

interface Pool {
  totals: Record<string, ScoreTotal>;
  interviews: number;
}

const emptyPool = (): Pool => ({ totals: {}, interviews: 0 });

function addRow(pool: Pool, r: TotalsRow): void {
  if (r.key === '') pool.interviews += r.interviews;
  else addTotals(pool.totals, { [r.key]: { sum: r.sum, count: r.count } });
}

/** A questionnaire's scores from its totals rows: overall, per group of `layout` and per stratum. */
export function questionnaireScores(def: Definition, layout: readonly GroupLayout[], rows: readonly TotalsRow[]): QuestionnaireScores {
  const scoring = def.scoring;
  if (!scoring) throw new Error(`The questionnaire "${def.id}" version ${def.version} has no scoring.`);
  const report = (p: Pool) => combineScores(def, p.totals, p.interviews);
  const overall = emptyPool();
  const byGroup = new Map<string, Map<string, Pool>>();
  for (const r of rows) {
    addRow(overall, r);
    const strata = byGroup.get(r.groupId) ?? new Map<string, Pool>();
    byGroup.set(r.groupId, strata);
    const pool = strata.get(r.stratum) ?? emptyPool();
    strata.set(r.stratum, pool);
    addRow(pool, r);
  }
  const groups = layout.map((g) => {
    const pools = byGroup.get(g.id) ?? new Map<string, Pool>();
    const whole = emptyPool();
    for (const p of pools.values()) {
      addTotals(whole.totals, p.totals);
      whole.interviews += p.interviews;
    }
    const listed = new Set(g.strata.map((s) => s.value));
    const listId = def.respondentGroups.find((rg) => rg.id === g.id)?.stratumList;
    const listLabel = (value: string): Text =>
      (listId !== undefined ? def.lists?.[listId]?.find((i) => i.value === value)?.label : undefined) ?? { vi: value, en: value };
    const extra = [...pools.keys()].filter((v) => v !== '' && !listed.has(v)).sort();
    const all: GroupLayout['strata'] = [...g.strata, ...extra.map((value) => ({ value, label: listLabel(value) }))];
    const strata = all.map((s) => ({
      value: s.value,
      label: s.label,
      ...(s.parent !== undefined ? { parent: s.parent } : {}),
      report: report(pools.get(s.value) ?? emptyPool()),
    }));
    return { id: g.id, label: g.label, report: report(whole), strata };
  });
  return {
    surveyId: def.id,
    surveyVersion: def.version,
    title: def.title,
    method: scoring.method,
    components: scoring.components.map((c) => ({
      id: c.id,
      label: c.label,
      max: scoring.method === 'share' ? 100 : scoring.method === 'papi' ? 10 : (c.points ?? 0),
      ...(c.parts ? { parts: c.parts.map((p) => ({ id: p.id, label: p.label })) } : {}),
    })),
    overall: report(overall),
    groups,
  };
}

/** The layout of a questionnaire's groups as the definition has them (strata: those with data, by value). */
export function definitionLayout(def: Definition): GroupLayout[] {
  return def.respondentGroups.map((g) => ({ id: g.id, label: g.label, strata: [] }));
}

/**
 * The dashboard's scores: for a campaign, each questionnaire its groups use that has a scoring
 * block, with the campaign's groups and planned strata; without one, every questionnaire with
 * a scoring block (its latest version) over all interviews.
 */
export async function dashboardScores(db: Db, catalog: Catalog, entry: CampaignEntry | undefined): Promise<QuestionnaireScores[]> {
  const plan = new Map<string, { def: Definition; layout: GroupLayout[] }>();
  if (entry) {
    for (const g of entry.campaign.groups) {
      const def = catalog.get(g.questionnaire.id, g.questionnaire.version)?.definition;
      if (!def?.scoring) continue;
      const key = `${def.id}@${def.version}`;
      const item = plan.get(key) ?? { def, layout: [] };
      plan.set(key, item);
      item.layout.push({
        id: g.id,
        label: g.label,
        strata: (g.strata ?? []).map((s) => ({ value: s.value, label: s.label, ...(s.parent !== undefined ? { parent: s.parent } : {}) })),
      });
    }
  } else {
    const latest = new Map<string, Definition>();
    for (const e of catalog.list()) if (e.definition.scoring) latest.set(e.definition.id, e.definition);
    for (const def of latest.values()) plan.set(`${def.id}@${def.version}`, { def, layout: definitionLayout(def) });
  }
  if (plan.size === 0) return [];
  const rows = await readTotals(db, entry ? { campaignId: entry.campaign.id } : {});
  return [...plan.values()].map(({ def, layout }) =>
    rounded(
      questionnaireScores(
        def,
        layout,
        rows.filter((r) => r.surveyId === def.id && layout.some((g) => g.id === r.groupId)),
      ),
    ),
  );
}

const round = (n: number | null, decimals: number) => (n === null ? null : Number(n.toFixed(decimals)));

/** Scores to 4 decimals and values to 6: far finer than anyone reads, and half the reply the dashboard refreshes. */
export function rounded(s: QuestionnaireScores): QuestionnaireScores {
  const report = (r: ScoreReportWire): ScoreReportWire => ({
    ...r,
    score: round(r.score, 4),
    components: r.components.map((c) => ({
      ...c,
      value: round(c.value, 6),
      score: round(c.score, 4),
      ...(c.parts ? { parts: c.parts.map((p) => ({ ...p, value: round(p.value, 6) })) } : {}),
    })),
  });
  return {
    ...s,
    overall: report(s.overall),
    groups: s.groups.map((g) => ({ ...g, report: report(g.report), strata: g.strata.map((st) => ({ ...st, report: report(st.report) })) })),
  };
}
