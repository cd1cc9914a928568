/**
 * The questionnaire definition format, as a zod schema. This is the single source of truth for
 * the format: TypeScript types are inferred from it and `survey-definitions/schema.json` is
 * generated from it (npm run schema) so editors autocomplete definition files.
 *
 * Only code that loads definition files (build, server, tests) imports this module's values;
 * the browser bundle imports its types only, which keeps zod out of the enumerator's first load.
 */
import { z } from 'zod';
import { isLanguageCode, LANGUAGE_CODE_PATTERN, MAX_LANGUAGE_CODE } from './languages';
import { MAX_SECTIONS } from './types';

export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)*$/;
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

/**
 * A text shown to people: always in Vietnamese (first) and English, and in any further language
 * beside them under its code, e.g. `{"vi": "Họ tên", "en": "Name", "km": "ឈ្មោះ"}`.
 *
 * Further languages are keys of the text itself rather than an object of their own: a file reads
 * as XLSForm's `label::<language>` columns do, every existing file stays valid, and code that wants
 * Vietnamese or English reads `text.vi` / `text.en` as before. A key must be a lower-case language
 * code, so a stray field is still refused; a language present on only some texts is a note of
 * check.ts (those texts fall back to the default language), never an error.
 */
export const Text = z
  .object({ vi: translation('vi'), en: translation('en') })
  .catchall(z.string({ error: 'a translation must be text' }).trim().min(1, 'a translation is empty: write it, or leave the language out'))
  .superRefine((text, ctx) => {
    for (const key of Object.keys(text))
      if (!isLanguageCode(key)) ctx.addIssue({ code: 'custom', path: [key], input: key, message: `"${key}" is not a language code: a translation's key is a code in lower case, e.g. km, hmn, fr, zh-hant` });
  })
  .meta({
    id: 'Text',
    description: 'A text in Vietnamese (vi) and English (en), and in further languages under their codes (km, hmn, fr…)',
    propertyNames: { pattern: LANGUAGE_CODE_PATTERN.source, maxLength: MAX_LANGUAGE_CODE },
  });

/** A text in Vietnamese and English only (campaigns: the coordinators' own texts). */
export const BilingualText = z
  .strictObject({ vi: translation('vi'), en: translation('en') })
  .meta({ id: 'BilingualText', description: 'A text in Vietnamese (vi) and English (en)' });

export const Option = z.strictObject({
  value: z.string().min(1, 'an option needs a value (its code in the data)'),
  label: Text,
  /** Selecting this option asks the respondent to specify (“Khác, ghi rõ”). */
  other: z.optional(z.boolean()),
  /** In a multiple choice: selecting it clears the others (e.g. “Không biết”). */
  exclusive: z.optional(z.boolean()),
  /** A non-substantive answer such as “don't know”: left out of scores. */
  missing: z.optional(z.boolean()),
  /**
   * Extra values of the option, read by choice filters (the extra columns of an XLSForm choices
   * sheet), e.g. a commune's `{ "province": "quang-tri" }`. Keys are ids.
   */
  data: z.optional(z.record(Id, z.string())),
}).meta({ id: 'Option' });

export const Scale = z.strictObject({
  label: z.optional(Text),
  options: z.array(Option).min(2, 'a scale needs at least two options'),
});

export const ListItem = z.strictObject({ value: z.string().min(1), label: Text }).meta({ id: 'ListItem' });

const ScalarValue = z.union([z.string(), z.number(), z.boolean()]);

/** The question a comparison reads, and the row when it reads one row of a matrix. */
const compared = { q: z.string(), row: z.optional(z.string()) };

/**
 * A comparison, one exact shape per operator: the question and exactly one operator with its
 * operand. An operator added here needs an evaluator (conditions.ts) and a check against the
 * question it compares (check.ts), or the build fails.
 */
