/**
 * Validates answers against a definition. The form uses it page by page; the server uses it on
 * every submitted interview, so both apply exactly the same rules. Each problem has a stable code
 * and a message in both languages.
 */
import { evaluate, isAnswered } from './conditions';
import { isAnswerable, layoutOf, offeredOptions, optionsOf, questionIndex, rowsOf, unansweredFilterParent, type Step } from './model';
import type {
  AnswerValue,
  Answers,
  AnswerableQuestion,
  DateQuestion,
  DecimalQuestion,
  Definition,
  IntegerQuestion,
  LongTextQuestion,
  MatrixQuestion,
  MultipleQuestion,
  SingleQuestion,
  Text,
  TextQuestion,
} from './types';
import { selectsOther, walk } from './visibility';
import { fillStratumAnswer, stratumAnswer, stratumMismatch, type InterviewStratum } from './stratum';
import { ratesStrata } from './strata-rows';

export const ANSWER_ERROR_CODES = [
  'required',
  'wrongType',
  'notAnOption',
  'notOffered',
  'notInteger',
  'tooSmall',
  'tooLarge',
  'tooManyDecimals',
  'tooFewSelected',
  'tooManySelected',
  'exclusiveWithOthers',
  'tooLong',
  'patternMismatch',
  'invalidDate',
  'otherMissing',
  'constraint',
  'hiddenAnswered',
  'unknownQuestion',
  'stratumMismatch',
] as const;
export type AnswerErrorCode = (typeof ANSWER_ERROR_CODES)[number];

export interface AnswerError {
  code: AnswerErrorCode;
  message: Text;
}

/** Field name → error. Field names are question ids, or `<id>__other` for a specify text. */
export type AnswerErrors = Record<string, AnswerError>;

export interface ValidateOptions {
  /** Check only these questions (a page of the form). Default: the whole questionnaire. */
  only?: ReadonlySet<string> | undefined;
  /** Today's date as YYYY-MM-DD, for date bounds written as "today". */
  today?: string | undefined;
  /**
   * Report answers to hidden questions and to unknown questions (the server does; the form
   * simply drops them).
   */
  strict?: boolean | undefined;
  /**
   * The interview's respondent group and stratum: the question that records the stratum
   * (`fromStratum`) is filled when unanswered, must not contradict it, and takes it even when its
   * list lacks it (a stratum of the campaign's own; stratum.ts).
   */
  stratum?: InterviewStratum | undefined;
  /**
   * Matrices rating the campaign's strata are judged as received, not as shown (the server, and
   * the device's last check before queueing an interview the form has checked): any row code is
   * taken, its rating checked against the scale, and a required one needs one rated row. The
   * device's campaign may differ from the server's; the form checks a definition bound to its own
   * (strata-rows.ts).
   */
  receivedStrataRows?: boolean | undefined;
}

const fmt = (n: number) => ({ vi: n.toLocaleString('vi-VN'), en: n.toLocaleString('en-GB') });

function err(code: AnswerErrorCode, vi: string, en: string): AnswerError {
  return { code, message: { vi, en } };
}

const localToday = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** YYYY-MM-DD naming a day of the (proleptic) Gregorian calendar. */
function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8));
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= MONTH_DAYS[month - 1]! + (leap ? 1 : 0);
}

/** Digits after the decimal point, also for numbers JavaScript writes with an exponent (1e-7). */
function decimalPlaces(n: number): number {
  const [mantissa = '', exponent = '0'] = String(n).toLowerCase().split('e');
  return Math.max(0, (mantissa.split('.')[1] ?? '').length - Number(exponent));
}

const patternCache = new Map<string, RegExp>();
function compiled(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, 'u');
    patternCache.set(pattern, re);
  }
  return re;
}

/** The types of question that take an answer. */
type AnswerType = AnswerableQuestion['type'];
type QuestionOf<K extends AnswerType> = Extract<AnswerableQuestion, { type: K }>;

/** What one check of a set of answers knows besides the question and its answer. */
interface Context {
  def: Definition;
  /** The date written as "today" in date bounds. */
  today: string;
  options: ValidateOptions;
  /** The stratum question and the answer it must have, if the interview has one. */
  expected: ReturnType<typeof stratumAnswer>;
}

/**
 * The rules of one type of question for an answer that is given (required is checked before):
 * the first problem, or undefined. `step` is the question's place in the definition's layout.
 */
