import { describe, expect, it } from 'vitest';
import { ANSWER_ERROR_CODES, validateAnswers } from '../../src/survey/validate';
import type { AnswerErrorCode, AnswerErrors, ValidateOptions } from '../../src/survey/validate';
import type { AnswerValue, AnswerableQuestion, Answers } from '../../src/survey/types';
import {
  date,
  decimal,
  def,
  group,
  integer,
  items,
  load,
  longtext,
  matrix,
  multiple,
  note,
  opt,
  scale,
  section,
  single,
  t,
  text,
  when,
} from './fixtures';

const TODAY = '2025-06-15';

const youngParentMessage = { vi: 'Người trả lời dưới 25 tuổi có hơn 3 con: kiểm tra lại.', en: 'Under 25 with more than 3 children: check.' };
const phoneMessage = t('ten digits starting with 0');

const survey = def({
  respondentGroups: [group('citizens', { stratumList: 'depts' })],
  scales: { agree: scale(['1', '2', '3', '4', opt('dk', { missing: true })]) },
  lists: { depts: items(['d1', 'd2']) },
  sections: [
    section('s1', [
      note('intro'),
      single('dept', [], { optionsFrom: 'depts', fromStratum: true }),
      single('sex', ['m', 'f', opt('o', { other: true })], { required: true }),
      multiple('channels', ['phone', 'web', 'post', opt('other', { other: true }), opt('none', { exclusive: true })], {
        minSelected: 2,
        maxSelected: 3,
      }),
      matrix('rate', 'agree', ['r1', 'r2', 'r3'], { required: true }),
      matrix('rateDepts', 'agree', [], { rowsFrom: 'depts' }),
      integer('age', { min: 18, max: 120, required: true }),
      integer('children', {
        constraints: [{ test: { any: [{ q: 'age', gte: 25 }, { q: 'children', lte: 3 }] }, message: youngParentMessage }],
      }),
      decimal('income', { min: 0, max: 1000, decimals: 2 }),
      text('phone', { maxLength: 10, pattern: '0[0-9]{9}', patternMessage: phoneMessage }),
      text('code', { pattern: '[A-Z]{3}' }),
      longtext('comment', { maxLength: 20 }),
      date('visit', { min: '2020-01-01', max: 'today' }),
      date('appointment', { min: 'today' }),
      // A cascading select: communes offered for their province only (choice-filter.test.ts has the rest).
      single('province', ['qt', 'qb']),
      single('commune', [opt('c1', { data: { province: 'qt' } }), opt('c2', { data: { province: 'qb' } })], {
        choiceFilter: [{ field: 'province', q: 'province' }],
      }),
    ]),
    section('s2', [integer('pregnancies', { required: true, min: 0 })], { visibleIf: when('sex', { equals: 'f' }) }),
  ],
});

/** A complete, acceptable interview. */
const valid: Answers = {
  sex: 'f',
  channels: ['phone', 'web'],
  rate: { r1: '1', r2: '4', r3: 'dk' },
  rateDepts: { d1: '2' },
  age: 30,
  children: 2,
  income: 12.5,
  phone: '0912345678',
  code: 'ABC',
  comment: 'ok',
  visit: '2024-02-29',
  appointment: '2025-07-01',
  pregnancies: 2,
};

const check = (patch: Answers, options: ValidateOptions = {}): AnswerErrors =>
  validateAnswers(survey, { ...valid, ...patch }, { today: TODAY, ...options });

describe('the test questionnaire', () => {
  it('is a valid definition', () => {
    expect(load(survey).ok).toBe(true);
  });

  it('accepts the complete interview', () => {
    expect(check({})).toEqual({});
    expect(check({}, { strict: true })).toEqual({});
  });
});

type Case = [name: string, patch: Answers, field: string, code: AnswerErrorCode, options?: ValidateOptions];