const COMPARISONS = {
  equals: z.strictObject({ ...compared, equals: ScalarValue }),
  notEquals: z.strictObject({ ...compared, notEquals: ScalarValue }),
  oneOf: z.strictObject({ ...compared, oneOf: z.array(ScalarValue).min(1, '"oneOf" needs at least one value') }),
  includes: z.strictObject({ ...compared, includes: z.string() }),
  gt: z.strictObject({ ...compared, gt: z.number() }),
  gte: z.strictObject({ ...compared, gte: z.number() }),
  lt: z.strictObject({ ...compared, lt: z.number() }),
  lte: z.strictObject({ ...compared, lte: z.number() }),
  answered: z.strictObject({ ...compared, answered: z.boolean() }),
};
export type ComparisonOperator = keyof typeof COMPARISONS;
export const COMPARISON_OPERATORS = Object.keys(COMPARISONS) as ComparisonOperator[];

const COMBINATORS = ['all', 'any', 'not'] as const;
type Combinator = (typeof COMBINATORS)[number];
type ConditionField = Combinator | keyof typeof compared | ComparisonOperator;

/** `T` with every other field of a condition forbidden, so that no value mixes two kinds. */
type Exactly<T> = T & { [K in Exclude<ConditionField, keyof T>]?: never };

/** A comparison of an earlier answer: `{"q": "<question id>", "<operator>": operand}`, `row` for a matrix. */
export type ComparisonShape = {
  [K in ComparisonOperator]: Exactly<z.infer<(typeof COMPARISONS)[K]>>;
}[ComparisonOperator];

/**
 * A condition on earlier answers. Data, evaluated by the engine: never code. Exactly one of the
 * combinators all / any / not, or a comparison.
 */
export type ConditionShape =
  | Exactly<{ all: ConditionShape[] }>
  | Exactly<{ any: ConditionShape[] }>
  | Exactly<{ not: ConditionShape }>
  | ComparisonShape;

const conditionList = <T extends z.ZodType>(key: 'all' | 'any', item: T) =>
  z.array(item).min(1, `"${key}" needs at least one condition`);

/** Every kind of condition one level deep (nested conditions are checked on their own). */
const SHALLOW: Record<Combinator | ComparisonOperator, z.ZodType> = {
  all: z.strictObject({ all: conditionList('all', z.unknown()) }),
  any: z.strictObject({ any: conditionList('any', z.unknown()) }),
  not: z.strictObject({ not: z.unknown() }),
  ...COMPARISONS,
};
const FIELDS = new Set<string>([...COMBINATORS, ...Object.keys(compared), ...COMPARISON_OPERATORS]);

const ONE_KIND =
  'a condition is exactly one of {"all": [...]}, {"any": [...]}, {"not": {...}} or a comparison {"q": "<question id>", "<operator>": value}';

/** The kind of condition `input` is, by its fields, or why it is none. */
function kindOf(input: unknown): Combinator | ComparisonOperator | { problem: string } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { problem: ONE_KIND };
  const c = input as Record<string, unknown>;
  const combinators = COMBINATORS.filter((k) => c[k] !== undefined);
  const operators = COMPARISON_OPERATORS.filter((k) => c[k] !== undefined);
  if (combinators.length + (c.q !== undefined ? 1 : 0) !== 1) return { problem: ONE_KIND };
  if (c.q === undefined) {
    if (operators.length > 0 || c.row !== undefined) return { problem: 'an operator needs "q", the question it compares' };
    return combinators[0]!;
  }
  if (operators.length !== 1)
    return { problem: `a comparison on "${String(c.q)}" needs exactly one operator of ${COMPARISON_OPERATORS.join(', ')}` };
  return operators[0]!;
}

/**
 * Says why a condition fits none of the shapes, at the condition itself, before the union below
 * tries them: a union that fails says only "Invalid input", and not where. Its issues do not stop
 * an enclosing condition, so a problem in a nested condition is reported at its own path.
 */
