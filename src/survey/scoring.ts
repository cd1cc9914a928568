/**
 * Scores from answers (the definition's `scoring` block): what one interview contributes, and the
 * scores of a set of interviews from their summed contributions. Pure: the server stores each
 * interview's contributions and sums them in SQL; the dashboard, the report and the exports
 * combine the sums with `combineScores`.
 *
 * How a set's answers become a score is the block's `aggregation` (declared, default per criterion
 * for shares and per respondent for points), and each component's (or part's) `base`: the
 * respondents asked, or everyone. What one interview contributes, by key:
 * - "<leaf>" (a component, or "<component>.<part>" for "papi"): the sum of its weighted answers
 *   and their number; the respondent's own value is sum / count;
 * - "<leaf>#<criterion>": one weighted answer to one question or matrix row ("<question>.<row>"),
 *   for the "criterion" aggregation and the results per criterion;
 * - "<component>" of a "papi" block: the respondent's mean of their parts' values (count 1);
 * - "*": the respondent's own overall score (count 1), the spread behind the overall interval;
 * - "<question>=<answer>@" (count 0): the respondent's answer to each of the block's `breakdowns`,
 *   under which the server keeps every other key's totals again.
 * Summed, each key keeps the sums, the number of respondents and the sum and sum of squares of
 * their own values (sum / count): enough for every aggregation and for intervals.
 */
import { rowsOf, questionIndex } from './model';
import { ratedRows, ratesStrata } from './strata-rows';
import { defaultAggregation } from './scoring-check';
import type { AnswerValue, Answers, Definition, Scoring, ScoringAggregation, ScoringBase, ScoringMethod } from './types';
import { keptAnswers } from './visibility';

/** What one interview adds under one key: summed weights and the number of weighted answers. */
export interface ScoreContribution {
  key: string;
  sum: number;
  count: number;
}

/** Contributions summed over a set of interviews, per key. */
export interface ScoreTotal {
  sum: number;
  count: number;
  /** Respondents who contributed under the key. */
  n: number;
  /** Sum of each respondent's own value (their sum / count), and of its square. */
  vSum: number;
  vSq: number;
}

export type ScoreTotals = Readonly<Record<string, ScoreTotal | undefined>>;

/** The respondents' own values under a key, as a mean and spread (intervals are built on them). */
export interface Spread {
  n: number;
  sum: number;
  sumSq: number;
}

export interface PartScore {
  id: string;
  /** "<component id>.<part id>", the key of its contributions. */
  key: string;
  /** Weighted answers behind the part. */
  count: number;
  /** Respondents the part rests on (its base). */
  n: number;
  /** Mean weight in [0, 1]; null without data. */
  value: number | null;
}

export interface ComponentScore {
  id: string;
  /** Weighted answers behind the component (over all its parts for "papi"). */
  count: number;
  /** Respondents it rests on: its base ("asked": those with an answer; "everyone": every interview). */
  n: number;
  /**
   * In [0, 1]: the mean weight as the aggregation takes it ("share", "points") or the mean of the
   * values of the parts that have data ("papi"); null without data.
   */
  value: number | null;
  /** "share": percent 0–100; "points": points × value; "papi": 1 + 9 × value (1–10). Null without data. */
  score: number | null;
  /** The best possible score: 100, the component's points, or 10. */
  max: number;
  /** The respondents' own values on the score's scale (for intervals); absent without data. */
  spread?: Spread;
  /** "papi" only. */
  parts?: PartScore[];
}

export interface ScoreReport {
  method: ScoringMethod;
  aggregation: ScoringAggregation;
  /** Interviews in the set (also those without a weighted answer). */
  interviews: number;
  /** Respondents with at least one weighted answer. */
  n: number;
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
  /** The respondents' own overall scores (for the overall interval); absent without data. */
  spread?: Spread;
  components: ComponentScore[];
}

/** Key of a "papi" part's contributions. */
export const partKey = (componentId: string, partId: string): string => `${componentId}.${partId}`;
/** Key of one criterion's answers within a leaf. */
export const criterionKey = (leaf: string, criterion: string): string => `${leaf}#${criterion}`;
/** Key of each respondent's own overall score. */
export const OVERALL_KEY = '*';

