/**
 * Scores from answers (the definition's `scoring` block): what one interview contributes to each
 * scored leaf (a component, or a part of a "papi" component), and the scores of a pooled set of
 * interviews from the summed contributions. Pure: the server stores contributions per interview
 * and sums them in SQL, the dashboard and the exports combine the sums with `combineScores`.
 */
import { rowsOf, questionIndex } from './model';
import type { AnswerValue, Answers, Definition, PapiComponent, Scoring, ScoringMethod } from './types';
import { keptAnswers } from './visibility';

/** Summed weights and the number of weighted answers behind them. */
export interface ScoreTotal {
  sum: number;
  count: number;
}

/** What one interview adds to one leaf; `key` is a component id or "<component id>.<part id>". */
export interface ScoreContribution extends ScoreTotal {
  key: string;
}

export type ScoreTotals = Readonly<Record<string, ScoreTotal | undefined>>;

export interface PartScore {
  id: string;
  /** "<component id>.<part id>", the key of its contributions. */
  key: string;
  /** Weighted answers behind the part. */
  count: number;
  /** Mean weight in [0, 1]; null without a weighted answer. */
  value: number | null;
}

export interface ComponentScore {
  id: string;
  /** Weighted answers behind the component (over all its parts for "papi"). */
  count: number;
  /**
   * In [0, 1]: the mean weight ("share", "points") or the mean of the values of the parts that
   * have data ("papi"); null without data.
   */
  value: number | null;
  /** "share": percent 0–100; "points": points × value; "papi": 1 + 9 × value (1–10). Null without data. */
  score: number | null;
  /** The best possible score: 100, the component's points, or 10. */
  max: number;
  /** "papi" only. */
  parts?: PartScore[];
}

export interface ScoreReport {
  method: ScoringMethod;
  /** Interviews in the pooled set (also those without a weighted answer). */
  interviews: number;
  /**
   * "share": the mean of the component scores with data (0–100); "points": the sum of the component
   * scores with data (out of the sum of all points); "papi": the sum of the dimension scores with
   * data (out of 10 per dimension). Null when no component has data.
   */
  score: number | null;
  /** The best possible overall score: 100, the sum of points, or 10 × the number of components. */
  max: number;
  /** Components that have data (the overall score is complete when this equals components.length). */
  withData: number;
  components: ComponentScore[];
}

/** Key of a "papi" part's contributions. */
export const partKey = (componentId: string, partId: string): string => `${componentId}.${partId}`;

/** Every leaf of a scoring block with its key and questions, in definition order. */
export function scoreLeaves(scoring: Scoring): { key: string; items: readonly string[] }[] {
  if (scoring.method === 'papi')
    return scoring.components.flatMap((c) => c.parts.map((p) => ({ key: partKey(c.id, p.id), items: p.items })));
  return scoring.components.map((c) => ({ key: c.id, items: c.items }));
}

/** The weights a question's answers get: its scale's, when the scoring weights that scale. */
function weightsOf(def: Definition, scoring: Scoring, questionId: string): Readonly<Record<string, number>> | undefined {
  const q = questionIndex(def).get(questionId)?.question;
  if (!q || (q.type !== 'single' && q.type !== 'matrix') || q.scale === undefined) return undefined;
  return scoring.weights[q.scale];
}

function add(total: ScoreTotal, weights: Readonly<Record<string, number>>, value: AnswerValue | undefined): void {
  if (typeof value !== 'string' || !Object.hasOwn(weights, value)) return;
  total.sum += weights[value]!;
  total.count += 1;
}

/**
 * What one interview contributes: per leaf the sum of its answers' weights and their number, only
 * for leaves with at least one weighted answer. Answers to hidden questions are not kept and so
 * never count; answers without a weight ("don't know") are left out; each answered row of a matrix
 * is one answer.
 */
