/**
 * The questionnaire definition format, as a zod schema. This is the single source of truth for
 * the format: TypeScript types are inferred from it and `survey-definitions/schema.json` is
 * generated from it (npm run schema) so editors autocomplete definition files.
 *
 * Only code that loads definition files (build, server, tests) imports this module's values;
 * the browser bundle imports its types only, which keeps zod out of the enumerator's first load.
 */
import { z } from 'zod';
import { MAX_SECTIONS } from './types';

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)*$/;
const ID_MESSAGE =
  'must start with a letter and contain only letters, digits and single "_" or "-" between them';

export const Id = z.string().regex(ID_PATTERN, ID_MESSAGE);

function translation(lang: string) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined ? `missing translation (${lang})` : `translation (${lang}) must be text`,
    })
    .trim()
    .min(1, `missing translation (${lang}): the text is empty`);
}

/** A text shown to people: always in Vietnamese (first) and English. */
export const Text = z
  .strictObject({ vi: translation('vi'), en: translation('en') })
  .meta({ id: 'Text', description: 'A text in Vietnamese (vi) and English (en)' });

export const Option = z.strictObject({
  value: z.string().min(1, 'an option needs a value (its code in the data)'),
  label: Text,
  /** Selecting this option asks the respondent to specify (“Khác, ghi rõ”). */
  other: z.optional(z.boolean()),
  /** In a multiple choice: selecting it clears the others (e.g. “Không biết”). */
  exclusive: z.optional(z.boolean()),
  /** A non-substantive answer such as “don't know”: left out of scores. */
  missing: z.optional(z.boolean()),
}).meta({ id: 'Option' });

export const Scale = z.strictObject({
  label: z.optional(Text),
  options: z.array(Option).min(2, 'a scale needs at least two options'),
});

export const ListItem = z.strictObject({ value: z.string().min(1), label: Text }).meta({ id: 'ListItem' });

const ScalarValue = z.union([z.string(), z.number(), z.boolean()]);

/**
 * A condition on earlier answers. Data, evaluated by the engine: never code.
 * Combinators: all / any / not. A comparison names a question (`q`, and `row` for a matrix)
 * and exactly one operator.
 */
export interface ConditionShape {
  all?: ConditionShape[] | undefined;
  any?: ConditionShape[] | undefined;
  not?: ConditionShape | undefined;
  q?: string | undefined;
  row?: string | undefined;
  equals?: string | number | boolean | undefined;
  notEquals?: string | number | boolean | undefined;
  oneOf?: (string | number | boolean)[] | undefined;
  includes?: string | undefined;
  gt?: number | undefined;
  gte?: number | undefined;
  lt?: number | undefined;
  lte?: number | undefined;
  answered?: boolean | undefined;
}

export const COMPARISON_OPERATORS = [
  'equals',
  'notEquals',
  'oneOf',
  'includes',
  'gt',
  'gte',
  'lt',
  'lte',
  'answered',
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export const Condition: z.ZodType<ConditionShape> = z
  .strictObject({
    get all() {
      return z.optional(z.array(Condition).min(1, '"all" needs at least one condition'));
    },
    get any() {
      return z.optional(z.array(Condition).min(1, '"any" needs at least one condition'));
    },
    get not() {
      return z.optional(Condition);
    },
    q: z.optional(z.string()),
    row: z.optional(z.string()),
    equals: z.optional(ScalarValue),
    notEquals: z.optional(ScalarValue),
    oneOf: z.optional(z.array(ScalarValue).min(1)),
    includes: z.optional(z.string()),
    gt: z.optional(z.number()),
    gte: z.optional(z.number()),
    lt: z.optional(z.number()),
    lte: z.optional(z.number()),
    answered: z.optional(z.boolean()),
  })
  .superRefine((c, ctx) => {
    const combinators = (['all', 'any', 'not'] as const).filter((k) => c[k] !== undefined);
    const operators = COMPARISON_OPERATORS.filter((k) => c[k] !== undefined);
    if (combinators.length + (c.q !== undefined ? 1 : 0) !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          'a condition is exactly one of {"all": [...]}, {"any": [...]}, {"not": {...}} or a comparison {"q": "<question id>", "<operator>": value}',
      });
      return;
    }
    if (c.q !== undefined && operators.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `a comparison on "${c.q}" needs exactly one operator of ${COMPARISON_OPERATORS.join(', ')}`,
      });
    }
    if (c.q === undefined && (operators.length > 0 || c.row !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'an operator needs "q", the question it compares' });
    }
  });

export const Constraint = z.strictObject({
  /** Must hold for the answer to be accepted; may name this question and earlier ones. */
  test: Condition,
  message: Text,
});

const Base = {
  id: Id,
  label: Text,
  hint: z.optional(Text),
  required: z.optional(z.boolean()),
  visibleIf: z.optional(Condition),
  constraints: z.optional(z.array(Constraint)),
};

const ChoiceSource = {
  options: z.optional(z.array(Option).min(1)),
  scale: z.optional(z.string()),
  optionsFrom: z.optional(z.string()),
};

