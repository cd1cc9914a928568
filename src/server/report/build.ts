/**
 * A campaign's report (src/contract/report.ts): its scores as the dashboard has them, each score
 * target judged against its 95 % interval, and the comparison with an earlier campaign of the same
 * questionnaires, component by component and stratum by stratum, with whether each change is
 * larger than sampling noise. Read from the score totals: its cost does not grow with interviews.
 */
import type { Kysely } from 'kysely';
import type { CampaignReport, ComparisonRowWire, FigureWire, QuestionnaireScores, ScoreReportWire, TargetResultWire } from '../../contract';
import type { ScoreTarget, Text } from '../../survey';
import { differenceTest, normalQuantile, targetStatus } from '../../survey/stats';
import type { CampaignEntry } from '../campaigns/registry';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { ServerRefusal } from '../errors';
import { dashboardScores, sameScoring } from '../scores/report';
import { DEFAULT_MIN_CELL } from '../scores/disclosure';

type Db = Kysely<DatabaseSchema>;
const T = (vi: string, en: string): Text => ({ vi, en });
const OVERALL = T('Chỉ số chung', 'Overall score');
const WHOLE = T('Toàn đợt khảo sát', 'Whole campaign');

/** A report's figure (the overall score, or one component's). */
function figureOf(r: ScoreReportWire, component: string | undefined): FigureWire | null {
  if (component === undefined) return { score: r.score, max: r.max, n: r.n, interval: r.interval, ...(r.suppressed ? { suppressed: r.suppressed } : {}) };
  const c = r.components.find((x) => x.id === component);
  return c ? { score: c.score, max: c.max, n: c.n, interval: c.interval, ...(c.suppressed ? { suppressed: c.suppressed } : {}) } : null;
}

interface Scope {
  scope: 'all' | 'group' | 'stratum';
  group?: string;
  stratum?: string;
  label: Text;
  report: ScoreReportWire;
}

/** Every scope of a questionnaire's scores: the whole set, each group, each stratum. */
function scopesOf(q: QuestionnaireScores): Scope[] {
  return [
    { scope: 'all', label: WHOLE, report: q.overall },
    ...q.groups.flatMap((g): Scope[] => [
      { scope: 'group', group: g.id, label: g.label, report: g.report },
      ...g.strata.map((s): Scope => ({ scope: 'stratum', group: g.id, stratum: s.value, label: T(`${g.label.vi} — ${s.label.vi}`, `${g.label.en} — ${s.label.en}`), report: s.report })),
    ]),
  ];
}

const OPS: Record<ScoreTarget['op'], string> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' };

export function targetResult(target: ScoreTarget, questionnaires: readonly QuestionnaireScores[]): TargetResultWire {
  const candidates = questionnaires.filter((q) => q.surveyId === target.questionnaire);
  const q = candidates.find((x) => target.group === undefined || x.groups.some((g) => g.id === target.group)) ?? candidates[0];
  const scope = q ? scopesOf(q).find((s) => s.group === target.group && s.stratum === target.stratum && (target.group !== undefined || s.scope === 'all')) : undefined;
  const figure = scope ? figureOf(scope.report, target.component) : null;
  const what = (target.component !== undefined ? q?.components.find((c) => c.id === target.component)?.label : undefined) ?? OVERALL;
  const where = scope?.label ?? WHOLE;
  const generated = T(`${what.vi} — ${where.vi} ${OPS[target.op]} ${target.value}`, `${what.en} — ${where.en} ${OPS[target.op]} ${target.value}`);
  // The plan's wording where given, in each language; the figure's name otherwise.
  const label = T(target.label?.vi || generated.vi, target.label?.en || generated.en);
  const status = figure && !figure.suppressed ? targetStatus(figure.interval, figure.score, { op: target.op, value: target.value }) : 'undecided';
  return {
    surveyId: target.questionnaire,
    ...(target.component !== undefined ? { component: target.component } : {}),
    ...(target.group !== undefined ? { group: target.group } : {}),
    ...(target.stratum !== undefined ? { stratum: target.stratum } : {}),
    op: target.op,
    value: target.value,
    label,
    ...(target.source ? { source: target.source } : {}),
    figure,
    status,
  };
}

/** A figure's standard error from its 95 % interval (half its width over z): null without one. */
function seOf(f: FigureWire | null): number | null {
  if (!f?.interval || f.score === null) return null;
  return (f.interval.high - f.interval.low) / (2 * normalQuantile(0.975));
}