/** The aggregation a block uses (declared, or the default for its method). */
export const aggregationOf = (scoring: Scoring): ScoringAggregation => scoring.aggregation ?? defaultAggregation(scoring);

interface Leaf {
  key: string;
  items: readonly string[];
  base: ScoringBase;
}

/** Every leaf of a scoring block with its key, questions and base, in definition order. */
export function scoreLeaves(scoring: Scoring): Leaf[] {
  if (scoring.method === 'papi')
    return scoring.components.flatMap((c) => c.parts.map((p) => ({ key: partKey(c.id, p.id), items: p.items, base: p.base ?? 'asked' })));
  return scoring.components.map((c) => ({ key: c.id, items: c.items, base: c.base ?? 'asked' }));
}

/** The weights a question's answers get: its scale's, when the scoring weights that scale. */
function weightsOf(def: Definition, scoring: Scoring, questionId: string): Readonly<Record<string, number>> | undefined {
  const q = questionIndex(def).get(questionId)?.question;
  if (!q || (q.type !== 'single' && q.type !== 'matrix') || q.scale === undefined) return undefined;
  return scoring.weights[q.scale];
}

const weightOf = (weights: Readonly<Record<string, number>>, value: AnswerValue | undefined): number | undefined =>
  typeof value === 'string' && Object.hasOwn(weights, value) ? weights[value] : undefined;

/**
 * What one interview contributes (see the module's comment), only under keys it has data for.
 * Answers to hidden questions are not kept and so never count; answers without a weight ("don't
 * know") are left out; each answered row of a matrix is one answer and one criterion.
 */
export function scoreContributions(def: Definition, answers: Answers): ScoreContribution[] {
  return def.scoring ? scoreKeptContributions(def, keptAnswers(def, answers)) : [];
}

/** A question a leaf scores, as read once per definition (`planOf`). */
interface PlannedItem {
  id: string;
  weights: Readonly<Record<string, number>>;
  /** A single choice: its criterion key. */
  key?: string;
  /** A matrix of fixed rows: each row with its criterion key. */
  rows?: readonly (readonly [row: string, key: string])[];
  /** A matrix of the campaign's strata (rows as rated): the criterion keys met so far, by row. */
  strataKeys?: Map<string, string>;
}

interface PlannedLeaf {
  key: string;
  items: readonly PlannedItem[];
}

const plans = new WeakMap<Definition, readonly PlannedLeaf[]>();
/** Criterion keys kept per matrix of the campaign's strata, at most. */
const STRATA_KEYS_KEPT = 2000;

/**
 * The leaves of `def`'s scoring with the questions they score, their weights and their criterion
 * keys, made once per definition object (a copy bound to one interview's campaign gets its own):
 * scoring an interview then reads answers and adds numbers, the server doing so for each one it stores.
 */
function planOf(def: Definition, scoring: Scoring): readonly PlannedLeaf[] {
  let plan = plans.get(def);
  if (!plan) {
    plan = scoreLeaves(scoring).map((leaf) => ({
      key: leaf.key,
      items: leaf.items.flatMap((id): PlannedItem[] => {
        const weights = weightsOf(def, scoring, id);
        if (!weights) return [];
        const q = questionIndex(def).get(id)!.question;
        if (q.type !== 'matrix') return [{ id, weights, key: criterionKey(leaf.key, id) }];
        if (ratesStrata(q)) return [{ id, weights, strataKeys: new Map() }];
        return [{ id, weights, rows: rowsOf(def, q).map((r) => [r.value, criterionKey(leaf.key, `${id}.${r.value}`)] as const) }];
      }),
    }));
    plans.set(def, plan);
  }
  return plan;
}

/**
 * `scoreContributions` of answers the engine has already reduced to the kept ones (`keptAnswers`,
 * or `checkAnswers(…).kept`), without resolving visibility again.
 */
