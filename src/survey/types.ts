/** Types of the definition format (inferred from the schema) and of answers. Types only. */
import type { z } from 'zod';
import type * as S from './schema';

/** The app's interface languages (buttons, menus, messages), and the two every text has. */
export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
/**
 * A language of a questionnaire's texts and of an interview: vi, en or another language code its
 * texts carry (km, hmn…; see ./languages).
 */
export type TextLang = string;

/**
 * The most sections a questionnaire may have. The wire format takes at most this many section
 * times per interview, so a device never holds an interview the server refuses for its size.
 */
export const MAX_SECTIONS = 200;

export type Text = z.infer<typeof S.Text>;
export type Option = z.infer<typeof S.Option>;
export type Scale = z.infer<typeof S.Scale>;
export type ListItem = z.infer<typeof S.ListItem>;
export type Condition = S.ConditionShape;
/** A condition that compares one answer (not all / any / not). */
export type Comparison = S.ComparisonShape;
export type ComparisonOperator = S.ComparisonOperator;
export type Constraint = z.infer<typeof S.Constraint>;
export type Question = z.infer<typeof S.Question>;
export type QuestionType = Question['type'];
export type NoteQuestion = z.infer<typeof S.NoteQuestion>;
export type SingleQuestion = z.infer<typeof S.SingleQuestion>;
export type MultipleQuestion = z.infer<typeof S.MultipleQuestion>;
export type MatrixQuestion = z.infer<typeof S.MatrixQuestion>;
export type IntegerQuestion = z.infer<typeof S.IntegerQuestion>;
export type DecimalQuestion = z.infer<typeof S.DecimalQuestion>;
export type TextQuestion = z.infer<typeof S.TextQuestion>;
export type LongTextQuestion = z.infer<typeof S.LongTextQuestion>;
export type DateQuestion = z.infer<typeof S.DateQuestion>;
export type Section = z.infer<typeof S.Section>;
export type RespondentGroup = z.infer<typeof S.RespondentGroup>;
export type Definition = z.infer<typeof S.Definition>;
export type Scoring = z.infer<typeof S.Scoring>;
export type ShareComponent = z.infer<typeof S.ShareComponent>;
export type PointsComponent = z.infer<typeof S.PointsComponent>;
export type PapiComponent = z.infer<typeof S.PapiComponent>;
/** A component of any method; `Scoring['components']` has the method's own. */
export type ScoringComponent = Scoring['components'][number];
export type ScoringPart = z.infer<typeof S.ScoringPart>;
export type ScoringMethod = Scoring['method'];
export type ScoringAggregation = z.infer<typeof S.ScoringAggregation>;
export type ScoringBase = z.infer<typeof S.ScoringBase>;

/** Questions that take an answer (everything but notes). */
export type AnswerableQuestion = Exclude<Question, NoteQuestion>;
export type ChoiceQuestion = SingleQuestion | MultipleQuestion;

/**
 * One answer: an option code (single), codes (multiple), row → code (matrix), a number, or text
 * (text, long text, ISO date). The text of an “other, please specify” option is kept under the
 * key `<question id>__other`.
 */
export type AnswerValue = string | number | string[] | Record<string, string>;
export type Answers = Record<string, AnswerValue | undefined>;

export const OTHER_SUFFIX = '__other';
export const otherKey = (questionId: string): string => questionId + OTHER_SUFFIX;