const cases: Case[] = [
  // required
  ['required single missing', { sex: undefined }, 'sex', 'required'],
  ['required single empty text', { sex: '' }, 'sex', 'required'],
  ['required integer missing', { age: undefined }, 'age', 'required'],
  ['required matrix empty', { rate: {} }, 'rate', 'required'],
  ['required matrix missing', { rate: undefined }, 'rate', 'required'],
  ['required matrix: one row left', { rate: { r1: '1', r2: '2' } }, 'rate', 'required'],
  ['required matrix: an empty row', { rate: { r1: '1', r2: '', r3: '3' } }, 'rate', 'required'],
  ['required in a shown section', { pregnancies: undefined }, 'pregnancies', 'required'],

  // wrongType
  ['single given a number', { sex: 1 }, 'sex', 'wrongType'],
  ['single given a list', { sex: ['m'] }, 'sex', 'wrongType'],
  ['multiple given a string', { channels: 'phone' }, 'channels', 'wrongType'],
  ['multiple with the same option twice', { channels: ['phone', 'phone'] }, 'channels', 'wrongType'],
  ['matrix given a list', { rate: ['1', '2', '3'] }, 'rate', 'wrongType'],
  ['matrix given text', { rate: '1' }, 'rate', 'wrongType'],
  ['integer given a string', { age: '30' }, 'age', 'wrongType'],
  ['decimal given a string', { income: '12.5' }, 'income', 'wrongType'],
  ['text given a number', { phone: 912345678 }, 'phone', 'wrongType'],
  ['longtext given a list', { comment: ['a'] }, 'comment', 'wrongType'],

  // notAnOption
  ['single: unknown code', { sex: 'x' }, 'sex', 'notAnOption'],
  ['multiple: one unknown code', { channels: ['phone', 'fax'] }, 'channels', 'notAnOption'],
  ['matrix: unknown scale value', { rate: { r1: '1', r2: '9', r3: '2' } }, 'rate', 'notAnOption'],
  ['matrix: unknown row', { rate: { r1: '1', r2: '2', r3: '3', r4: '1' } }, 'rate', 'notAnOption'],
  ['matrix from a list: unknown row', { rateDepts: { d3: '1' } }, 'rateDepts', 'notAnOption'],

  // notOffered (a choice filter)
  ['a commune of another province', { province: 'qt', commune: 'c2' }, 'commune', 'notOffered'],
  ['a commune before its province', { commune: 'c1' }, 'commune', 'notOffered'],

  // numbers
  ['integer with a fraction', { age: 30.5 }, 'age', 'notInteger'],
  ['integer below min', { age: 17 }, 'age', 'tooSmall'],
  ['integer above max', { age: 121 }, 'age', 'tooLarge'],
  ['decimal below min', { income: -0.01 }, 'income', 'tooSmall'],
  ['decimal above max', { income: 1000.01 }, 'income', 'tooLarge'],
  ['decimal with three places', { income: 1.234 }, 'income', 'tooManyDecimals'],
  ['decimal 0.0000001 has seven places', { income: 0.0000001 }, 'income', 'tooManyDecimals'],
  ['decimal 1.5e-7 has eight places', { income: 1.5e-7 }, 'income', 'tooManyDecimals'],

  // multiple choice counts
  ['too few selected', { channels: ['phone'] }, 'channels', 'tooFewSelected'],
  ['too many selected', { channels: ['phone', 'web', 'post', 'other'], channels__other: 'x' }, 'channels', 'tooManySelected'],
  ['exclusive with others', { channels: ['none', 'phone'] }, 'channels', 'exclusiveWithOthers'],

  // text
  ['text too long', { phone: '09123456789' }, 'phone', 'tooLong'],
  ['longtext too long', { comment: 'x'.repeat(21) }, 'comment', 'tooLong'],
  ['pattern mismatch with its own message', { phone: '1912345678' }, 'phone', 'patternMismatch'],
  ['pattern mismatch, default message', { code: 'ab' }, 'code', 'patternMismatch'],
  ['pattern must match the whole answer', { code: 'ABCD' }, 'code', 'patternMismatch'],
  ['pattern must match from the start', { code: '1ABC' }, 'code', 'patternMismatch'],

  // dates
  ['date that does not exist', { visit: '2025-02-30' }, 'visit', 'invalidDate'],
  ['29 February of a common year', { visit: '2023-02-29' }, 'visit', 'invalidDate'],
  ['date without zero padding', { visit: '2025-2-3' }, 'visit', 'invalidDate'],
  ['date in another format', { visit: '15/06/2025' }, 'visit', 'invalidDate'],
  ['date with a time', { visit: '2025-06-01T10:00' }, 'visit', 'invalidDate'],
  ['date given a number', { visit: 20250101 }, 'visit', 'invalidDate'],
  ['date before min', { visit: '2019-12-31' }, 'visit', 'tooSmall'],
  ['date after max "today"', { visit: '2025-06-16' }, 'visit', 'tooLarge'],
  ['date before min "today"', { appointment: '2025-06-14' }, 'appointment', 'tooSmall'],

  // other, please specify
  ['single: other without text', { sex: 'o' }, 'sex__other', 'otherMissing'],
  ['single: other with blank text', { sex: 'o', sex__other: '  ' }, 'sex__other', 'otherMissing'],
  ['multiple: other without text', { channels: ['phone', 'other'] }, 'channels__other', 'otherMissing'],

  // constraint
  ['constraint fails', { age: 20, children: 4 }, 'children', 'constraint'],

  // the question that records the stratum
  ['an answer that contradicts the stratum', { dept: 'd2' }, 'dept', 'stratumMismatch', { stratum: { respondentGroup: 'citizens', stratum: 'd1' } }],

  // strict only
  ['strict: answer to a hidden question', { sex: 'm', pregnancies: 2 }, 'pregnancies', 'hiddenAnswered', { strict: true }],
  ['strict: specify text without its option', { sex: 'm', pregnancies: undefined, sex__other: 'x' }, 'sex__other', 'hiddenAnswered', { strict: true }],
  ['strict: unknown question', { nope: 1 }, 'nope', 'unknownQuestion', { strict: true }],
  ['strict: specify text of an unknown question', { nope__other: 'x' }, 'nope__other', 'unknownQuestion', { strict: true }],
  ['strict: an answer to a note', { intro: 'x' }, 'intro', 'unknownQuestion', { strict: true }],
];