type Validator<K extends AnswerType> = (q: QuestionOf<K>, value: AnswerValue, step: Step, context: Context) => AnswerError | undefined;

/** One validator per type of question: a type of question without one fails the build. */
const VALIDATORS: { readonly [K in AnswerType]: Validator<K> } = {
  single: validateSingle,
  multiple: validateMultiple,
  matrix: validateMatrix,
  integer: validateInteger,
  decimal: validateDecimal,
  text: validateText,
  longtext: validateLongText,
  date: validateDate,
};

/** Runs the validator of `type`, which is `q.type`: the type parameter ties the question to its validator. */
function validateByType<K extends AnswerType>(type: K, q: QuestionOf<K>, value: AnswerValue, step: Step, context: Context) {
  return VALIDATORS[type](q, value, step, context);
}

/** The first problem of the answer to `q`: `value` is the answer when it is answered (`isAnswered`), else undefined. */
function checkQuestion(q: AnswerableQuestion, value: AnswerValue | undefined, answers: Answers, step: Step, context: Context): AnswerError | undefined {
  if (value === undefined) {
    if (!q.required) return undefined;
    return q.requiredMessage ? { code: 'required', message: q.requiredMessage } : err('required', 'Vui lòng trả lời câu hỏi này.', 'Please answer this question.');
  }
  const problem = validateByType(q.type, q, value, step, context) ?? notOffered(context.def, q, value, answers);
  if (problem) return problem;
  if (q.constraints) for (const c of q.constraints) if (!evaluate(c.test, answers)) return { code: 'constraint', message: c.message };
  return undefined;
}

function validateSingle(q: SingleQuestion, value: AnswerValue, step: Step, { expected }: Context): AnswerError | undefined {
  if (typeof value !== 'string') return wrongType('một lựa chọn', 'one option');
  // The question recording the stratum answered with the interview's own stratum, which a campaign
  // may plan outside the list: the interview's check decides which strata it may have.
  if (expected?.value === value && expected.question === q) return undefined;
  if (!step.values.has(value)) return notAnOption(value);
  return undefined;
}

function validateMultiple(q: MultipleQuestion, value: AnswerValue, step: Step, { def }: Context): AnswerError | undefined {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return wrongType('danh sách lựa chọn', 'a list of options');
  const unknown = value.find((v) => !step.values.has(v));
  if (unknown !== undefined) return notAnOption(unknown);
  if (new Set(value).size !== value.length) return err('wrongType', 'Một lựa chọn bị chọn hai lần.', 'An option is selected twice.');
  const exclusive = optionsOf(def, q).find((o) => o.exclusive && value.includes(o.value));
  if (exclusive && value.length > 1)
    return err(
      'exclusiveWithOthers',
      `“${exclusive.label.vi}” không thể chọn cùng các lựa chọn khác.`,
      `“${exclusive.label.en}” cannot be combined with other options.`,
    );
  if (!exclusive && q.minSelected !== undefined && value.length < q.minSelected)
    return limit(q, err('tooFewSelected', `Chọn ít nhất ${q.minSelected} lựa chọn.`, `Select at least ${q.minSelected} options.`));
  if (q.maxSelected !== undefined && value.length > q.maxSelected)
    return limit(q, err('tooManySelected', `Chọn tối đa ${q.maxSelected} lựa chọn.`, `Select at most ${q.maxSelected} options.`));
  return undefined;
}

function validateMatrix(q: MatrixQuestion, value: AnswerValue, step: Step, { def, options }: Context): AnswerError | undefined {
  if (typeof value !== 'object' || Array.isArray(value)) return wrongType('bảng đánh giá', 'a rating table');
  // As received, a matrix of the campaign's strata takes the rows the device's campaign gave it.
  const asReceived = options.receivedStrataRows === true && ratesStrata(q);
  for (const [row, v] of Object.entries(value)) {
    if (!asReceived && !step.rows.has(row)) return err('notAnOption', `Dòng “${row}” không có trong bảng.`, `Row “${row}” is not in the table.`);
    if (v !== undefined && v !== '' && !step.values.has(v)) return notAnOption(String(v));
  }
  if (q.required && !asReceived) {
    const missing = rowsOf(def, q).filter((r) => !isAnswered(value[r.value])).length;
    if (missing > 0 && q.requiredMessage) return { code: 'required', message: q.requiredMessage };
    if (missing > 0)
      return err('required', `Vui lòng đánh giá tất cả các dòng (còn ${missing} dòng).`, `Please rate every row (${missing} left).`);
  }
  return undefined;
}