function compareRows(after: QuestionnaireScores, before: QuestionnaireScores): ComparisonRowWire[] {
  const rows: ComparisonRowWire[] = [];
  const earlier = scopesOf(before);
  for (const scope of scopesOf(after)) {
    const then = earlier.find((s) => s.scope === scope.scope && s.group === scope.group && s.stratum === scope.stratum);
    if (!then) continue;
    const figures: { component?: string; label: Text }[] = [{ label: OVERALL }, ...after.components.filter((c) => before.components.some((b) => b.id === c.id)).map((c) => ({ component: c.id, label: c.label }))];
    for (const f of figures) {
      const a = figureOf(scope.report, f.component);
      const b = figureOf(then.report, f.component);
      // Nothing to compare where neither campaign shows a figure (no data, or withheld on both sides).
      if (a?.score == null && b?.score == null) continue;
      const bothShown = a?.score != null && b?.score != null;
      const seA = seOf(a);
      const seB = seOf(b);
      const test = bothShown && seA !== null && seB !== null ? differenceTest({ estimate: b.score!, se: seB }, { estimate: a.score!, se: seA }) : null;
      rows.push({
        surveyId: after.surveyId,
        scope: scope.scope,
        ...(scope.group !== undefined ? { group: scope.group } : {}),
        ...(scope.stratum !== undefined ? { stratum: scope.stratum } : {}),
        scopeLabel: scope.label,
        ...(f.component !== undefined ? { component: f.component } : {}),
        label: f.label,
        before: b,
        after: a,
        change: bothShown ? a.score! - b.score! : null,
        low: test ? test.low : null,
        high: test ? test.high : null,
        exceeds: test ? test.exceeds : null,
      });
    }
  }
  return rows;
}

const refOf = (e: CampaignEntry) => ({ id: e.campaign.id, title: e.campaign.title, start: e.campaign.start, end: e.campaign.end });

/** Earlier campaigns sharing a questionnaire with `entry`, the latest first. */
export function comparableCampaigns(catalog: Catalog, entry: CampaignEntry): CampaignEntry[] {
  const ids = new Set(entry.campaign.groups.map((g) => g.questionnaire.id));
  return catalog.campaigns
    .list()
    .filter((e) => e.campaign.id !== entry.campaign.id && e.campaign.start < entry.campaign.start && e.campaign.groups.some((g) => ids.has(g.questionnaire.id)))
    .sort((a, b) => (a.campaign.start < b.campaign.start ? 1 : a.campaign.start > b.campaign.start ? -1 : 0));
}

/**
 * The report of campaign `id`. `compare`: an earlier campaign's id, 'none', or undefined for the
 * campaign's own `compareWith` or else the latest comparable one.
 */
export async function campaignReport(db: Db, catalog: Catalog, id: string, compare: string | undefined, now = new Date()): Promise<CampaignReport> {
  const entry = catalog.campaigns.get(id);
  if (!entry) throw new ServerRefusal('not_found', `There is no campaign "${id}" on this server.`);
  const { campaign } = entry;
  const questionnaires = await dashboardScores(db, catalog, entry);
  const comparable = comparableCampaigns(catalog, entry);
  const otherId = compare === 'none' ? undefined : (compare ?? campaign.compareWith ?? comparable[0]?.campaign.id);
  const other = otherId === undefined ? undefined : catalog.campaigns.get(otherId);
  if (otherId !== undefined && !other) throw new ServerRefusal('not_found', `There is no campaign "${otherId}" to compare with.`);
  let comparison: CampaignReport['comparison'] = null;
  if (other) {
    const earlier = await dashboardScores(db, catalog, other);
    const rows: ComparisonRowWire[] = [];
    const differentScoring: string[] = [];
    for (const q of questionnaires) {
      const p = earlier.find((x) => x.surveyId === q.surveyId);
      if (!p) continue;
      const a = catalog.get(q.surveyId, q.surveyVersion)?.definition;
      const b = catalog.get(p.surveyId, p.surveyVersion)?.definition;
      if (a && b && !sameScoring(a, b) && !differentScoring.includes(q.surveyId)) differentScoring.push(q.surveyId);
      rows.push(...compareRows(q, p));
    }
    comparison = { campaign: refOf(other), differentScoring, rows };
  }
  return {
    campaign: { id: campaign.id, title: campaign.title, start: campaign.start, end: campaign.end, ...(campaign.organiser ? { organiser: campaign.organiser } : {}) },
    generatedAt: now.toISOString(),
    minCell: campaign.minCellSize ?? DEFAULT_MIN_CELL,
    interviews: questionnaires.reduce((n, q) => n + q.overall.interviews, 0),
    questionnaires,
    targets: (campaign.scoreTargets ?? []).map((t) => targetResult(t, questionnaires)),
    comparison,
    comparable: comparable.map(refOf),
  };
}