export function scoreKeptContributions(def: Definition, kept: Answers): ScoreContribution[] {
  const scoring = def.scoring;
  if (!scoring) return [];
  const out: ScoreContribution[] = [];
  /** Each leaf with data: where its total is in `out`, its criteria following it up to `end`. */
  const spans = new Map<string, { at: number; end: number }>();
  for (const leaf of planOf(def, scoring)) {
    const total = { key: leaf.key, sum: 0, count: 0 };
    // The leaf's total comes first, its criteria after it, only when it has data.
    const at = out.length;
    out.push(total);
    for (const item of leaf.items) {
      const value = kept[item.id];
      if (value === undefined) continue;
      if (item.key !== undefined) {
        const weight = weightOf(item.weights, value);
        if (weight === undefined) continue;
        total.sum += weight;
        total.count += 1;
        out.push({ key: item.key, sum: weight, count: 1 });
        continue;
      }
      if (typeof value !== 'object' || Array.isArray(value)) continue;
      if (item.rows) {
        for (const [row, key] of item.rows) {
          const weight = weightOf(item.weights, value[row]);
          if (weight === undefined) continue;
          total.sum += weight;
          total.count += 1;
          out.push({ key, sum: weight, count: 1 });
        }
        continue;
      }
      // A matrix of the campaign's strata: every row rated, whichever campaign planned it (strata-rows.ts).
      for (const row of ratedRows(value)) {
        const weight = weightOf(item.weights, value[row]);
        if (weight === undefined) continue;
        const keys = item.strataKeys!;
        let key = keys.get(row);
        if (key === undefined) {
          key = criterionKey(leaf.key, `${item.id}.${row}`);
          // Any code a device sends is taken (strata-rows.ts): the codes kept are bounded.
          if (keys.size < STRATA_KEYS_KEPT) keys.set(row, key);
        }
        total.sum += weight;
        total.count += 1;
        out.push({ key, sum: weight, count: 1 });
      }
    }
    if (total.count === 0) out.length = at;
    else spans.set(leaf.key, { at, end: out.length });
  }
  if (out.length > 0) {
    // The respondent alone: their own component (papi) and overall scores.
    const own = ownScores(scoring, out, spans);
    for (const c of own.components) out.push({ key: c.id, sum: c.value, count: 1 });
    if (own.score !== null) out.push({ key: OVERALL_KEY, sum: own.score, count: 1 });
  }
  for (const id of scoring.breakdowns ?? []) {
    const value = kept[id];
    out.push({ key: breakdownKey(id, typeof value === 'string' ? value : ''), sum: 0, count: 0 });
  }
  return out;
}

/**
 * One respondent's own scores from their contributions: what `combineScores` gives for the
 * interview alone (`combineScores(def, totalsOf(contributions), 1)`: its papi components' values
 * and its overall score), read straight from the leaves' spans in `out` (scoreKeptContributions),
 * the server scoring each interview it stores. For one respondent a leaf's value is its sum over
 * its count, pooled or per respondent; per criterion, the mean of its criteria's values, in key order.
 */
function ownScores(
  scoring: Scoring,
  out: readonly ScoreContribution[],
  spans: ReadonlyMap<string, { at: number; end: number }>,
): { components: { id: string; value: number }[]; score: number | null } {
  const aggregation = aggregationOf(scoring);
  const valueOf = (key: string, base: ScoringBase): number | null => {
    const span = spans.get(key);
    if (!span) return null;
    const total = out[span.at]!;
    if (aggregation !== 'criterion') return total.sum / total.count;
    // The criteria summed per key, in key order (as combineScores reads them from totals).
    const criteria = out.slice(span.at + 1, span.end).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const values: number[] = [];
    for (let i = 0; i < criteria.length; ) {
      let { sum, count } = criteria[i]!;
      const key = criteria[i++]!.key;
      for (; i < criteria.length && criteria[i]!.key === key; i++) {
        sum += criteria[i]!.sum;
        count += criteria[i]!.count;
      }
      if (count > 0) values.push(base === 'everyone' ? sum : sum / count);
    }
    return mean(values);
  };
  const scores: number[] = [];
  const components: { id: string; value: number }[] = [];
  if (scoring.method === 'papi') {
    for (const c of scoring.components) {
      const value = mean(c.parts.flatMap((p) => valueOf(partKey(c.id, p.id), p.base ?? 'asked') ?? []));
      if (value === null) continue;
      components.push({ id: c.id, value });
      scores.push(componentScore('papi', 10, value));
    }
  } else {
    for (const c of scoring.components) {
      const value = valueOf(c.id, c.base ?? 'asked');
      // A share's components have no points: each is out of 100.
      if (value !== null) scores.push(componentScore(scoring.method, c.points ?? 100, value));
    }
  }
  return { components, score: overallScore(scoring.method, scores) };
}