const isNumber = (value: AnswerValue): value is number => typeof value === 'number' && Number.isFinite(value);

function validateInteger(q: IntegerQuestion, value: AnswerValue): AnswerError | undefined {
  if (!isNumber(value)) return wrongType('một số', 'a number');
  if (!Number.isInteger(value)) return err('notInteger', 'Vui lòng nhập số nguyên.', 'Please enter a whole number.');
  return outOfBounds(q, value);
}

function validateDecimal(q: DecimalQuestion, value: AnswerValue): AnswerError | undefined {
  if (!isNumber(value)) return wrongType('một số', 'a number');
  if (q.decimals !== undefined && decimalPlaces(value) > q.decimals)
    return err('tooManyDecimals', `Tối đa ${q.decimals} chữ số thập phân.`, `At most ${q.decimals} decimal places.`);
  return outOfBounds(q, value);
}

function outOfBounds(q: IntegerQuestion | DecimalQuestion, value: number): AnswerError | undefined {
  if (q.min !== undefined && value < q.min) {
    const m = fmt(q.min);
    return err('tooSmall', `Giá trị nhỏ nhất là ${m.vi}.`, `The smallest allowed value is ${m.en}.`);
  }
  if (q.max !== undefined && value > q.max) {
    const m = fmt(q.max);
    return err('tooLarge', `Giá trị lớn nhất là ${m.vi}.`, `The largest allowed value is ${m.en}.`);
  }
  return undefined;
}

function validateText(q: TextQuestion, value: AnswerValue): AnswerError | undefined {
  if (typeof value !== 'string') return wrongType('văn bản', 'text');
  const long = tooLong(q, value);
  if (long) return long;
  if (q.pattern !== undefined && !compiled(q.pattern).test(value))
    return q.patternMessage
      ? { code: 'patternMismatch', message: q.patternMessage }
      : err('patternMismatch', 'Câu trả lời không đúng định dạng.', 'The answer is not in the expected format.');
  return undefined;
}

function validateLongText(q: LongTextQuestion, value: AnswerValue): AnswerError | undefined {
  if (typeof value !== 'string') return wrongType('văn bản', 'text');
  return tooLong(q, value);
}

function tooLong(q: TextQuestion | LongTextQuestion, value: string): AnswerError | undefined {
  const { maxLength } = q;
  if (maxLength !== undefined && value.length > maxLength) return limit(q, err('tooLong', `Tối đa ${maxLength} ký tự.`, `At most ${maxLength} characters.`));
  return undefined;
}

function validateDate(q: DateQuestion, value: AnswerValue, _step: Step, { today }: Context): AnswerError | undefined {
  if (typeof value !== 'string' || !isIsoDate(value)) return err('invalidDate', 'Ngày không hợp lệ.', 'This is not a valid date.');
  const min = q.min === 'today' ? today : q.min;
  const max = q.max === 'today' ? today : q.max;
  if (min !== undefined && value < min) return limit(q, err('tooSmall', `Ngày không được trước ${min}.`, `The date cannot be before ${min}.`));
  if (max !== undefined && value > max) return limit(q, err('tooLarge', `Ngày không được sau ${max}.`, `The date cannot be after ${max}.`));
  return undefined;
}

/**
 * A broken limit (length, number of choices, date) said in the question's own words when it has
 * them (`limitMessage`), with the limit's code kept.
 */
function limit(q: { limitMessage?: Text | undefined }, error: AnswerError): AnswerError {
  return q.limitMessage ? { code: error.code, message: q.limitMessage } : error;
}

function wrongType(vi: string, en: string): AnswerError {
  return err('wrongType', `Câu trả lời phải là ${vi}.`, `The answer must be ${en}.`);
}
function notAnOption(v: string): AnswerError {
  return err('notAnOption', `“${v}” không phải là một lựa chọn của câu hỏi.`, `“${v}” is not an option of this question.`);
}

/**
 * An answer of the right type that the question's choice filter does not offer for the earlier
 * answers it reads (a commune of another province), or one given while they are unanswered.
 */