describe('validateAnswers', () => {
  it.each(cases)('%s', (_name, patch, field, code, options) => {
    const errors = check(patch, options);
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]?.code).toBe(code);
  });

  it.each(cases)('%s: the message is in Vietnamese and English', (_name, patch, field, _code, options) => {
    const message = check(patch, options)[field]?.message;
    expect(message?.vi.trim()).not.toBe('');
    expect(message?.en.trim()).not.toBe('');
    expect(message?.vi).not.toBe(message?.en);
  });

  it('the cases reach every error code', () => {
    expect(new Set(cases.map((c) => c[3]))).toEqual(new Set(ANSWER_ERROR_CODES));
  });

  it.each<[string, Answers]>([
    ['an optional question left out', { income: undefined, phone: undefined, comment: undefined, visit: undefined }],
    ['a matrix that is not required, partly answered', { rateDepts: { d2: '3' } }],
    ['zero is an answer', { children: 0, income: 0 }],
    ['decimal at its bounds', { income: 1000 }],
    ['decimal with exactly two places', { income: 999.99 }],
    ['integer at its bounds', { age: 18 }],
    ['multiple at its maximum', { channels: ['phone', 'web', 'post'] }],
    ['an exclusive option alone ignores minSelected', { channels: ['none'] }],
    ['other selected and specified', { sex: 'o', sex__other: 'prefer to describe', pregnancies: undefined }],
    ['multiple other specified', { channels: ['other', 'web'], channels__other: 'Zalo' }],
    ['date on its "today" bound', { visit: TODAY, appointment: TODAY }],
    ['a leap day', { visit: '2024-02-29' }],
    ['text exactly at maxLength', { comment: 'x'.repeat(20) }],
    ['the constraint holds for an older respondent', { age: 40, children: 6 }],
    ['the constraint holds with few children', { age: 19, children: 3 }],
    ['a hidden required question need not be answered', { sex: 'm', pregnancies: undefined }],
    ['a commune of the chosen province', { province: 'qb', commune: 'c2' }],
  ])('accepts %s', (_name, patch) => {
    expect(check(patch)).toEqual({});
  });

  it('ignores hidden and unknown answers unless strict', () => {
    expect(check({ sex: 'm', pregnancies: 2, nope: 1, intro: 'x', sex__other: 'x' })).toEqual({});
  });

  it('does not validate the answer of a hidden question', () => {
    expect(check({ sex: 'm', pregnancies: -5 })).toEqual({});
    expect(check({ sex: 'f', pregnancies: -5 }).pregnancies?.code).toBe('tooSmall');
  });

  it('reports every problem at once, one per field', () => {
    const errors = check({ sex: undefined, age: 10, income: 1.234, phone: '1', visit: '2025-02-30' });
    expect(Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, e.code]))).toEqual({
      sex: 'required',
      age: 'tooSmall',
      income: 'tooManyDecimals',
      phone: 'patternMismatch',
      visit: 'invalidDate',
    });
  });

  it('validates an empty interview: every required, shown question', () => {
    const errors = validateAnswers(survey, {}, { today: TODAY });
    expect(Object.keys(errors).sort()).toEqual(['age', 'rate', 'sex']);
    expect(Object.values(errors).every((e) => e.code === 'required')).toBe(true);
  });

  it('`only` restricts validation to a set of questions (one page of the form)', () => {
    const broken: Answers = { sex: undefined, age: 10, income: 1.234, phone: '1' };
    expect(Object.keys(check(broken, { only: new Set(['age', 'phone']) })).sort()).toEqual(['age', 'phone']);
    expect(check(broken, { only: new Set(['channels', 'rate']) })).toEqual({});
    expect(check(broken, { only: new Set() })).toEqual({});
  });

  it('`only` includes the specify text of a listed question', () => {
    expect(Object.keys(check({ sex: 'o' }, { only: new Set(['sex']) }))).toEqual(['sex__other']);
    expect(check({ sex: 'o' }, { only: new Set(['age']) })).toEqual({});
  });

  it('"today" defaults to the local date', () => {
    expect(validateAnswers(survey, { ...valid, visit: '2999-01-01' }).visit?.code).toBe('tooLarge');
    expect(validateAnswers(survey, { ...valid, appointment: '2000-01-01' }).appointment?.code).toBe('tooSmall');
  });
});