export function scoreContributions(def: Definition, answers: Answers): ScoreContribution[] {
  return def.scoring ? scoreKeptContributions(def, keptAnswers(def, answers)) : [];
}

/**
 * `scoreContributions` of answers the engine has already reduced to the kept ones (`keptAnswers`,
 * or `checkAnswers(…).kept`), without resolving visibility again.
 */
export function scoreKeptContributions(def: Definition, kept: Answers): ScoreContribution[] {
  const scoring = def.scoring;
  if (!scoring) return [];
  const out: ScoreContribution[] = [];
  for (const leaf of scoreLeaves(scoring)) {
    const total: ScoreTotal = { sum: 0, count: 0 };
    for (const id of leaf.items) {
      const weights = weightsOf(def, scoring, id);
      const value = kept[id];
      if (!weights || value === undefined) continue;
      const q = questionIndex(def).get(id)!.question;
      if (q.type === 'matrix') {
        if (typeof value !== 'object' || Array.isArray(value)) continue;
        for (const row of rowsOf(def, q)) add(total, weights, value[row.value]);
      } else {
        add(total, weights, value);
      }
    }
    if (total.count > 0) out.push({ key: leaf.key, ...total });
  }
  return out;
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

function valueOf(total: ScoreTotal | undefined): { count: number; value: number | null } {
  const count = total?.count ?? 0;
  return { count, value: total && count > 0 ? total.sum / count : null };
}

function papiScore(c: PapiComponent, totals: ScoreTotals): ComponentScore {
  const parts: PartScore[] = c.parts.map((p) => {
    const key = partKey(c.id, p.id);
    return { id: p.id, key, ...valueOf(totals[key]) };
  });
  const value = mean(parts.flatMap((p) => (p.value === null ? [] : [p.value])));
  return {
    id: c.id,
    count: parts.reduce((n, p) => n + p.count, 0),
    value,
    score: value === null ? null : 1 + 9 * value,
    max: 10,
    parts,
  };
}

/** A component scored on its own questions, out of `max`. */
function itemsScore(id: string, max: number, totals: ScoreTotals): ComponentScore {
  const { count, value } = valueOf(totals[id]);
  return { id, count, value, score: value === null ? null : max * value, max };
}

function componentScores(scoring: Scoring, totals: ScoreTotals): ComponentScore[] {
  switch (scoring.method) {
    case 'share':
      return scoring.components.map((c) => itemsScore(c.id, 100, totals));
    case 'points':
      return scoring.components.map((c) => itemsScore(c.id, c.points, totals));
    case 'papi':
      return scoring.components.map((c) => papiScore(c, totals));
  }
}

/**
 * The scores of a pooled set of `interviews` interviews whose contributions, summed per key, are
 * `totals`. Throws when the definition has no scoring block.
 */
export function combineScores(def: Definition, totals: ScoreTotals, interviews: number): ScoreReport {
  const scoring = def.scoring;
  if (!scoring) throw new Error(`The questionnaire "${def.id}" version ${def.version} has no scoring.`);
  const { method } = scoring;
  const components = componentScores(scoring, totals);
  const scores = components.flatMap((c) => (c.score === null ? [] : [c.score]));
  const total = scores.reduce((a, b) => a + b, 0);
  const max = method === 'share' ? 100 : components.reduce((n, c) => n + c.max, 0);
  return {
    method,
    interviews,
    score: scores.length === 0 ? null : method === 'share' ? total / scores.length : total,
    max,
    withData: scores.length,
    components,
  };
}

/** Adds `b` into `a` per key (pooling strata into a group, groups into a questionnaire). */
export function addTotals(a: Record<string, ScoreTotal>, b: ScoreTotals): Record<string, ScoreTotal> {
  for (const [key, t] of Object.entries(b)) {
    if (!t) continue;
    const into = (a[key] ??= { sum: 0, count: 0 });
    into.sum += t.sum;
    into.count += t.count;
  }
  return a;
}
