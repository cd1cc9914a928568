/**
 * Scores on the wire (the coordinators' dashboard and the scores export): per questionnaire with a
 * scoring block, overall, per respondent group and per stratum, each with its number of interviews.
 * Reports are the engine's ScoreReport (src/survey/scoring.ts); labels are sent once per questionnaire.
 */
import * as z from 'zod/mini';

const Text = z.object({ vi: z.string(), en: z.string() });
const Count = z.int().check(z.minimum(0));
const Value = z.nullable(z.number());

export const ScoringMethod = z.enum(['share', 'points', 'papi']);
export const ScoringAggregation = z.enum(['respondent', 'criterion', 'pooled']);
export const ScoringBase = z.enum(['asked', 'everyone']);

/** A 95 % confidence interval on the figure's own scale (Wilson for shares, t for means); null when it cannot be computed. */
export const Interval = z.nullable(z.object({ low: z.number(), high: z.number() }));
export type IntervalWire = z.infer<typeof Interval>;

/**
 * Why a figure is withheld: "primary", it rests on fewer respondents than the campaign's minimum
 * cell size; "complementary", it would let a withheld one be recovered from the total and the
 * others. A withheld figure's value, score and interval are null.
 */
export const Suppressed = z.optional(z.enum(['primary', 'complementary']));

export const PartScore = z.object({ id: z.string(), key: z.string(), count: Count, n: Count, value: Value, suppressed: Suppressed });

export const ComponentScore = z.object({
  id: z.string(),
  /** Weighted answers behind it. */
  count: Count,
  /** Mean weight in [0, 1] (papi: mean of its parts' values). */
  value: Value,
  /** share: percent; points: out of its points; papi: 1–10. Null without data. */
  score: Value,
  max: z.number(),
  /** Respondents it rests on (its base). */
  n: Count,
  interval: Interval,
  suppressed: Suppressed,
  parts: z.optional(z.array(PartScore)),
});

export const ScoreReport = z.object({
  method: ScoringMethod,
  aggregation: ScoringAggregation,
  /** Interviews behind the report (also those without a weighted answer). */
  interviews: Count,
  /** Respondents with a weighted answer. */
  n: Count,
  interval: Interval,
  suppressed: Suppressed,
  /** share: mean of components with data; points and papi: sum of components with data. */
  score: Value,
  max: z.number(),
  /** Components with data. */
  withData: Count,
  components: z.array(ComponentScore),
});
export type ScoreReportWire = z.infer<typeof ScoreReport>;

/** One questionnaire's scores in a scope (a campaign on the dashboard, all interviews of a version in an export). */
export const QuestionnaireScores = z.object({
  surveyId: z.string(),
  /** The version whose scoring block gives the components and labels. */
  surveyVersion: z.int(),
  title: Text,
  method: ScoringMethod,
  aggregation: ScoringAggregation,
  /** How the figures are computed, and a worked example (src/survey/method-text.ts). */
  methodNote: z.object({ text: Text, example: Text }),
  /** The versions pooled: those whose scoring block is the same as this version's. */
  versions: z.array(z.int()),
  /** Interviews of other versions left out because their scoring differs. */
  excluded: z.array(z.object({ version: z.int(), interviews: Count })),
  /** Figures on fewer respondents than this are withheld. */
  minCell: z.int(),
  components: z.array(
    z.object({
      id: z.string(),
      label: Text,
      /** The component's best score: 100, its points, or 10. */
      max: z.number(),
      base: z.optional(ScoringBase),
      parts: z.optional(z.array(z.object({ id: z.string(), label: Text, base: z.optional(ScoringBase) }))),
    }),
  ),
  overall: ScoreReport,
  groups: z.array(
    z.object({
      id: z.string(),
      label: Text,
      report: ScoreReport,
      /** Every planned stratum (no data: interviews 0, scores null), then any other stratum with interviews. */
      strata: z.array(z.object({ value: z.string(), label: Text, parent: z.optional(z.string()), report: ScoreReport })),
    }),
  ),
  /** Each criterion (a scored question, a matrix row) over the whole set, in the block's order. */
  criteria: z.array(
    z.object({
      component: z.string(),
      /** The papi part it belongs to. */
      part: z.optional(z.string()),
      id: z.string(),
      label: Text,
      /** Respondents who answered it. */
      n: Count,
      /** On the component's scale: percent, points of the component's maximum, or 1–10. */
      score: Value,
      max: z.number(),
      interval: Interval,
      suppressed: Suppressed,
    }),
  ),
  /** The whole set broken down by respondents' answers to the block's breakdown questions (sex, age band…). */
  breakdowns: z.array(
    z.object({
      question: z.string(),
      label: Text,
      /** One per answer with interviews (value '': not answered). */
      cells: z.array(z.object({ value: z.string(), label: Text, report: ScoreReport })),
    }),
  ),
});
export type QuestionnaireScores = z.infer<typeof QuestionnaireScores>;