describe('messages', () => {
  it('required: a plain message, and the number of rows left for a matrix', () => {
    expect(check({ sex: undefined }).sex?.message).toEqual({
      vi: 'Vui lòng trả lời câu hỏi này.',
      en: 'Please answer this question.',
    });
    const m = check({ rate: { r1: '1' } }).rate?.message;
    expect(m?.en).toContain('2 left');
    expect(m?.vi).toContain('2 dòng');
  });

  it('required: the question’s own requiredMessage when it has one, in both languages, with the same code', () => {
    const province = { vi: 'Xin nhập số hộ gia đình trong thôn.', en: 'Please enter the number of households in the village.' };
    const rows = { vi: 'Hãy đánh giá đủ các dòng.', en: 'Please rate each row.' };
    const own = def({
      scales: { agree: scale(['1', '2']) },
      sections: [
        section('s', [
          integer('households', { required: true, requiredMessage: province }),
          matrix('rate', 'agree', ['r1', 'r2'], { required: true, requiredMessage: rows }),
          integer('other', { required: true }),
        ]),
      ],
    });
    expect(load(own).ok).toBe(true);
    const errors = validateAnswers(own, {}, { today: TODAY });
    expect(errors.households).toEqual({ code: 'required', message: province });
    expect(errors.households?.message.vi).toBe('Xin nhập số hộ gia đình trong thôn.');
    expect(errors.households?.message.en).toBe('Please enter the number of households in the village.');
    expect(errors.rate).toEqual({ code: 'required', message: rows });
    // A matrix rated in part is still unanswered as far as its message goes.
    expect(validateAnswers(own, { rate: { r1: '1' } }, { today: TODAY }).rate).toEqual({ code: 'required', message: rows });
    expect(errors.other?.message.en).toBe('Please answer this question.');
    // Answered: no message at all.
    expect(validateAnswers(own, { households: 12, rate: { r1: '1', r2: '2' }, other: 1 }, { today: TODAY })).toEqual({});
  });

  it('a broken limit: the question’s own limitMessage when it has one, in both languages, with the limit’s code', () => {
    const choose = { vi: 'Tối đa 3 lựa chọn: chọn 3 vấn đề quan trọng nhất', en: 'At most 3: choose the 3 most important issues' };
    const length = { vi: 'Ghi ngắn gọn, không quá 10 ký tự.', en: 'Keep it to 10 characters.' };
    const notes = { vi: 'Ghi chú tối đa 20 ký tự.', en: 'Notes of 20 characters at most.' };
    const visit = { vi: 'Ngày đến phải trong năm 2025 và không sau hôm nay.', en: 'The visit is in 2025, and not after today.' };
    const own = def({
      sections: [
        section('s', [
          multiple('issues', ['a', 'b', 'c', 'd', opt('dk', { exclusive: true })], { minSelected: 2, maxSelected: 3, limitMessage: choose }),
          text('code', { maxLength: 10, pattern: '[A-Z]+', patternMessage: t('capitals only'), limitMessage: length }),
          longtext('notes', { maxLength: 20, limitMessage: notes }),
          date('visit', { min: '2025-01-01', max: 'today', limitMessage: visit }),
          multiple('plain', ['a', 'b', 'c'], { maxSelected: 1 }),
        ]),
      ],
    });
    expect(load(own).ok).toBe(true);
    const at = (answers: Answers) => validateAnswers(own, answers, { today: TODAY });
    expect(at({ issues: ['a', 'b', 'c', 'd'] }).issues).toEqual({ code: 'tooManySelected', message: choose });
    expect(at({ issues: ['a'] }).issues).toEqual({ code: 'tooFewSelected', message: choose });
    expect(at({ code: 'ABCDEFGHIJK' }).code).toEqual({ code: 'tooLong', message: length });
    expect(at({ notes: 'x'.repeat(21) }).notes).toEqual({ code: 'tooLong', message: notes });
    expect(at({ visit: '2024-12-31' }).visit).toEqual({ code: 'tooSmall', message: visit });
    expect(at({ visit: '2025-06-16' }).visit).toEqual({ code: 'tooLarge', message: visit });
    // Not a limit: the pattern keeps its own message, an exclusive option the app's, a bad date the app's.
    expect(at({ code: 'abc' }).code).toEqual({ code: 'patternMismatch', message: t('capitals only') });
    expect(at({ issues: ['dk', 'a'] }).issues?.message.en).toContain('cannot be combined');
    expect(at({ visit: '2025-02-30' }).visit?.code).toBe('invalidDate');
    expect(at({ visit: '2025-02-30' }).visit?.message).not.toEqual(visit);
    // Without a limitMessage, the app's own.
    expect(at({ plain: ['a', 'b'] }).plain?.message).toEqual({ vi: 'Chọn tối đa 1 lựa chọn.', en: 'Select at most 1 options.' });
    // Within the limits: nothing to say.
    expect(at({ issues: ['a', 'b', 'c'], code: 'ABC', notes: 'ok', visit: TODAY, plain: ['a'] })).toEqual({});
  });

  it('number bounds are written in each language’s format', () => {
    const m = check({ income: 1000.5 }).income?.message;
    expect(m?.en).toContain('1,000');
    expect(m?.vi).toContain('1.000');
  });

  it('date bounds name the date, "today" as the actual date', () => {
    expect(check({ visit: '2019-01-01' }).visit?.message.en).toContain('2020-01-01');
    expect(check({ visit: '2026-01-01' }).visit?.message.en).toContain(TODAY);
  });

  it('notAnOption names the value', () => {
    const m = check({ sex: 'x' }).sex?.message;
    expect(m?.en).toContain('“x”');
    expect(m?.vi).toContain('“x”');
  });

  it('exclusiveWithOthers names the exclusive option in each language', () => {
    const m = check({ channels: ['none', 'web'] }).channels?.message;
    expect(m?.en).toContain('option none');
    expect(m?.vi).toContain('option none (vi)');
  });

  it('selection counts name the limit', () => {
    expect(check({ channels: ['web'] }).channels?.message.en).toContain('at least 2');
    expect(check({ channels: ['web', 'phone', 'post', 'other'], channels__other: 'x' }).channels?.message.en).toContain('at most 3');
  });

  it('tooLong and tooManyDecimals name the limit', () => {
    expect(check({ comment: 'x'.repeat(30) }).comment?.message.en).toContain('20');
    expect(check({ income: 1.001 }).income?.message.en).toContain('2');
  });

  it('patternMismatch uses the question’s patternMessage when it has one', () => {
    expect(check({ phone: 'abc' }).phone?.message).toEqual(phoneMessage);
    expect(check({ code: 'abc' }).code?.message).toEqual({
      vi: 'Câu trả lời không đúng định dạng.',
      en: 'The answer is not in the expected format.',
    });
  });

  it('a failed constraint shows its own bilingual message', () => {
    expect(check({ age: 20, children: 4 }).children).toEqual({ code: 'constraint', message: youngParentMessage });
  });
});