function notOffered(def: Definition, q: AnswerableQuestion, value: AnswerValue, answers: Answers): AnswerError | undefined {
  if ((q.type !== 'single' && q.type !== 'multiple') || !q.choiceFilter) return undefined;
  const label = (id: string): Text => questionIndex(def).get(id)?.question.label ?? { vi: id, en: id };
  const missing = unansweredFilterParent(def, q, answers);
  if (missing !== undefined) {
    const parent = label(missing);
    return err('notOffered', `Hãy trả lời câu “${parent.vi}” trước.`, `Answer “${parent.en}” first.`);
  }
  const offered = offeredOptions(def, q, answers);
  const refused = (Array.isArray(value) ? value : [value]).find((v) => !offered.some((o) => o.value === v));
  if (refused === undefined) return undefined;
  // The answer it does not go with: the first filter entry its option's data disagrees with.
  const option = optionsOf(def, q).find((o) => o.value === refused);
  const entry = q.choiceFilter.find((f) => option?.data?.[f.field] !== String(answers[f.q])) ?? q.choiceFilter[0]!;
  const parentQuestion = questionIndex(def).get(entry.q)?.question;
  const given = String(answers[entry.q]);
  const answer = (parentQuestion && optionsOf(def, parentQuestion).find((o) => o.value === given)?.label) ?? { vi: given, en: given };
  const parent = label(entry.q);
  const chosen = option?.label ?? { vi: String(refused), en: String(refused) };
  return err(
    'notOffered',
    `“${chosen.vi}” không thuộc “${answer.vi}” (câu trả lời của câu “${parent.vi}”).`,
    `“${chosen.en}” is not an option for “${answer.en}” (the answer to “${parent.en}”).`,
  );
}

/** The problems of a set of answers and the answers the engine keeps, from one pass over the questionnaire. */
export interface CheckedAnswers {
  /** Empty when everything is acceptable. */
  errors: AnswerErrors;
  /** The answers with everything hidden (and orphan “specify” texts) removed, as `keptAnswers` gives. */
  kept: Answers;
}

/** Validates answers; returns an empty object when everything is acceptable. */
export function validateAnswers(def: Definition, answers: Answers, options: ValidateOptions = {}): AnswerErrors {
  return checkAnswers(def, answers, options).errors;
}

/**
 * `validateAnswers` and `keptAnswers` at once (the server checks and stores every submitted
 * interview): visibility is resolved once for both.
 */
export function checkAnswers(def: Definition, given: Answers, options: ValidateOptions = {}): CheckedAnswers {
  const answers = fillStratumAnswer(def, given, options.stratum);
  const errors: AnswerErrors = {};
  const { shown, values, kept } = walk(def, answers);
  const context: Context = { def, today: options.today ?? localToday(), options, expected: options.stratum && stratumAnswer(def, options.stratum) };
  const layout = layoutOf(def);
  // A question id used twice (a definition not checked) is checked once, by its first question.
  const checked = layout.repeats ? new Set<string>() : undefined;
  for (let i = 0; i < shown.length; i++) {
    const step = shown[i]!;
    const id = step.id;
    if (checked) {
      if (checked.has(id)) continue;
      checked.add(id);
    }
    if (options.only && !options.only.has(id)) continue;
    const q = step.named;
    if (!isAnswerable(q)) continue;
    const value = values[i];
    const problem = checkQuestion(q, value, kept, step, context) ?? (context.expected?.question.id === id ? stratumMismatch(def, q, value, options.stratum) : undefined);
    if (problem) {
      errors[id] = problem;
      continue;
    }
    const specify = step.specify;
    if (specify !== undefined && selectsOther(step, value ?? kept[id])) {
      const text = answers[specify];
      if (typeof text !== 'string' || text.trim() === '') errors[specify] = err('otherMissing', 'Vui lòng ghi rõ.', 'Please specify.');
    }
  }
  if (options.strict) {
    // An answer is read again only under a key the questionnaire does not know, or did not keep.
    for (const key of Object.keys(answers)) {
      if (!layout.answerKeys.has(key)) {
        if (answers[key] !== undefined) errors[key] = err('unknownQuestion', `Không có câu hỏi “${key}”.`, `There is no question “${key}”.`);
      } else if (!(key in kept) && isAnswered(answers[key]) && !errors[key]) {
        errors[key] = err(
          'hiddenAnswered',
          'Câu hỏi này bị ẩn theo các câu trả lời trước nên không được có câu trả lời.',
          'This question is hidden by earlier answers, so it must not have an answer.',
        );
      }
    }
  }
  return { errors, kept };
}