export const NoteQuestion = z.strictObject({
  type: z.literal('note'),
  id: Id,
  label: Text,
  hint: z.optional(Text),
  visibleIf: z.optional(Condition),
});
export const SingleQuestion = z.strictObject({
  ...Base,
  type: z.literal('single'),
  ...ChoiceSource,
  layout: z.optional(z.enum(['vertical', 'horizontal', 'dropdown'])),
  /**
   * The answer is the interview's stratum (chosen when it starts, or set by a respondent's link):
   * the options come from a respondent group's stratumList (optionsFrom); the form fills it and
   * shows it read-only, and an answer that contradicts the stratum is refused (see stratum.ts).
   */
  fromStratum: z.optional(z.boolean()),
});
export const MultipleQuestion = z.strictObject({
  ...Base,
  type: z.literal('multiple'),
  ...ChoiceSource,
  minSelected: z.optional(z.int().min(1)),
  maxSelected: z.optional(z.int().min(1)),
});
export const MatrixQuestion = z.strictObject({
  ...Base,
  type: z.literal('matrix'),
  scale: z.string(),
  rows: z.optional(z.array(ListItem).min(1)),
  rowsFrom: z.optional(z.string()),
  /** Offer “tick the whole column” buttons (default true). */
  columnShortcut: z.optional(z.boolean()),
});
export const IntegerQuestion = z.strictObject({
  ...Base,
  type: z.literal('integer'),
  min: z.optional(z.int()),
  max: z.optional(z.int()),
  unit: z.optional(Text),
});
export const DecimalQuestion = z.strictObject({
  ...Base,
  type: z.literal('decimal'),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  decimals: z.optional(z.int().min(0).max(6)),
  unit: z.optional(Text),
});
export const TextQuestion = z.strictObject({
  ...Base,
  type: z.literal('text'),
  maxLength: z.optional(z.int().min(1)),
  /** A regular expression the whole answer must match (data, not code). */
  pattern: z.optional(z.string()),
  patternMessage: z.optional(Text),
});
export const LongTextQuestion = z.strictObject({
  ...Base,
  type: z.literal('longtext'),
  maxLength: z.optional(z.int().min(1)),
});
const DateBound = z.union([z.iso.date(), z.literal('today')]);
export const DateQuestion = z.strictObject({
  ...Base,
  type: z.literal('date'),
  min: z.optional(DateBound),
  max: z.optional(DateBound),
});

export const Question = z.discriminatedUnion('type', [
  NoteQuestion,
  SingleQuestion,
  MultipleQuestion,
  MatrixQuestion,
  IntegerQuestion,
  DecimalQuestion,
  TextQuestion,
  LongTextQuestion,
  DateQuestion,
]);

export const Section = z.strictObject({
  id: Id,
  title: Text,
  description: z.optional(Text),
  visibleIf: z.optional(Condition),
  questions: z.array(Question).min(1, 'a section needs at least one question'),
});

export const RespondentGroup = z.strictObject({
  id: Id,
  label: Text,
  /** The list whose items are this group's strata (e.g. "districts", "departments"). */
  stratumList: z.optional(z.string()),
});

const Weight = z
  .number({ error: 'a weight is a number from 0 to 1' })
  .min(0, 'a weight is a number from 0 to 1')
  .max(1, 'a weight is a number from 0 to 1');

const ScoringItems = z.array(z.string().min(1)).min(1, 'name at least one question in "items"');

export const ScoringPart = z
  .strictObject({ id: Id, label: Text, items: ScoringItems })
  .meta({ id: 'ScoringPart', description: 'A sub-dimension of a "papi" component: its questions, equally weighted with the other parts' });

export const ScoringComponent = z
  .strictObject({
    id: Id,
    label: Text,
    /** "share" and "points": single questions on a weighted scale, or matrix questions on one. */
    items: z.optional(ScoringItems),
    /** "points" only: the component's maximum. */
    points: z.optional(z.number().positive('points must be more than 0')),
    /** "papi" only (and then no "items"). */
    parts: z.optional(z.array(ScoringPart).min(1, 'name at least one part')),
  })
  .meta({ id: 'ScoringComponent' });

/**
 * How answers become scores. "share": a component is the percentage of weighted answers and the
 * index the mean of components with data; "points": a component is points × mean weight, the total
 * their sum; "papi": a component is 1 + 9 × the mean of its parts' mean weights, the total their sum.
 */
export const Scoring = z
  .strictObject({
    method: z.enum(['share', 'points', 'papi']),
    /** Per scale id: option value -> weight in [0, 1]; options without a weight ("missing") are left out. */
    weights: z.record(Id, z.record(z.string().min(1), Weight)),
    components: z.array(ScoringComponent).min(1, 'name at least one component'),
  })
  .meta({ id: 'Scoring' });

export const Definition = z.strictObject({
  $schema: z.optional(z.string()),
  id: Id,
  version: z.int().min(1, 'version is a whole number from 1 up'),
  title: Text,
  /** What the questionnaire is about, for whoever fills it in (shown when an interview starts). */
  description: z.optional(Text),
  /**
   * How the answers are scored, for the office that compiles the results: never shown to
   * interviewers or respondents.
   */
  scoringNote: z.optional(Text),
  respondentGroups: z.array(RespondentGroup).min(1, 'name at least one respondent group'),
  scales: z.optional(z.record(Id, Scale)),
  lists: z.optional(z.record(Id, z.array(ListItem).min(1))),
  sections: z
    .array(Section)
    .min(1, 'a questionnaire needs at least one section')
    .max(MAX_SECTIONS, `a questionnaire has at most ${MAX_SECTIONS} sections`),
  scoring: z.optional(Scoring),
});
