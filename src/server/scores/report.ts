/**
 * Reading scores: score_totals summed in SQL per group, stratum and leaf (a small table: one row per
 * campaign, questionnaire version, group, stratum and leaf), combined by the engine into reports
 * overall, per group and per stratum, each with the number of interviews behind it.
 */
import type { Kysely } from 'kysely';
import type { IntervalWire, QuestionnaireScores, ScoreReportWire } from '../../contract';
import { canonicalJson } from '../../contract/canonical';
import { addTotals, aggregationOf, combineScores, criterionKey, methodNote, optionsOf, parseBreakdownKey, partKey, questionIndex, ratesStrata, rowsOf, strataRowsOver } from '../../survey';
import type { Definition, ListItem, ScoreTotal, Text } from '../../survey';
import { strataLabeller } from '../campaigns/strata-rows';
import { DEFAULT_MIN_CELL, intervalOf, withhold } from './disclosure';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import type { CampaignEntry } from '../campaigns/registry';
import { totalsWithPending } from './fold';

type Db = Kysely<DatabaseSchema>;

export interface TotalsRow {
  surveyId: string;
  surveyVersion: number;
  groupId: string;
  stratum: string;
  key: string;
  sum: number;
  count: number;
  interviews: number;
  n: number;
  vSum: number;
  vSq: number;
}