function checkKind(input: unknown, ctx: z.RefinementCtx): unknown {
  const kind = kindOf(input);
  if (typeof kind === 'object') {
    const fields = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
    const unknown = Object.keys(fields).filter((k) => !FIELDS.has(k));
    if (unknown.length > 0) ctx.addIssue({ code: 'unrecognized_keys', keys: unknown, input: fields, continue: true });
    // A missing condition (only a branch the union tries and drops) stops that branch.
    ctx.addIssue({ code: 'custom', message: kind.problem, input, continue: input !== undefined });
    return input;
  }
  const shallow = SHALLOW[kind].safeParse(input);
  // Unknown fields alone: the union reports them.
  if (!shallow.success && shallow.error.issues.some((i) => i.code !== 'unrecognized_keys'))
    for (const issue of shallow.error.issues) ctx.addIssue({ ...issue, continue: true });
  return input;
}

export const Condition: z.ZodType<ConditionShape> = z
  .preprocess(
    checkKind,
    z.union([
      z.strictObject({
        get all() {
          return conditionList('all', Condition);
        },
      }),
      z.strictObject({
        get any() {
          return conditionList('any', Condition);
        },
      }),
      z.strictObject({
        get not() {
          return Condition;
        },
      }),
      ...Object.values(COMPARISONS),
    ]),
  )
  .meta({ id: 'Condition', description: 'A condition on earlier answers: all, any, not, or a comparison of one question' });

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
  /**
   * What to say when a required question is left unanswered (XLSForm's `required_message`),
   * instead of the app's own "Please answer this question". Only for a required question.
   */
  requiredMessage: z.optional(Text),
  visibleIf: z.optional(Condition),
  constraints: z.optional(z.array(Constraint)),
};

/**
 * What to say when an answer breaks the question's limits (a text's maxLength, a multiple choice's
 * minSelected / maxSelected, a date's min / max), instead of the app's own message such as "At most
 * 200 characters"; the error code stays the limit's (tooLong, tooFewSelected, tooSmall…). XLSForm's
 * `constraint_message` on a constraint that became such a limit. Only for a question with a limit.
 */
const LimitMessage = z.optional(Text);

const ChoiceSource = {
  options: z.optional(z.array(Option).min(1)),
  scale: z.optional(z.string()),
  optionsFrom: z.optional(z.string()),
};

/**
 * A cascading select (XLSForm's choice_filter): an option is offered when, for every entry, its
 * `data[field]` equals the answer to `q`, an earlier single choice (compared as text), e.g.
 * communes `[{ "field": "province", "q": "province" }]`. While any `q` is unanswered no option is
 * offered; an answer that is not offered is refused (validate.ts), on the device and the server.
 */
const ChoiceFilter = z
  .array(z.strictObject({ field: Id, q: z.string() }))
  .min(1, 'a choice filter needs at least one {"field", "q"}');

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
  /** Offer only the options whose `data` match earlier answers (see ChoiceFilter). */
  choiceFilter: z.optional(ChoiceFilter),
  /** The answer a new interview starts with (XLSForm's `default`): an option's value. */
  default: z.optional(z.string().min(1)),
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
  /** Offer only the options whose `data` match earlier answers (see ChoiceFilter). */
  choiceFilter: z.optional(ChoiceFilter),
  minSelected: z.optional(z.int().min(1)),
  maxSelected: z.optional(z.int().min(1)),
  /** Said when minSelected or maxSelected is broken (see LimitMessage). */
  limitMessage: LimitMessage,
  /** The options a new interview starts with ticked. */
  default: z.optional(z.array(z.string().min(1)).min(1)),
});
/**
 * A matrix's rows read from the campaign: `{"strata": true}` rates each stratum the interview's
 * campaign plans for the respondent's group (each department, each commune), so next year's units
 * need no new version. The group's `stratumList` labels them, and gives the rows where no campaign
 * applies (a preview, a device without one). See strata-rows.ts.
 */
export const StrataRows = z
  .strictObject({ strata: z.literal(true, { error: '"strata" is true: the rows are the strata the campaign plans for the group' }) })
  .meta({ id: 'StrataRows', description: "The rows are the strata the interview's campaign plans for the respondent's group" });

const ROWS_FROM_MESSAGE = '"rowsFrom" is a list id, or {"strata": true} for the strata the campaign plans';