/**
 * The marker of an interview's answer to a breakdown question ("sex=2@"; '' when not answered):
 * its totals are kept again under "<marker><key>" for every key, so results break down by it.
 */
export const breakdownKey = (questionId: string, value: string): string => `${questionId}=${value}@`;

/** The question and answer of a breakdown marker, or undefined for any other key. */
export function parseBreakdownKey(key: string): { question: string; value: string } | undefined {
  const m = /^([^=@]+)=([^@]*)@$/.exec(key);
  return m ? { question: m[1]!, value: m[2]! } : undefined;
}

/** One respondent's contributions as totals. */
export function totalsOf(contributions: readonly ScoreContribution[]): Record<string, ScoreTotal> {
  const totals: Record<string, ScoreTotal> = {};
  for (const c of contributions) {
    const t = contributionTotal(c);
    const into = totals[c.key];
    if (into) addTotals(totals, { [c.key]: t });
    else totals[c.key] = t;
  }
  return totals;
}

/** What one interview's contribution adds to a total. */
export function contributionTotal(c: Pick<ScoreContribution, 'sum' | 'count'>): ScoreTotal {
  const v = c.count > 0 ? c.sum / c.count : 0;
  return { sum: c.sum, count: c.count, n: c.count > 0 ? 1 : 0, vSum: v, vSq: v * v };
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

interface LeafValue {
  count: number;
  n: number;
  value: number | null;
  /** The respondents' own values in [0, 1], on the leaf's base. */
  spread?: Spread;
}

/**
 * A leaf's value in a set of `interviews` interviews: per respondent (mean of their own means), per
 * criterion (mean of the criteria's means) or pooled (all answers), on base "asked" (respondents
 * with an answer) or "everyone" (every interview; one without an answer counts 0). Null when no
 * one in the set answered it.
 */
function leafValue(leaf: Leaf, aggregation: ScoringAggregation, totals: ScoreTotals, criteria: ReadonlyMap<string, string[]>, interviews: number): LeafValue {
  const t = totals[leaf.key];
  if (!t || t.count === 0 || t.n === 0) return { count: 0, n: leaf.base === 'everyone' ? interviews : 0, value: null };
  const n = leaf.base === 'everyone' ? Math.max(interviews, t.n) : t.n;
  const spread: Spread = { n, sum: t.vSum, sumSq: t.vSq };
  switch (aggregation) {
    case 'pooled':
      return { count: t.count, n, value: t.sum / t.count, spread };
    case 'respondent':
      return { count: t.count, n, value: t.vSum / n, spread };
    case 'criterion': {
      const values = (criteria.get(leaf.key) ?? []).flatMap((key) => {
        const c = totals[key];
        if (!c || c.count === 0) return [];
        return [leaf.base === 'everyone' ? c.sum / n : c.sum / c.count];
      });
      return { count: t.count, n, value: mean(values), spread };
    }
  }
}

/** The criterion keys present in `totals`, per leaf key. */
function criteriaIn(totals: ScoreTotals): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of Object.keys(totals)) {
    const hash = key.indexOf('#');
    if (hash < 0 || key.includes('@')) continue;
    const leaf = key.slice(0, hash);
    out.set(leaf, [...(out.get(leaf) ?? []), key]);
  }
  for (const keys of out.values()) keys.sort();
  return out;
}

const scaled = (s: Spread | undefined, factor: number): Spread | undefined =>
  s && { n: s.n, sum: s.sum * factor, sumSq: s.sumSq * factor * factor };