/**
 * For each type of question that takes an answer, a question of that type in the test
 * questionnaire and values of the wrong kind, as a device or a backup file may send them: a new
 * type of question needs its entry here, or the build fails.
 */
const WRONG_KIND: { [K in AnswerableQuestion['type']]: [id: string, values: unknown[], code: AnswerErrorCode] } = {
  single: ['sex', [1, ['m'], { r1: 'm' }], 'wrongType'],
  multiple: ['channels', ['phone', 1, { r1: 'phone' }, ['phone', 2], ['phone', ['web']]], 'wrongType'],
  matrix: ['rate', ['1', 1, ['1', '2', '3']], 'wrongType'],
  integer: ['age', ['30', ['30'], { r1: '30' }], 'wrongType'],
  decimal: ['income', ['12.5', ['12.5'], { r1: '12.5' }], 'wrongType'],
  text: ['phone', [912345678, ['0912345678'], { r1: '0912345678' }], 'wrongType'],
  longtext: ['comment', [1, ['ok'], { r1: 'ok' }], 'wrongType'],
  date: ['visit', [20240229, ['2024-02-29'], { r1: '2024-02-29' }], 'invalidDate'],
};

describe('every type of question refuses an answer of the wrong kind', () => {
  it.each(Object.entries(WRONG_KIND))('%s', (type, [id, values, code]) => {
    const q = survey.sections.flatMap((s) => s.questions).find((x) => x.id === id);
    expect(q?.type).toBe(type);
    for (const value of values) expect(check({ [id]: value as AnswerValue }, { strict: true })[id]?.code, JSON.stringify(value)).toBe(code);
  });
});

describe('decimal places', () => {
  const d = def({ sections: [section('s', [decimal('share', { decimals: 6 }), decimal('whole', { decimals: 0 })])] });

  it.each<[number, boolean]>([
    [0.5, true],
    [0.000001, true],
    [0.0000015, false],
    [1e-7, false],
    [1.5e-7, false],
    [123456.123456, true],
    [1.1234567, false],
    [1e21, true],
  ])('share %d with at most 6 places: accepted %s', (value, accepted) => {
    expect(validateAnswers(d, { share: value }).share?.code).toBe(accepted ? undefined : 'tooManyDecimals');
  });

  it.each<[number, boolean]>([
    [5, true],
    [-3, true],
    [5.5, false],
  ])('whole %d with no places: accepted %s', (value, accepted) => {
    expect(validateAnswers(d, { whole: value }).whole?.code).toBe(accepted ? undefined : 'tooManyDecimals');
  });
});