/** The summed totals of one campaign (or all), one questionnaire (or all) and one version (or all), per version. */
export async function readTotals(db: Db, scope: { campaignId?: string; surveyId?: string; surveyVersion?: number }): Promise<TotalsRow[]> {
  let query = db
    .selectFrom(totalsWithPending(db).as('score_totals'))
    .select(({ fn }) => [
      'survey_id',
      'survey_version',
      'group_id',
      'stratum',
      'part_key',
      fn.sum<number | string>('sum').as('sum'),
      fn.sum<number | string>('count').as('count'),
      fn.sum<number | string>('interviews').as('interviews'),
      fn.sum<number | string>('resp_n').as('resp_n'),
      fn.sum<number | string>('resp_sum').as('resp_sum'),
      fn.sum<number | string>('resp_sq').as('resp_sq'),
    ]);
  if (scope.campaignId !== undefined) query = query.where('campaign_id', '=', scope.campaignId);
  if (scope.surveyId !== undefined) query = query.where('survey_id', '=', scope.surveyId);
  if (scope.surveyVersion !== undefined) query = query.where('survey_version', '=', scope.surveyVersion);
  const rows = await query.groupBy(['survey_id', 'survey_version', 'group_id', 'stratum', 'part_key']).execute();
  return rows.map((r) => ({
    surveyId: r.survey_id,
    surveyVersion: r.survey_version,
    groupId: r.group_id,
    stratum: r.stratum,
    key: r.part_key,
    sum: Number(r.sum),
    count: Number(r.count),
    interviews: Number(r.interviews),
    n: Math.round(Number(r.resp_n)),
    vSum: Number(r.resp_sum),
    vSq: Number(r.resp_sq),
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

function addTo(pool: Pool, key: string, r: TotalsRow): void {
  if (key === '') pool.interviews += r.interviews;
  else addTotals(pool.totals, { [key]: { sum: r.sum, count: r.count, n: r.n, vSum: r.vSum, vSq: r.vSq } });
}

function mergePools(pools: Iterable<Pool>): Pool {
  const whole = emptyPool();
  for (const p of pools) {
    addTotals(whole.totals, p.totals);
    whole.interviews += p.interviews;
  }
  return whole;
}

/** Whether two versions' scores can be pooled: the same scoring block. */
export const sameScoring = (a: Definition, b: Definition): boolean =>
  a.id === b.id && canonicalJson(a.scoring ?? null) === canonicalJson(b.scoring ?? null);

export interface ScoresOptions {
  /** The other versions of the questionnaire the server knows (to pool those with the same scoring). */
  versions: readonly Definition[];
  /** Figures on fewer respondents are withheld. */
  minCell: number;
  /**
   * Labels of the rows of matrices rating the campaign's strata, and of strata neither the layout
   * nor the lists have (campaigns/strata-rows.ts strataLabeller); without it, the questionnaire's
   * lists, else the code.
   */
  strataLabel?: ((code: string) => Text | undefined) | undefined;
}

/**
 * A questionnaire's scores from its totals rows: overall, per group of `layout` and per stratum,
 * and broken down by the block's breakdown questions. Rows of versions whose scoring block differs
 * from `def`'s are left out and counted in `excluded`. Figures on fewer than `minCell` respondents
 * are withheld, with the complementary ones that would give them away (./disclosure).
 */
export function questionnaireScores(def: Definition, layout: readonly GroupLayout[], allRows: readonly TotalsRow[], options: ScoresOptions): QuestionnaireScores {
  const scoring = def.scoring;
  if (!scoring) throw new Error(`The questionnaire "${def.id}" version ${def.version} has no scoring.`);
  const pooled = new Set([def.version, ...options.versions.filter((v) => sameScoring(v, def)).map((v) => v.version)]);
  const excludedCounts = new Map<number, number>();
  const rows = allRows.filter((r) => {
    if (pooled.has(r.surveyVersion)) return true;
    if (r.key === '') excludedCounts.set(r.surveyVersion, (excludedCounts.get(r.surveyVersion) ?? 0) + r.interviews);
    return false;
  });
  const report = (p: Pool) => combineScores(def, p.totals, p.interviews);
  const overall = emptyPool();
  const byGroup = new Map<string, Map<string, Pool>>();
  /** Per breakdown question, per answer. */
  const byAnswer = new Map<string, Map<string, Pool>>();
  for (const r of rows) {
    const at = r.key.indexOf('@');
    if (at >= 0) {
      const marker = parseBreakdownKey(r.key.slice(0, at + 1));
      if (!marker) continue;
      const answers = byAnswer.get(marker.question) ?? new Map<string, Pool>();
      byAnswer.set(marker.question, answers);
      const pool = answers.get(marker.value) ?? emptyPool();
      answers.set(marker.value, pool);
      addTo(pool, r.key.slice(at + 1), r);
      continue;
    }
    addTo(overall, r.key, r);
    const strata = byGroup.get(r.groupId) ?? new Map<string, Pool>();
    byGroup.set(r.groupId, strata);
    const pool = strata.get(r.stratum) ?? emptyPool();
    strata.set(r.stratum, pool);
    addTo(pool, r.key, r);
  }
  const groups = layout.map((g) => {
    const pools = byGroup.get(g.id) ?? new Map<string, Pool>();
    const listed = new Set(g.strata.map((s) => s.value));
    const listId = def.respondentGroups.find((rg) => rg.id === g.id)?.stratumList;
    // A stratum outside the layout: the list's label, else a campaign's (its own units), else the code.
    const listLabel = (value: string): Text =>
      (listId !== undefined ? def.lists?.[listId]?.find((i) => i.value === value)?.label : undefined) ?? options.strataLabel?.(value) ?? { vi: value, en: value };
    const extra = [...pools.keys()].filter((v) => v !== '' && !listed.has(v)).sort();
    const all: GroupLayout['strata'] = [...g.strata, ...extra.map((value) => ({ value, label: listLabel(value) }))];
    return {
      group: g,
      whole: report(mergePools(pools.values())),
      strata: all.map((s) => ({ stratum: s, report: report(pools.get(s.value) ?? emptyPool()) })),
    };
  });
  const breakdowns = (scoring.breakdowns ?? []).flatMap((question) => {
    const q = questionIndex(def).get(question)?.question;
    const answers = byAnswer.get(question);
    if (!q) return [];
    const options = optionsOf(def, q);
    const present = [...(answers?.keys() ?? [])];
    const ordered = [...options.map((o) => o.value).filter((v) => present.includes(v)), ...present.filter((v) => !options.some((o) => o.value === v)).sort()];
    return [
      {
        question,
        label: q.label,
        cells: ordered.map((value) => ({
          value,
          label: value === '' ? NOT_ANSWERED : (options.find((o) => o.value === value)?.label ?? { vi: value, en: value }),
          report: report(answers!.get(value)!),
        })),
      },
    ];
  });
  const whole = report(overall);
  const shown = withhold(whole, groups, breakdowns, options.minCell);
  const labels = new Map<string, Text>();
  for (const c of scoring.components) {
    labels.set(c.id, c.label);
    for (const p of c.parts ?? []) labels.set(partKey(c.id, p.id), p.label);
  }
  return {
    surveyId: def.id,
    surveyVersion: def.version,
    title: def.title,
    method: scoring.method,
    aggregation: aggregationOf(scoring),
    methodNote: methodNote(scoring, (key) => labels.get(key)),
    versions: [...pooled].sort((a, b) => a - b),
    excluded: [...excludedCounts].sort(([a], [b]) => a - b).map(([version, interviews]) => ({ version, interviews })),
    minCell: options.minCell,
    components: scoring.components.map((c) => ({
      id: c.id,
      label: c.label,
      max: scoring.method === 'share' ? 100 : scoring.method === 'papi' ? 10 : (c.points ?? 0),
      ...(c.parts === undefined && c.base !== undefined ? { base: c.base } : {}),
      ...(c.parts ? { parts: c.parts.map((p) => ({ id: p.id, label: p.label, ...(p.base !== undefined ? { base: p.base } : {}) })) } : {}),
    })),
    overall: shown.overall,
    groups: groups.map((g, gi) => ({
      id: g.group.id,
      label: g.group.label,
      report: shown.groups[gi]!.report,
      strata: g.strata.map((s, si) => ({
        value: s.stratum.value,
        label: s.stratum.label,
        ...(s.stratum.parent !== undefined ? { parent: s.stratum.parent } : {}),
        report: shown.groups[gi]!.strata[si]!,
      })),
    })),
    criteria: criteriaOf(def, overall, options.minCell, layout.flatMap((g) => g.strata), options.strataLabel),
    breakdowns: breakdowns.map((b, bi) => ({ ...b, cells: b.cells.map((c, ci) => ({ value: c.value, label: c.label, report: shown.breakdowns[bi]![ci]! })) })),
  };
}

const NOT_ANSWERED: Text = { vi: 'Không trả lời', en: 'Not answered' };

/**
 * Each criterion of the block (a scored question, a matrix row) over `pool`, on its component's
 * scale. A matrix rating the campaign's strata has a criterion per stratum `planned` (the layout's,
 * for a campaign) and per row its interviews rated, as the export has a column for each.
 */
function criteriaOf(
  def: Definition,
  pool: Pool,
  minCell: number,
  planned: readonly ListItem[],
  strataLabel: ((code: string) => Text | undefined) | undefined,
): QuestionnaireScores['criteria'] {
  const scoring = def.scoring!;
  const out: QuestionnaireScores['criteria'] = [];
  const index = questionIndex(def);
  for (const c of scoring.components) {
    const leaves = c.parts ? c.parts.map((p) => ({ key: partKey(c.id, p.id), part: p.id, items: p.items })) : [{ key: c.id, part: undefined, items: c.items ?? [] }];
    const max = scoring.method === 'share' ? 100 : scoring.method === 'papi' ? 10 : (c.points ?? 0);
    for (const leaf of leaves)
      for (const id of leaf.items) {
        const q = index.get(id)?.question;
        if (!q) continue;
        const rows = ratesStrata(q) ? strataRowsOver(def, planned, ratedIn(pool, leaf.key, id), strataLabel) : rowsOf(def, q);
        const criteria = q.type === 'matrix' ? rows.map((r) => ({ id: `${id}.${r.value}`, label: { vi: `${q.label.vi} — ${r.label.vi}`, en: `${q.label.en} — ${r.label.en}` } })) : [{ id, label: q.label }];
        for (const criterion of criteria) {
          const t = pool.totals[criterionKey(leaf.key, criterion.id)];
          const n = t?.n ?? 0;
          const v = t && t.count > 0 ? t.sum / t.count : null;
          const withheld = n > 0 && n < minCell;
          const score = v === null || withheld ? null : scoring.method === 'papi' ? 1 + 9 * v : max * v;
          const spread =
            t && scoring.method === 'papi'
              ? { n, sum: n + 9 * t.vSum, sumSq: n + 18 * t.vSum + 81 * t.vSq }
              : t && { n, sum: max * t.vSum, sumSq: max * max * t.vSq };
          out.push({
            component: c.id,
            ...(leaf.part !== undefined ? { part: leaf.part } : {}),
            id: criterion.id,
            label: criterion.label,
            n,
            score,
            max,
            interval: withheld ? null : intervalOf(scoring.method, score, n, spread, scoring.method === 'papi' ? 1 : 0, max),
            ...(withheld ? { suppressed: 'primary' as const } : {}),
          });
        }
      }
  }
  return out;
}

/** The rows of matrix `questionId` with answers in `pool` under `leaf` (criterion keys "<leaf>#<question>.<row>"). */
function ratedIn(pool: Pool, leaf: string, questionId: string): string[] {
  const prefix = criterionKey(leaf, `${questionId}.`);
  return Object.keys(pool.totals).filter((k) => k.startsWith(prefix) && (pool.totals[k]?.count ?? 0) > 0).map((k) => k.slice(prefix.length));
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
  const minCell = entry ? (entry.campaign.minCellSize ?? DEFAULT_MIN_CELL) : minCellAcross(catalog);
  return [...plan.values()].map(({ def, layout }) =>
    rounded(
      questionnaireScores(
        def,
        layout,
        rows.filter((r) => r.surveyId === def.id && layout.some((g) => g.id === r.groupId)),
        { versions: versionsOf(catalog, def.id), minCell, strataLabel: strataLabeller(catalog, def) },
      ),
    ),
  );
}

/**
 * The minimum cell size of figures over several campaigns' interviews (exports of a version, the
 * dashboard without a campaign): the strictest of the campaigns', the default without any.
 */
export function minCellAcross(catalog: Catalog): number {
  const sizes = catalog.campaigns.list().map((e) => e.campaign.minCellSize ?? DEFAULT_MIN_CELL);
  return sizes.length === 0 ? DEFAULT_MIN_CELL : Math.max(...sizes);
}

/** Every version of a questionnaire the catalog holds. */
export const versionsOf = (catalog: Catalog, id: string): Definition[] => catalog.list().flatMap((e) => (e.definition.id === id ? [e.definition] : []));

const round = (n: number | null, decimals: number) => (n === null ? null : Number(n.toFixed(decimals)));

/** Scores to 4 decimals and values to 6: far finer than anyone reads, and half the reply the dashboard refreshes. */
export function rounded(s: QuestionnaireScores): QuestionnaireScores {
  const interval = (i: IntervalWire): IntervalWire => i && { low: Number(i.low.toFixed(4)), high: Number(i.high.toFixed(4)) };
  const report = (r: ScoreReportWire): ScoreReportWire => ({
    ...r,
    score: round(r.score, 4),
    interval: interval(r.interval),
    components: r.components.map((c) => ({
      ...c,
      value: round(c.value, 6),
      score: round(c.score, 4),
      interval: interval(c.interval),
      ...(c.parts ? { parts: c.parts.map((p) => ({ ...p, value: round(p.value, 6) })) } : {}),
    })),
  });
  return {
    ...s,
    overall: report(s.overall),
    groups: s.groups.map((g) => ({ ...g, report: report(g.report), strata: g.strata.map((st) => ({ ...st, report: report(st.report) })) })),
    breakdowns: s.breakdowns.map((b) => ({ ...b, cells: b.cells.map((c) => ({ ...c, report: report(c.report) })) })),
    criteria: s.criteria.map((c) => ({ ...c, score: round(c.score, 4), interval: interval(c.interval) })),
  };
}

/**
 * Every interview of one version, all campaigns; figures on fewer than `minCell` respondents
 * withheld; `strataLabel` names the rows of matrices rating the campaign's strata.
 */
export async function versionScores(
  db: Db,
  def: Definition,
  minCell = DEFAULT_MIN_CELL,
  strataLabel?: (code: string) => Text | undefined,
): Promise<QuestionnaireScores> {
  const rows = await readTotals(db, { surveyId: def.id, surveyVersion: def.version });
  return questionnaireScores(def, definitionLayout(def), rows, { versions: [def], minCell, strataLabel });
}
