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

export const PartScore = z.object({ id: z.string(), key: z.string(), count: Count, value: Value });

export const ComponentScore = z.object({
  id: z.string(),
  /** Weighted answers behind it. */
  count: Count,
  /** Mean weight in [0, 1] (papi: mean of its parts' values). */
  value: Value,
  /** share: percent; points: out of its points; papi: 1–10. Null without data. */
  score: Value,
  max: z.number(),
  parts: z.optional(z.array(PartScore)),
});

export const ScoreReport = z.object({
  method: ScoringMethod,
  /** Interviews behind the report (also those without a weighted answer). */
  interviews: Count,
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
  components: z.array(
    z.object({
      id: z.string(),
      label: Text,
      /** The component's best score: 100, its points, or 10. */
      max: z.number(),
      parts: z.optional(z.array(z.object({ id: z.string(), label: Text }))),
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
});
export type QuestionnaireScores = z.infer<typeof QuestionnaireScores>;