export const MatrixQuestion = z.strictObject({
  ...Base,
  type: z.literal('matrix'),
  scale: z.string(),
  rows: z.optional(z.array(ListItem).min(1)),
  /** Every item of a list (its id), or the campaign's strata (`{"strata": true}`). */
  rowsFrom: z.optional(
    z.union([z.string(), StrataRows], { error: (issue) => (issue.code === 'invalid_union' ? ROWS_FROM_MESSAGE : undefined) }),
  ),
  /** Offer “tick the whole column” buttons (default true). */
  columnShortcut: z.optional(z.boolean()),
});
export const IntegerQuestion = z.strictObject({
  ...Base,
  type: z.literal('integer'),
  min: z.optional(z.int()),
  max: z.optional(z.int()),
  unit: z.optional(Text),
  /** The answer a new interview starts with. */
  default: z.optional(z.int()),
});
export const DecimalQuestion = z.strictObject({
  ...Base,
  type: z.literal('decimal'),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  decimals: z.optional(z.int().min(0).max(6)),
  unit: z.optional(Text),
  /** The answer a new interview starts with. */
  default: z.optional(z.number()),
});
export const TextQuestion = z.strictObject({
  ...Base,
  type: z.literal('text'),
  maxLength: z.optional(z.int().min(1)),
  /** Said when the answer is longer than maxLength (see LimitMessage). */
  limitMessage: LimitMessage,
  /** A regular expression the whole answer must match (data, not code). */
  pattern: z.optional(z.string()),
  patternMessage: z.optional(Text),
  /** The answer a new interview starts with. */
  default: z.optional(z.string().min(1)),
});
export const LongTextQuestion = z.strictObject({
  ...Base,
  type: z.literal('longtext'),
  maxLength: z.optional(z.int().min(1)),
  /** Said when the answer is longer than maxLength (see LimitMessage). */
  limitMessage: LimitMessage,
  /** The answer a new interview starts with. */
  default: z.optional(z.string().min(1)),
});
const DateBound = z.union([z.iso.date(), z.literal('today')]);
export const DateQuestion = z.strictObject({
  ...Base,
  type: z.literal('date'),
  min: z.optional(DateBound),
  max: z.optional(DateBound),
  /** Said when the date is before min or after max (see LimitMessage). */
  limitMessage: LimitMessage,
  /** The answer a new interview starts with: a date, or "today" (the device's date when it starts). */
  default: z.optional(DateBound),
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

/**
 * Which respondents a component's (or part's) score rests on: "asked", those with a weighted answer
 * to it (the default); "everyone", every interview of the set, a respondent without one counting as
 * the lowest score (a part asked only of internet users then speaks for the whole population).
 */
export const ScoringBase = z
  .enum(['asked', 'everyone'], { error: 'base is "asked" (respondents with an answer) or "everyone" (every interview)' })
  .meta({ id: 'ScoringBase' });

export const ScoringPart = z
  .strictObject({ id: Id, label: Text, items: ScoringItems, base: z.optional(ScoringBase) })
  .meta({ id: 'ScoringPart', description: 'A sub-dimension of a "papi" component: its questions, equally weighted with the other parts' });

type ScoringMethodName = 'share' | 'points' | 'papi';

/** A field every component of `method` needs: its absence is named as such. */
function needed<T extends z.ZodType>(method: ScoringMethodName, field: string, schema: (error: z.core.$ZodErrorMap) => T): T {
  return schema((issue) => (issue.input === undefined ? `method "${method}" needs "${field}" on every component` : undefined));
}

/** A field of another method's components: refused, with the reason, where it is written. */
const refused = (message: string) => z.optional(z.never({ error: message }).meta({ description: message }));
const noPoints = (method: ScoringMethodName) =>
  refused(`"points" applies to method "points" only (this scoring's method is "${method}")`);
const noParts = (method: ScoringMethodName) =>
  refused(`"parts" apply to method "papi" only (this scoring's method is "${method}"): list the questions in "items"`);

/** Scored questions: single questions on a weighted scale, or matrix questions on one. */
const items = (method: ScoringMethodName) =>
  needed(method, 'items', (error) => z.array(z.string().min(1), { error }).min(1, 'name at least one question in "items"'));

export const ShareComponent = z
  .strictObject({ id: Id, label: Text, items: items('share'), points: noPoints('share'), parts: noParts('share'), base: z.optional(ScoringBase) })
  .meta({ id: 'ShareComponent', description: 'A component of method "share": its questions' });

export const PointsComponent = z
  .strictObject({
    id: Id,
    label: Text,
    items: items('points'),
    /** The component's maximum. */
    points: needed('points', 'points', (error) => z.number({ error }).positive('points must be more than 0')),
    parts: noParts('points'),
    base: z.optional(ScoringBase),
  })
  .meta({ id: 'PointsComponent', description: 'A component of method "points": its questions and its maximum' });

export const PapiComponent = z
  .strictObject({
    id: Id,
    label: Text,
    parts: needed('papi', 'parts', (error) => z.array(ScoringPart, { error }).min(1, 'name at least one part')),
    items: refused('method "papi" scores "parts", not "items": move these questions into parts'),
    points: noPoints('papi'),
    base: refused('method "papi" takes "base" on each part'),
  })
  .meta({ id: 'PapiComponent', description: 'A component (dimension) of method "papi": its parts' });

const Weights = z.record(Id, z.record(z.string().min(1), Weight)).meta({
  id: 'Weights',
  description: 'Per scale id: option value -> weight in [0, 1]; options without a weight ("missing") are left out',
});

const components = <T extends z.ZodType>(component: T) => z.array(component).min(1, 'name at least one component');

/**
 * How a set of respondents' answers become a score: "respondent", each respondent's mean weight
 * first, then the mean over respondents (each person counts once, however many items were shown);
 * "criterion", each criterion's (question's, matrix row's) mean weight first, then the mean over
 * criteria (each criterion counts once); "pooled", every weighted answer counts once. Default:
 * "criterion" for method "share", "respondent" for "points" and "papi".
 */
export const ScoringAggregation = z
  .enum(['respondent', 'criterion', 'pooled'], { error: 'aggregation is "respondent", "criterion" or "pooled"' })
  .meta({ id: 'ScoringAggregation' });

/** Single choice questions whose answers break results down (sex, age band, ethnicity, area). */
const Breakdowns = z.array(Id).max(8, 'at most 8 breakdowns');

const scoringFields = { weights: Weights, aggregation: z.optional(ScoringAggregation), breakdowns: z.optional(Breakdowns) };

/**
 * How answers become scores. "share": a component is the percentage of weighted answers and the
 * index the mean of components with data; "points": a component is points × mean weight, the total
 * their sum; "papi": a component is 1 + 9 × the mean of its parts' mean weights, the total their sum.
 * The method decides the shape of every component.
 */
export const Scoring = z
  .discriminatedUnion(
    'method',
    [
      z.strictObject({ method: z.literal('share'), ...scoringFields, components: components(ShareComponent) }),
      z.strictObject({ method: z.literal('points'), ...scoringFields, components: components(PointsComponent) }),
      z.strictObject({ method: z.literal('papi'), ...scoringFields, components: components(PapiComponent) }),
    ],
    { error: (issue) => (issue.code === 'invalid_union' ? 'the method is "share", "points" or "papi"' : undefined) },
  )
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
  /**
   * The language the questionnaire was written in (XLSForm's `default_language`): a text lacking
   * the language an interview is conducted in shows in it, then in Vietnamese. Vietnamese when
   * omitted; one of the definition's languages (vi, en or one its texts carry).
   */
  defaultLanguage: z.optional(z.string().regex(LANGUAGE_CODE_PATTERN, 'the default language is a language code in lower case, e.g. vi, km').max(MAX_LANGUAGE_CODE)),
  respondentGroups: z.array(RespondentGroup).min(1, 'name at least one respondent group'),
  scales: z.optional(z.record(Id, Scale)),
  lists: z.optional(z.record(Id, z.array(ListItem).min(1))),
  sections: z
    .array(Section)
    .min(1, 'a questionnaire needs at least one section')
    .max(MAX_SECTIONS, `a questionnaire has at most ${MAX_SECTIONS} sections`),
  scoring: z.optional(Scoring),
});
