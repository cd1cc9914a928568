/**
 * A campaign's report on the wire (GET /api/coordinator/campaigns/:id/report): its scores per
 * questionnaire as the dashboard has them (intervals, withheld figures, method notes), its score
 * targets each judged met, not met or not yet decidable, and the comparison with an earlier
 * campaign. The Word document (…/report.docx) is written from the same object.
 */
import * as z from 'zod/mini';
import { Interval, QuestionnaireScores, Suppressed } from './scores';

const Text = z.object({ vi: z.string(), en: z.string() });

/** One figure as shown: its value on its own scale, the respondents behind it, its interval. */
export const Figure = z.object({
  score: z.nullable(z.number()),
  max: z.number(),
  n: z.int(),
  interval: Interval,
  suppressed: Suppressed,
});
export type FigureWire = z.infer<typeof Figure>;

export const TargetResult = z.object({
  surveyId: z.string(),
  /** The component, or absent for the overall score. */
  component: z.optional(z.string()),
  group: z.optional(z.string()),
  stratum: z.optional(z.string()),
  op: z.enum(['>', '>=', '<', '<=']),
  value: z.number(),
  /** What is measured, e.g. "SIPAS index, whole campaign > 82". */
  label: Text,
  source: z.optional(Text),
  figure: z.nullable(Figure),
  /**
   * met: the whole 95 % interval satisfies the target; not_met: none of it does; undecided: it
   * straddles the target, or there is too little data (or the figure is withheld).
   */
  status: z.enum(['met', 'not_met', 'undecided']),
});
export type TargetResultWire = z.infer<typeof TargetResult>;

/** A figure compared; rows where neither campaign shows one are left out. */
export const ComparisonRow = z.object({
  surveyId: z.string(),
  /** Where: the whole questionnaire, a group or a stratum. */
  scope: z.enum(['all', 'group', 'stratum']),
  group: z.optional(z.string()),
  stratum: z.optional(z.string()),
  scopeLabel: Text,
  /** The component, or absent for the overall score. */
  component: z.optional(z.string()),
  label: Text,
  before: z.nullable(Figure),
  after: z.nullable(Figure),
  /** after − before, and its 95 % interval; null when either side has no figure. */
  change: z.nullable(z.number()),
  low: z.nullable(z.number()),
  high: z.nullable(z.number()),
  /** Whether the change is larger than sampling noise explains (its interval excludes 0). */
  exceeds: z.nullable(z.boolean()),
});
export type ComparisonRowWire = z.infer<typeof ComparisonRow>;

export const CampaignRef = z.object({ id: z.string(), title: Text, start: z.string(), end: z.string() });

export const CampaignReport = z.object({
  campaign: z.object({ id: z.string(), title: Text, start: z.string(), end: z.string(), organiser: z.optional(Text) }),
  generatedAt: z.string(),
  /** Figures on fewer respondents than this are withheld. */
  minCell: z.int(),
  /** Interviews counted in the campaign. */
  interviews: z.int(),
  questionnaires: z.array(QuestionnaireScores),
  targets: z.array(TargetResult),
  comparison: z.nullable(
    z.object({
      campaign: CampaignRef,
      /** Questionnaires whose scoring differs between the two campaigns: compared component by component, to be read with care. */
      differentScoring: z.array(z.string()),
      rows: z.array(ComparisonRow),
    }),
  ),
  /** Earlier campaigns this one can be compared with. */
  comparable: z.array(CampaignRef),
});
export type CampaignReport = z.infer<typeof CampaignReport>;