/** The respondents' own values under a plain key (papi components, the overall score). */
function spreadOf(t: ScoreTotal | undefined): Spread | undefined {
  return t && t.n > 0 ? { n: t.n, sum: t.vSum, sumSq: t.vSq } : undefined;
}

/** A component's score from its value in [0, 1]: `max` × value, or 1 + 9 × value on papi's 1–10 scale. */
const componentScore = (method: ScoringMethod, max: number, value: number): number => (method === 'papi' ? 1 + 9 * value : max * value);

/** The overall score from the components' scores: their mean for shares, their sum otherwise; null without any. */
function overallScore(method: ScoringMethod, scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const total = scores.reduce((a, b) => a + b, 0);
  return method === 'share' ? total / scores.length : total;
}

function componentScores(scoring: Scoring, totals: ScoreTotals, interviews: number): ComponentScore[] {
  const aggregation = aggregationOf(scoring);
  const criteria = criteriaIn(totals);
  const leaves = new Map(scoreLeaves(scoring).map((l) => [l.key, l]));
  const leaf = (key: string) => leafValue(leaves.get(key)!, aggregation, totals, criteria, interviews);
  const itemsScore = (id: string, max: number): ComponentScore => {
    const { count, n, value, spread } = leaf(id);
    const s = scaled(spread, max);
    return { id, count, n, value, score: value === null ? null : componentScore(scoring.method, max, value), max, ...(s ? { spread: s } : {}) };
  };
  switch (scoring.method) {
    case 'share':
      return scoring.components.map((c) => itemsScore(c.id, 100));
    case 'points':
      return scoring.components.map((c) => itemsScore(c.id, c.points));
    case 'papi':
      return scoring.components.map((c): ComponentScore => {
        const parts: PartScore[] = c.parts.map((p) => {
          const key = partKey(c.id, p.id);
          const { count, n, value } = leaf(key);
          return { id: p.id, key, count, n, value };
        });
        const value = mean(parts.flatMap((p) => (p.value === null ? [] : [p.value])));
        // The respondents' own dimension scores, 1 + 9 × their mean of parts.
        const own = spreadOf(totals[c.id]);
        const spread = own && { n: own.n, sum: own.n + 9 * own.sum, sumSq: own.n + 18 * own.sum + 81 * own.sumSq };
        return {
          id: c.id,
          count: parts.reduce((k, p) => k + p.count, 0),
          n: Math.max(0, ...parts.map((p) => p.n)),
          value,
          score: value === null ? null : componentScore('papi', 10, value),
          max: 10,
          ...(spread ? { spread } : {}),
          parts,
        };
      });
  }
}

/**
 * The scores of a set of `interviews` interviews whose contributions, summed per key, are
 * `totals` (keys of breakdowns, with "@", are ignored). Throws when the definition has no scoring.
 */
export function combineScores(def: Definition, totals: ScoreTotals, interviews: number): ScoreReport {
  const scoring = def.scoring;
  if (!scoring) throw new Error(`The questionnaire "${def.id}" version ${def.version} has no scoring.`);
  const { method } = scoring;
  const components = componentScores(scoring, totals, interviews);
  const scores = components.flatMap((c) => (c.score === null ? [] : [c.score]));
  const max = method === 'share' ? 100 : components.reduce((n, c) => n + c.max, 0);
  const spread = spreadOf(totals[OVERALL_KEY]);
  return {
    method,
    aggregation: aggregationOf(scoring),
    interviews,
    n: spread?.n ?? 0,
    score: overallScore(method, scores),
    max,
    withData: scores.length,
    ...(spread ? { spread } : {}),
    components,
  };
}

/** Adds `b` into `a` per key (pooling strata into a group, groups into a questionnaire). */
export function addTotals(a: Record<string, ScoreTotal>, b: ScoreTotals): Record<string, ScoreTotal> {
  for (const [key, t] of Object.entries(b)) {
    if (!t) continue;
    const into = (a[key] ??= { sum: 0, count: 0, n: 0, vSum: 0, vSq: 0 });
    into.sum += t.sum;
    into.count += t.count;
    into.n += t.n;
    into.vSum += t.vSum;
    into.vSq += t.vSq;
  }
  return a;
}
