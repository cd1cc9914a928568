/**
 * XLSForm expressions to conditions and back (src/survey/xlsform/expression.ts): every construct
 * both ways, the refusals with their bilingual messages and positions, the round trip of every
 * condition in the shipped questionnaires and of generated ones, and, with a small XPath
 * evaluator written here, that a printed expression means in XPath what the condition means to
 * the engine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/survey/conditions';
import { isAnswerable, rowsOf } from '../../../src/survey/model';
import type { AnswerValue, Answers, Condition, Definition, Text } from '../../../src/survey/types';
import {
  conditionToExpression,
  constraintToRules,
  relevantToCondition,
  type ConstraintRules,
  type ExprContext,
  type ExprResult,
  type NameRef,
} from '../../../src/survey/xlsform/expression';
import { shippedDefinitions } from '../answer-sets';

// ---------------------------------------------------------------------------------------------
// A small fake form

const FORM: Record<string, NameRef> = {
  sex: { q: 'sex', type: 'single' },
  channels: { q: 'channels', type: 'multiple' },
  age: { q: 'age', type: 'integer' },
  income: { q: 'income', type: 'decimal' },
  name: { q: 'name', type: 'text' },
  comment: { q: 'comment', type: 'longtext' },
  visit: { q: 'visit', type: 'date' },
  intro: { q: 'intro', type: 'note' },
  rating: { q: 'rating', type: 'matrix' },
  rating_health: { q: 'rating', row: 'health', type: 'matrix' },
  rating_education: { q: 'rating', row: 'education', type: 'matrix' },
};
const ctx: ExprContext = { resolve: (name) => FORM[name] };
const on = (self: string): ExprContext => ({ ...ctx, self: FORM[self]! });
const nameOf = (q: string, row?: string): string => (row === undefined ? q : `${q}_${row}`);
const print = (c: Condition): string => conditionToExpression(c, nameOf);

function value<T>(r: ExprResult<T>): T {
  if (!r.ok) throw new Error(`refused: ${r.message.en}`);
  return r.value;
}
const relevant = (expr: string, context: ExprContext = ctx): Condition => value(relevantToCondition(expr, context));

// ---------------------------------------------------------------------------------------------
// Reading relevant expressions

describe('relevantToCondition', () => {
  const cases: [expr: string, expected: Condition][] = [
    // equality, both operand kinds, either side
    ["${sex} = 'male'", { q: 'sex', equals: 'male' }],
    ['${sex} = "male"', { q: 'sex', equals: 'male' }],
    ["'male' = ${sex}", { q: 'sex', equals: 'male' }],
    ['${age} = 5', { q: 'age', equals: 5 }],
    ['5 = ${age}', { q: 'age', equals: 5 }],
    ["${age} = '5'", { q: 'age', equals: 5 }],
    ['${age} = -5', { q: 'age', equals: -5 }],
    ['${income} = 2.75', { q: 'income', equals: 2.75 }],
    ['${income} = .5', { q: 'income', equals: 0.5 }],
    ['${sex} = 3', { q: 'sex', equals: 3 }],
    ['${name} = true()', { q: 'name', equals: true }],
    ['${name} != false()', { not: { q: 'name', equals: false } }],
    ["${visit} = date('2024-02-29')", { q: 'visit', equals: '2024-02-29' }],
    ["${visit} = '2024-02-29'", { q: 'visit', equals: '2024-02-29' }],
    ["${rating_health} = '4'", { q: 'rating', row: 'health', equals: '4' }],
    // != is XPath's: it holds on an unanswered question
    ["${sex} != 'male'", { not: { q: 'sex', equals: 'male' } }],
    ["'male' != ${sex}", { not: { q: 'sex', equals: 'male' } }],
    ["${sex} != 'male' and ${sex} != ''", { q: 'sex', notEquals: 'male' }],
    ["${age} != 3 and ${age} != ''", { q: 'age', notEquals: 3 }],
    ["${sex} != '' and ${sex} != 'male'", { all: [{ q: 'sex', answered: true }, { not: { q: 'sex', equals: 'male' } }] }],
    ["not(${sex} = 'male') and ${sex} != ''", { all: [{ not: { q: 'sex', equals: 'male' } }, { q: 'sex', answered: true }] }],
    // answered
    ["${sex} != ''", { q: 'sex', answered: true }],
    ["${sex} = ''", { q: 'sex', answered: false }],
    ["'' = ${name}", { q: 'name', answered: false }],
    ["${channels} != ''", { q: 'channels', answered: true }],
    ["${rating} != ''", { q: 'rating', answered: true }],
    ['string-length(${name}) > 0', { q: 'name', answered: true }],
    ['string-length(${name}) = 0', { q: 'name', answered: false }],
    ['0 < string-length(${comment})', { q: 'comment', answered: true }],
    ['string-length(${rating}) = 0', { q: 'rating', answered: false }],
    ['count-selected(${channels}) > 0', { q: 'channels', answered: true }],
    ['count-selected(${channels}) >= 1', { q: 'channels', answered: true }],
    ['count-selected(${channels}) != 0', { q: 'channels', answered: true }],
    ['count-selected(${channels}) = 0', { q: 'channels', answered: false }],
    ['count-selected(${channels}) < 1', { q: 'channels', answered: false }],
    // selected()
    ["selected(${channels}, 'phone')", { q: 'channels', includes: 'phone' }],
    ['selected(${channels}, 3)', { q: 'channels', includes: '3' }],
    ["selected(${sex}, 'male')", { q: 'sex', equals: 'male' }],
    ["selected(${rating_health}, '2')", { q: 'rating', row: 'health', equals: '2' }],
    ["selected(${visit}, '2024-01-01')", { q: 'visit', equals: '2024-01-01' }],
    // order comparisons, turned around when the number is on the left
    ['${age} > 17', { q: 'age', gt: 17 }],
    ['${age} >= 18', { q: 'age', gte: 18 }],
    ['${age} < 65', { q: 'age', lt: 65 }],
    ['${age} <= 64', { q: 'age', lte: 64 }],
    ['17 < ${age}', { q: 'age', gt: 17 }],
    ['18 <= ${age}', { q: 'age', gte: 18 }],
    ['65 > ${age}', { q: 'age', lt: 65 }],
    ['64 >= ${age}', { q: 'age', lte: 64 }],
    ['${income} > -1.5', { q: 'income', gt: -1.5 }],
    ["${income} <= '2.5'", { q: 'income', lte: 2.5 }],
    // arithmetic of constants is folded
    ['${age} > 10 + 8', { q: 'age', gt: 18 }],
    ['${age} > 2 * 3 - -1', { q: 'age', gt: 7 }],
    ['${age} < 10 div 4', { q: 'age', lt: 2.5 }],
    ['${age} = 17 mod 5', { q: 'age', equals: 2 }],
    ['${age} > 1 + 2 * 3', { q: 'age', gt: 7 }],
    ['${age} > (1 + 2) * 3', { q: 'age', gt: 9 }],
    ['${age} > - - 4', { q: 'age', gt: 4 }],
    ["${sex} = concat('ma', \"le\")", { q: 'sex', equals: 'male' }],
    // and / or / not, chains flattened, groups kept
    [
      "${sex} = 'male' and ${age} > 17 and ${name} != ''",
      { all: [{ q: 'sex', equals: 'male' }, { q: 'age', gt: 17 }, { q: 'name', answered: true }] },
    ],
    [
      "(${sex} = 'male' and ${age} > 17) and ${name} != ''",
      { all: [{ all: [{ q: 'sex', equals: 'male' }, { q: 'age', gt: 17 }] }, { q: 'name', answered: true }] },
    ],
    [
      "${age} > 60 or ${age} < 18 or selected(${channels}, 'post')",
      { any: [{ q: 'age', gt: 60 }, { q: 'age', lt: 18 }, { q: 'channels', includes: 'post' }] },
    ],
    [
      "${sex} = 'male' and ${age} > 17 or ${name} != ''",
      { any: [{ all: [{ q: 'sex', equals: 'male' }, { q: 'age', gt: 17 }] }, { q: 'name', answered: true }] },
    ],
    [
      "${sex} = 'male' and (${age} > 17 or ${name} != '')",
      { all: [{ q: 'sex', equals: 'male' }, { any: [{ q: 'age', gt: 17 }, { q: 'name', answered: true }] }] },
    ],
    ["not(${sex} = 'male')", { not: { q: 'sex', equals: 'male' } }],
    ["not(not(selected(${channels}, 'phone')))", { not: { not: { q: 'channels', includes: 'phone' } } }],
    ["((${sex} = 'male'))", { q: 'sex', equals: 'male' }],
    // oneOf: an `or` of memberships of one question and row
    ["${sex} = 'male' or ${sex} = 'female'", { q: 'sex', oneOf: ['male', 'female'] }],
    ["selected(${sex}, 'male') or selected(${sex}, 'female')", { q: 'sex', oneOf: ['male', 'female'] }],
    ["selected(${sex}, 'male') or ${sex} = 3", { q: 'sex', oneOf: ['male', 3] }],
    ["selected(${channels}, 'phone') or selected(${channels}, 'post')", { q: 'channels', oneOf: ['phone', 'post'] }],
    ['${age} = 1 or ${age} = 2 or 3 = ${age}', { q: 'age', oneOf: [1, 2, 3] }],
    ["${rating_health} = '1' or ${rating_health} = '2'", { q: 'rating', row: 'health', oneOf: ['1', '2'] }],
    [
      "${rating_health} = '1' or ${rating_education} = '2'",
      { any: [{ q: 'rating', row: 'health', equals: '1' }, { q: 'rating', row: 'education', equals: '2' }] },
    ],
    ["${sex} = 'male' or ${age} = 2", { any: [{ q: 'sex', equals: 'male' }, { q: 'age', equals: 2 }] }],
    ["${name} = 'a' or ${name} = 'b'", { any: [{ q: 'name', equals: 'a' }, { q: 'name', equals: 'b' }] }],
    [
      "(${sex} = 'male' or ${sex} = 'female') or ${sex} = 'other'",
      { any: [{ q: 'sex', oneOf: ['male', 'female'] }, { q: 'sex', equals: 'other' }] },
    ],
    // `.` when the context names the question
    [". = 'male'", { q: 'sex', equals: 'male' }],
    // whitespace anywhere
    ["\n\t${sex}\t=\n'male'  and  ${age}>=18 ", { all: [{ q: 'sex', equals: 'male' }, { q: 'age', gte: 18 }] }],
    ["selected( ${channels} ,'phone' )", { q: 'channels', includes: 'phone' }],
    // literals with the other quote, and text in Vietnamese
    ['${name} = "it\'s"', { q: 'name', equals: "it's" }],
    ["${name} = 'Phường Hải Đình'", { q: 'name', equals: 'Phường Hải Đình' }],
  ];
  it.each(cases)('%s', (expr, expected) => {
    const context = expr.startsWith('.') ? on('sex') : ctx;
    expect(relevantToCondition(expr, context)).toEqual({ ok: true, value: expected });
  });
});

// ---------------------------------------------------------------------------------------------
// Printing

describe('conditionToExpression', () => {
  const cases: [condition: Condition, expected: string][] = [
    [{ q: 'sex', equals: 'male' }, "${sex} = 'male'"],
    [{ q: 'age', equals: 5 }, '${age} = 5'],
    [{ q: 'age', equals: -5 }, '${age} = -5'],
    [{ q: 'income', equals: 2.75 }, '${income} = 2.75'],
    [{ q: 'income', gt: 1e-7 }, '${income} > 0.0000001'],
    [{ q: 'income', lt: 1.5e21 }, '${income} < 1500000000000000000000'],
    [{ q: 'income', gte: -0 }, '${income} >= -0'],
    [{ q: 'name', equals: true }, '${name} = true()'],
    [{ q: 'name', equals: false }, '${name} = false()'],
    [{ q: 'name', equals: "it's" }, '${name} = "it\'s"'],
    [{ q: 'name', equals: 'say "hi"' }, `\${name} = 'say "hi"'`],
    [{ q: 'name', equals: `it's "x"` }, `\${name} = concat('it', "'", 's "x"')`],
    [{ q: 'name', equals: '' }, "${name} = '' and ${name} != ''"],
    [{ q: 'sex', notEquals: 'male' }, "${sex} != 'male' and ${sex} != ''"],
    [{ q: 'age', notEquals: 3 }, "${age} != 3 and ${age} != ''"],
    [{ q: 'name', notEquals: '' }, "not(${name} = '')"],
    [{ q: 'sex', oneOf: ['male', 'female'] }, "selected(${sex}, 'male') or selected(${sex}, 'female')"],
    [{ q: 'channels', oneOf: ['phone'] }, "selected(${channels}, 'phone')"],
    [{ q: 'age', oneOf: [1, 2] }, '${age} = 1 or ${age} = 2'],
    [{ q: 'sex', oneOf: ['male', 3, true] }, "selected(${sex}, 'male') or ${sex} = 3 or ${sex} = true()"],
    [{ q: 'channels', includes: 'phone' }, "selected(${channels}, 'phone')"],
    [{ q: 'age', gt: 17 }, '${age} > 17'],
    [{ q: 'age', gte: 18 }, '${age} >= 18'],
    [{ q: 'age', lt: 65 }, '${age} < 65'],
    [{ q: 'age', lte: 64 }, '${age} <= 64'],
    [{ q: 'name', answered: true }, "${name} != ''"],
    [{ q: 'rating', answered: false }, "${rating} = ''"],
    [{ q: 'rating', row: 'health', equals: '4' }, "${rating_health} = '4'"],
    [{ not: { q: 'sex', equals: 'male' } }, "not(${sex} = 'male')"],
    [{ all: [{ q: 'sex', equals: 'male' }, { q: 'age', gt: 17 }] }, "${sex} = 'male' and ${age} > 17"],
    [{ any: [{ q: 'sex', equals: 'male' }, { q: 'age', gt: 17 }] }, "${sex} = 'male' or ${age} > 17"],
    [{ all: [{ q: 'sex', equals: 'male' }] }, "${sex} = 'male'"],
    [
      { all: [{ any: [{ q: 'age', gt: 60 }, { q: 'age', lt: 18 }] }, { q: 'sex', oneOf: ['male', 'female'] }] },
      "(${age} > 60 or ${age} < 18) and (selected(${sex}, 'male') or selected(${sex}, 'female'))",
    ],
    [
      { any: [{ all: [{ q: 'age', gt: 60 }, { q: 'sex', equals: 'male' }] }, { q: 'sex', notEquals: 'male' }] },
      "(${age} > 60 and ${sex} = 'male') or (${sex} != 'male' and ${sex} != '')",
    ],
    [
      { all: [{ all: [{ q: 'age', gt: 1 }, { q: 'age', lt: 9 }] }, { q: 'name', answered: true }] },
      "(${age} > 1 and ${age} < 9) and ${name} != ''",
    ],
    [{ not: { any: [{ q: 'age', gt: 1 }, { q: 'age', lt: 0 }] } }, 'not(${age} > 1 or ${age} < 0)'],
  ];
  it.each(cases)('%j', (condition, expected) => {
    expect(print(condition)).toBe(expected);
  });

  it('names a matrix row through the name function', () => {
    expect(conditionToExpression({ q: 'm', row: 'r', equals: 'x' }, (q, row) => `${q}__${row ?? 'whole'}`)).toBe("${m__r} = 'x'");
    expect(conditionToExpression({ q: 'm', answered: true }, (q, row) => `${q}__${row ?? 'whole'}`)).toBe("${m__whole} != ''");
  });
});

// ---------------------------------------------------------------------------------------------
// Constraints

describe('constraintToRules', () => {
  const cases: [self: string, expr: string, expected: ConstraintRules][] = [
    ['age', '. >= 18', { min: 18 }],
    ['age', '. > 17', { min: 18 }],
    ['age', '. > 17.5', { min: 18 }],
    ['age', '. >= 17.5', { min: 18 }],
    ['age', '. <= 99', { max: 99 }],
    ['age', '. < 100', { max: 99 }],
    ['age', '. <= 99.5', { max: 99 }],
    ['age', '. < 99.5', { max: 99 }],
    ['age', '18 <= .', { min: 18 }],
    ['age', '. >= 18 and . <= 99', { min: 18, max: 99 }],
    ['age', '. >= 18 and . >= 21 and . <= 99 and . < 80', { min: 21, max: 79 }],
    ['age', '. >= -5', { min: -5 }],
    ['income', '. >= 0.5 and . <= 10', { min: 0.5, max: 10 }],
    ['income', '. > 0', { condition: { q: 'income', gt: 0 } }],
    ['income', '. >= 0 and . < 10', { min: 0, condition: { q: 'income', lt: 10 } }],
    ['visit', ". >= date('2020-01-01')", { minDate: '2020-01-01' }],
    ['visit', ". > date('2020-12-31')", { minDate: '2021-01-01' }],
    ['visit', ". < date('2024-03-01')", { maxDate: '2024-02-29' }],
    ['visit', ". <= date('2024-03-01')", { maxDate: '2024-03-01' }],
    ['visit', '. <= today()', { maxDate: 'today' }],
    ['visit', 'today() >= .', { maxDate: 'today' }],
    ['visit', ". >= today() and . <= date('2030-01-01')", { minDate: 'today', maxDate: '2030-01-01' }],
    ['visit', ". >= date('2020-01-01') and . >= date('2021-06-01')", { minDate: '2021-06-01' }],
    ['visit', ". != date('2020-01-01')", { condition: { not: { q: 'visit', equals: '2020-01-01' } } }],
    ['name', 'string-length(.) <= 20', { maxLength: 20 }],
    ['name', 'string-length(.) < 21', { maxLength: 20 }],
    ['comment', 'string-length(.) <= 500', { maxLength: 500 }],
    ['name', 'string-length(.) > 0', { condition: { q: 'name', answered: true } }],
    ['channels', 'count-selected(.) >= 2', { minSelected: 2 }],
    ['channels', 'count-selected(.) > 1', { minSelected: 2 }],
    ['channels', 'count-selected(.) <= 3', { maxSelected: 3 }],
    ['channels', 'count-selected(.) < 3', { maxSelected: 2 }],
    ['channels', 'count-selected(.) = 2', { minSelected: 2, maxSelected: 2 }],
    ['channels', 'count-selected(.) >= 0', {}],
    ['channels', "count-selected(.) <= 2 and not(selected(., 'post'))", { maxSelected: 2, condition: { not: { q: 'channels', includes: 'post' } } }],
    // regex(): whole-answer pattern for the engine
    ['name', "regex(., '^[0-9]{5}$')", { pattern: '[0-9]{5}' }],
    ['name', "regex(., '[0-9]')", { pattern: '[\\s\\S]*(?:[0-9])[\\s\\S]*' }],
    ['name', "regex(., '^0')", { pattern: '(?:0)[\\s\\S]*' }],
    ['name', "regex(., 'x$')", { pattern: '[\\s\\S]*(?:x)' }],
    ['name', "regex(., 'a\\$')", { pattern: '[\\s\\S]*(?:a\\$)[\\s\\S]*' }],
    ['name', "regex(., '^a\\\\$')", { pattern: 'a\\\\' }],
    ['name', "regex(., '^a|b$')", { pattern: '[\\s\\S]*(?:^a|b$)[\\s\\S]*' }],
    ['name', "regex(., '^(a|b)$')", { pattern: '(a|b)' }],
    ['name', "regex(., '^[|]$')", { pattern: '[|]' }],
    ['name', "regex(., '^[0-9]+$') and string-length(.) <= 10", { pattern: '[0-9]+', maxLength: 10 }],
    // everything else is the condition, `.` read as the question itself
    ['age', '. != 50', { condition: { not: { q: 'age', equals: 50 } } }],
    ['age', ". >= 18 and ${sex} = 'male'", { min: 18, condition: { q: 'sex', equals: 'male' } }],
    [
      'age',
      ". >= 18 and ${sex} = 'male' and . != 50",
      { min: 18, condition: { all: [{ q: 'sex', equals: 'male' }, { not: { q: 'age', equals: 50 } }] } },
    ],
    ['age', ". > 17 or ${sex} = 'female'", { condition: { any: [{ q: 'age', gt: 17 }, { q: 'sex', equals: 'female' }] } }],
    ['age', 'not(. > 17)', { condition: { not: { q: 'age', gt: 17 } } }],
    ['age', '(. >= 18 and . <= 99)', { min: 18, max: 99 }],
    [
      'age',
      "(. >= 18 and . <= 99) and ${sex} = 'male'",
      { condition: { all: [{ all: [{ q: 'age', gte: 18 }, { q: 'age', lte: 99 }] }, { q: 'sex', equals: 'male' }] } },
    ],
    ['age', '${age} >= 18', { condition: { q: 'age', gte: 18 } }],
    ['age', "${age} != 3 and ${age} != ''", { condition: { q: 'age', notEquals: 3 } }],
    ['sex', ". != 'other'", { condition: { not: { q: 'sex', equals: 'other' } } }],
    ['rating_health', ". != '5'", { condition: { not: { q: 'rating', row: 'health', equals: '5' } } }],
  ];
  it.each(cases)('on %s: %s', (self, expr, expected) => {
    expect(constraintToRules(expr, on(self))).toEqual({ ok: true, value: expected });
  });

  it('makes patterns that the engine applies as XPath regex() finds them', () => {
    const check = (p: string, answers: string[]) => {
      const rules = value(constraintToRules(`regex(., '${p}')`, on('name')));
      const engine = new RegExp(`^(?:${rules.pattern!})$`, 'u');
      const xpath = new RegExp(p, 'u');
      for (const a of answers) expect([p, a, engine.test(a)]).toEqual([p, a, xpath.test(a)]);
    };
    const answers = ['12345', 'a12345b', '123', 'abc', 'a', 'b', 'ab', 'ba', 'xa', 'bx', 'line1\nline2 9', '0x', 'x0', 'x', '|', 'a$', 'a\\'];
    for (const p of ['^[0-9]{5}$', '[0-9]', '^0', 'x$', '^a|b$', '^(a|b)$', '^[|]$', 'a\\$', '^a\\\\$', '\\d{3}', '(?<=a)b', '^$', 'b\\b', '^.*$'])
      check(p, answers);
  });
});

// ---------------------------------------------------------------------------------------------
// Refusals

/** English words of `en` that must not be left in the Vietnamese text. */
function englishWordsIn(vi: string, en: string): string[] {
  const strip = (s: string) =>
    s
      .replace(/"[^"]*"/g, ' ')
      .replace(/'[^']*'/g, ' ')
      .replace(/\$\{[^}]*\}/g, ' ')
      .replace(/[A-Za-z][\w:-]*\([^)]*\)/g, ' ');
  const english = new Set((strip(en).match(/[A-Za-z]{3,}/g) ?? []).map((w) => w.toLowerCase()));
  english.delete('yyyy');
  return (strip(vi).match(/[A-Za-z]+/g) ?? []).filter((w) => english.has(w.toLowerCase()));
}

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

/** Checks a refusal: both languages, the same position and quoted part, and returns them. */
function refusal(r: ExprResult<unknown>): { en: string; vi: string; position: number; part: string } {
  expect(r.ok).toBe(false);
  const message = (r as { message: Text }).message;
  const en = /^(.+) \(at character (\d+) of "(.*)"\)$/s.exec(message.en);
  const vi = /^(.+) \(tại ký tự (\d+) của "(.*)"\)$/s.exec(message.vi);
  expect(en, message.en).not.toBeNull();
  expect(vi, message.vi).not.toBeNull();
  expect(vi![2]).toBe(en![2]);
  expect(vi![3]).toBe(en![3]);
  expect(vi![1]).toMatch(VIETNAMESE);
  expect(englishWordsIn(vi![1]!, en![1]!), message.vi).toEqual([]);
  return { en: en![1]!, vi: vi![1]!, position: Number(en![2]), part: en![3]! };
}

describe('refusals', () => {
  type Case = [expr: string, en: RegExp, vi: RegExp, position: number, part: string];
  const relevantCases: Case[] = [
    // unknown functions
    ["pulldata('households', 'size', 'id', ${name}) > 3", /^the function pulldata\(\) is not supported$/, /^không hỗ trợ hàm pulldata\(\)$/, 1, "pulldata('households', 'size', 'id', ${…"],
    ["jr:choice-name(${sex}, '${sex}') = 'Nam'", /jr:choice-name\(\) is not supported/, /hàm jr:choice-name\(\)/, 1, "jr:choice-name(${sex}, '${sex}')"],
    ['position(..) > 1', /position\(\) is not supported/, /hàm position\(\)/, 1, 'position(..)'],
    ["indexed-repeat(${name}, ${rep}, 1) = 'a'", /indexed-repeat\(\) is not supported/, /hàm indexed-repeat\(\)/, 1, 'indexed-repeat(${name}, ${rep}, 1)'],
    ['${age} > once(3)', /once\(\) is not supported/, /hàm once\(\)/, 10, 'once(3)'],
    ["if(${age} > 3, 'a', 'b') = 'a'", /if\(\) is not supported/, /hàm if\(\)/, 1, "if(${age} > 3, 'a', 'b')"],
    ['toString(${age}) = 1', /toString\(\) is not supported/, /hàm toString\(\)/, 1, 'toString(${age})'],
    ['constructor() and ${age} = 1', /constructor\(\) is not supported/, /hàm constructor\(\)/, 1, 'constructor()'],
    // names
    ["${nope} = 'a'", /no question named "nope"/, /không có câu hỏi nào tên "nope"/, 1, '${nope}'],
    ["${sex} = 'a' and ${intro} != ''", /\$\{intro\} is a note and has no answer/, /\$\{intro\} là ghi chú/, 18, '${intro}'],
    [". = 'a'", /"\." \(this question\) cannot be used here/, /không dùng được "\."/, 1, '.'],
    ["${rating} = '1'", /\$\{rating\} is a matrix: compare one of its rows/, /câu hỏi dạng bảng/, 1, '${rating}'],
    ["${channels} = 'phone'", /multiple choice question: use selected/, /nhiều lựa chọn: hãy dùng selected/, 1, "${channels} = 'phone'"],
    ["selected(${name}, 'a')", /selected\(\) applies to choice questions/, /chỉ dùng cho câu hỏi lựa chọn/, 1, "selected(${name}, 'a')"],
    // comparisons the engine cannot make
    ['${age} > ${income}', /comparing two answers/, /so sánh hai câu trả lời/, 1, '${age} > ${income}'],
    ["'a' = 'a'", /comparing two constants/, /hai hằng số/, 1, "'a' = 'a'"],
    ["${name} > 'm'", /\$\{name\} is not a number question: ">" cannot compare it/, /không phải câu hỏi dạng số/, 1, "${name} > 'm'"],
    ["${sex} >= 3", /\$\{sex\} is not a number question/, /không phải câu hỏi dạng số/, 1, '${sex} >= 3'],
    ["${age} > 'many'", /">" needs a number/, /cần một số/, 10, "'many'"],
    ["${age} = 'many'", /\$\{age\} is a number question/, /là câu hỏi dạng số/, 10, "'many'"],
    ["${visit} > date('2020-01-01')", /dates can be compared with < and > only in the constraint/, /chỉ so sánh ngày/, 1, "${visit} > date('2020-01-01')"],
    ['${visit} <= today()', /today\(\) cannot be used in a relevant/, /today\(\) trong điều kiện hiển thị/, 13, 'today()'],
    ["${visit} = date('2020-02-30')", /date\(\) needs a real date/, /hàm date\(\) cần một ngày có thật/, 12, "date('2020-02-30')"],
    ['${age} + 1 > 18', /arithmetic on answers/, /phép tính trên câu trả lời/, 1, '${age} + 1'],
    ['-${age} < 0', /arithmetic on answers/, /phép tính trên câu trả lời/, 1, '-${age}'],
    ['${age} > 1 div 0', /no finite number/, /không cho ra một số hữu hạn/, 10, '1 div 0'],
    ["${age} > 'a' + 1", /arithmetic needs numbers/, /chỉ áp dụng cho số/, 10, "'a' + 1"],
    ['count-selected(${channels}) >= 2', /count-selected\(\) can only test here whether the question is answered/, /kiểm tra câu hỏi đã được trả lời/, 1, 'count-selected(${channels}) >= 2'],
    ['string-length(${name}) > 5', /string-length\(\) can only test here/, /hàm string-length\(\)/, 1, 'string-length(${name}) > 5'],
    ['count-selected(${channels}) >= 0', /can only test here/, /chỉ dùng để kiểm tra/, 1, 'count-selected(${channels}) >= 0'],
    ['count-selected(${age}) > 0', /count-selected\(\) applies to choice questions/, /chỉ dùng cho câu hỏi lựa chọn/, 1, 'count-selected(${age})'],
    ["regex(${name}, '[0-9]')", /regex\(\) is supported only in the constraint/, /chỉ dùng được hàm regex\(\)/, 1, "regex(${name}, '[0-9]')"],
    ["${sex} = 'a' = 'b'", /a comparison of a comparison/, /kết quả của một phép so sánh/, 1, "${sex} = 'a' ="],
    ["(${sex} = 'a') = true()", /comparing the result of a condition/, /kết quả của một điều kiện/, 1, "(${sex} = 'a')"],
    ['selected(${channels})', /selected\(\) takes 2 arguments, not 1/, /hàm selected\(\) cần 2 đối số, không phải 1/, 1, 'selected(${channels})'],
    ["concat('a') = ${name}", /concat\(\) takes at least 2 arguments, not 1/, /cần ít nhất 2 đối số/, 1, "concat('a')"],
    // not conditions
    ['true()', /always true or always false/, /luôn đúng hoặc luôn sai/, 1, 'true()'],
    ['${sex}', /an answer alone is not a condition/, /riêng một câu trả lời/, 1, '${sex}'],
    ["'yes'", /a value, not a condition/, /một giá trị, không phải một điều kiện/, 1, "'yes'"],
    ['${age} > 3 and 5', /a value, not a condition/, /không phải một điều kiện/, 16, '5'],
    // syntax
    ["(${sex} = 'a'", /the parenthesis is not closed/, /dấu ngoặc chưa được đóng/, 1, "(${sex} = 'a'"],
    ["not(${sex} = 'a'", /the parenthesis is not closed/, /thiếu "\)"/, 4, "(${sex} = 'a'"],
    ["${sex} = 'a", /the text in quotes is not closed/, /chuỗi trong dấu nháy chưa được đóng/, 10, "'a"],
    ['${sex} = "a', /the text in quotes is not closed/, /chuỗi trong dấu nháy/, 10, '"a'],
    ["${sex} = 'a')", /"\)" is not expected here/, /"\)" đặt sai chỗ/, 13, ')'],
    ["${sex} = 'a' ${age}", /"\$\{age\}" is not expected here/, /đặt sai chỗ/, 14, '${age}'],
    ["${sex} = 'a' and", /a value is missing after "and"/, /thiếu giá trị sau "and"/, 14, 'and'],
    ['${sex} =', /a value is missing after "="/, /thiếu giá trị sau "="/, 8, '='],
    ['', /the expression is empty/, /biểu thức trống/, 1, ''],
    ['   ', /the expression is empty/, /biểu thức trống/, 1, ''],
    ["${sex = 'a'", /"\$\{" is not closed with "\}"/, /thiếu dấu "\}" để đóng/, 1, "${sex = 'a'"],
    ["${a b} = 'a'", /"\$\{a b\}" does not hold a valid name/, /không chứa một tên hợp lệ/, 1, '${a b}'],
    ["${sex = 'a'}", /does not hold a valid name/, /tên hợp lệ/, 1, "${sex = 'a'}"],
    ['${age', /"\$\{" is not closed/, /thiếu dấu "\}"/, 1, '${age'],
    ["$sex = 'a'", /"\$" is not followed by "\{"/, /sau "\$" thiếu "\{"/, 1, '$'],
    ["/data/sex = 'a'", /paths \("\/…" or "\.\."\) are not supported/, /không hỗ trợ đường dẫn/, 1, '/'],
    ["${sex} = 'a' # comment", /the character "#" is not allowed/, /không được dùng ký tự "#"/, 14, '#'],
    ["${sex} == 'a'", /"=" is not expected here/, /"=" đặt sai chỗ/, 9, '='],
    ["${sex} = 'a' AND ${age} > 3", /"AND" is not expected here/, /đặt sai chỗ/, 14, 'AND'],
    ["sex = 'a'", /"sex" is neither a function nor a question: write \$\{sex\}/, /hãy viết \$\{sex\}/, 1, 'sex'],
    ["${sex} = 'a' or or ${age} > 1", /"or" is not expected here/, /"or" đặt sai chỗ/, 17, 'or'],
    // positions count characters, not UTF-16 units
    ["${name} = '😀' and ${nope} = 1", /no question named "nope"/, /không có câu hỏi nào tên "nope"/, 19, '${nope}'],
    ["${name} = 'Hà Nội' and pulldata('x')", /pulldata\(\)/, /pulldata\(\)/, 24, "pulldata('x')"],
  ];
  it.each(relevantCases)('relevant %j', (expr, en, vi, position, part) => {
    const r = refusal(relevantToCondition(expr, ctx));
    expect(r.en).toMatch(en);
    expect(r.vi).toMatch(vi);
    expect(r.position).toBe(position);
    expect(r.part).toBe(part);
  });

  const constraintCases: [self: string, ...Case][] = [
    ['visit', '. < today()', /a bound on today includes today/, /phải tính cả hôm nay/, 1, '. < today()'],
    ['visit', '. >= today() - 30', /arithmetic on dates/, /phép tính với ngày tháng/, 6, 'today() - 30'],
    ['visit', ". >= '2020-01-01'", /write a date as date\('YYYY-MM-DD'\)/, /hãy viết ngày dạng date/, 6, "'2020-01-01'"],
    ['visit', ". >= today() and . >= date('2020-01-01')", /cannot be combined/, /không kết hợp được/, 18, ". >= date('2020-01-01')"],
    ['visit', '${age} = today()', /today\(\) can only bound the date question itself/, /hàm today\(\) chỉ dùng để giới hạn/, 10, 'today()'],
    ['name', "regex(., '(')", /does not compile in JavaScript with the u flag/, /không dịch được với cờ u/, 10, "'('"],
    ['name', "regex(., '\\p{Foo}')", /u flag/, /cờ u/, 10, "'\\p{Foo}'"],
    ['name', "regex(${name}, 'a')", /only on the question itself/, /trên chính câu hỏi/, 7, '${name}'],
    ['comment', "regex(., 'a')", /short text questions only/, /văn bản ngắn/, 1, "regex(., 'a')"],
    ['name', "regex(., 'a') and regex(., 'b')", /only one regex\(\) per constraint/, /một hàm regex\(\)/, 19, "regex(., 'b')"],
    ['name', "regex(., 'a') or . = 'b'", /regex\(\) is supported only in the constraint/, /chỉ dùng được hàm regex\(\)/, 1, "regex(., 'a')"],
    ['name', "not(regex(., 'a'))", /regex\(\) is supported only/, /regex\(\)/, 5, "regex(., 'a')"],
    ['name', 'regex(., ${name})', /the pattern of regex\(\) must be written in quotes/, /phải viết trong dấu nháy/, 10, '${name}'],
    ['name', 'string-length(.) < 1', /leaves no possible answer/, /không để lại câu trả lời nào/, 1, 'string-length(.) < 1'],
    ['channels', 'count-selected(.) <= 0', /leaves no possible answer/, /không để lại/, 1, 'count-selected(.) <= 0'],
    ['channels', 'count-selected(.) = 1.5', /leaves no possible answer/, /không để lại/, 1, 'count-selected(.) = 1.5'],
    ['age', '. + 1 > 3', /arithmetic on answers/, /phép tính trên câu trả lời/, 1, '. + 1'],
    ['age', ". > 'x'", /">" needs a number/, /cần một số/, 5, "'x'"],
  ];
  it.each(constraintCases)('constraint on %s %j', (self, expr, en, vi, position, part) => {
    const r = refusal(constraintToRules(expr, on(self)));
    expect(r.en).toMatch(en);
    expect(r.vi).toMatch(vi);
    expect(r.position).toBe(position);
    expect(r.part).toBe(part);
  });

  it('refuses "." in a constraint without a question to stand for', () => {
    expect(refusal(constraintToRules('. >= 1', ctx)).en).toMatch(/"\." \(this question\) cannot be used here/);
  });

  it('shortens a long quoted part with an ellipsis', () => {
    const r = refusal(relevantToCondition(`pulldata('${'x'.repeat(80)}')`, ctx));
    expect(r.part).toBe(`pulldata('${'x'.repeat(29)}…`);
    expect(Array.from(r.part)).toHaveLength(40);
  });
});

describe('hostile input', () => {
  it('accepts 100 levels of parentheses and refuses 101, without throwing', () => {
    const nest = (n: number) => '('.repeat(n) + "${sex} = 'a'" + ')'.repeat(n);
    expect(relevant(nest(100))).toEqual({ q: 'sex', equals: 'a' });
    const r = refusal(relevantToCondition(nest(101), ctx));
    expect(r.en).toMatch(/nested too deeply \(more than 100 levels/);
    expect(r.vi).toMatch(/lồng nhau quá sâu/);
    expect(r.position).toBe(101);
  });

  it('refuses deep not() and function nesting', () => {
    const r = refusal(relevantToCondition('not('.repeat(500) + "${sex} = 'a'" + ')'.repeat(500), ctx));
    expect(r.en).toMatch(/nested too deeply/);
    expect(r.position).toBe(401);
    expect(refusal(relevantToCondition('${age} > ' + 'concat('.repeat(300), ctx)).en).toMatch(/nested too deeply/);
  });

  it('refuses 1 MB of input by its length, quickly', () => {
    for (const big of ["${sex} = 'a' or ".repeat(70_000) + "${sex} = 'b'", '('.repeat(1 << 20), "'".repeat(1 << 20)]) {
      const started = Date.now();
      const r = refusal(relevantToCondition(big, ctx));
      expect(r.en).toMatch(/^the expression is too long: [\d,]+ characters, at most 10,000$/);
      expect(r.vi).toMatch(/^biểu thức quá dài: [\d.]+ ký tự, tối đa 10\.000 ký tự$/);
      expect(r.position).toBe(10_001);
      expect(refusal(constraintToRules(big, on('age'))).position).toBe(10_001);
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });

  it('reads a long flat expression up to the limit', () => {
    const term = "${age} = 1 or ${sex} = 'a' or ";
    const expr = term.repeat(Math.floor((10_000 - 20) / term.length)) + '${age} > 99';
    expect(expr.length).toBeLessThanOrEqual(10_000);
    const c = relevant(expr);
    expect(c.any).toHaveLength(2 * Math.floor((10_000 - 20) / term.length) + 1);
    const minus = '${age} > ' + '-'.repeat(9_000) + '1';
    expect(relevant(minus)).toEqual({ q: 'age', gt: 1 });
    expect(relevant(minus.replace('-', ''))).toEqual({ q: 'age', gt: -1 });
  });

  it('never throws on arbitrary text or on soups of tokens', () => {
    const pieces = ['${sex}', '${age}', '.', "'a'", '"b"', '1', '-2.5', '=', '!=', '<', '>=', 'and', 'or', 'not(', 'selected(', 'count-selected(', 'today()', 'date(', '(', ')', ',', '+', 'div', '*', ' ', '${', '}', "'"];
    const soup = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((xs) => xs.join(' '));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), soup), fc.constantFrom('sex', 'age', 'visit', 'name', 'channels'), (expr, self) => {
        for (const r of [relevantToCondition(expr, ctx), relevantToCondition(expr, on(self)), constraintToRules(expr, on(self))]) {
          if (!r.ok) {
            expect(r.message.en).toMatch(/\(at character \d+ of ".*"\)$/s);
            expect(r.message.vi).toMatch(/\(tại ký tự \d+ của ".*"\)$/s);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Round trips: the shipped questionnaires

/** Every name a definition's expressions use: questions, and matrix rows as `${matrix}_${row}`. */
function contextOf(def: Definition): ExprContext {
  const names = new Map<string, NameRef>();
  const add = (name: string, ref: NameRef) => {
    expect(names.has(name), `the name "${name}" is used twice`).toBe(false);
    names.set(name, ref);
  };
  for (const s of def.sections)
    for (const q of s.questions) {
      add(q.id, { q: q.id, type: q.type });
      if (q.type === 'matrix') for (const r of rowsOf(def, q)) add(nameOf(q.id, r.value), { q: q.id, row: r.value, type: 'matrix' });
    }
  return { resolve: (name) => names.get(name) };
}

describe.each(shippedDefinitions().map((s) => [s.file, s.definition] as const))('%s', (_file, def) => {
  const context = contextOf(def);
  const relevants: { where: string; c: Condition }[] = [];
  const constraints: { where: string; c: Condition; self: NameRef }[] = [];
  for (const s of def.sections) {
    if (s.visibleIf) relevants.push({ where: `section ${s.id}`, c: s.visibleIf });
    for (const q of s.questions) {
      if (q.visibleIf) relevants.push({ where: `question ${q.id}`, c: q.visibleIf });
      if (isAnswerable(q))
        for (const [i, k] of (q.constraints ?? []).entries())
          constraints.push({ where: `question ${q.id} constraint ${i}`, c: k.test, self: { q: q.id, type: q.type } });
    }
  }

  it('has conditions to try', () => {
    expect(relevants.length + constraints.length).toBeGreaterThan(0);
  });
  if (relevants.length > 0)
    it.each(relevants.map((r) => [r.where, r.c] as const))('relevant of %s reads back', (_where, c) => {
      expect(relevantToCondition(print(c), context)).toEqual({ ok: true, value: c });
    });
  if (constraints.length > 0)
    it.each(constraints.map((r) => [r.where, r.c, r.self] as const))('%s reads back', (_where, c, self) => {
      const expr = print(c);
      expect(relevantToCondition(expr, context)).toEqual({ ok: true, value: c });
      expect(constraintToRules(expr, { ...context, self })).toEqual({ ok: true, value: { condition: c } });
    });
});

// ---------------------------------------------------------------------------------------------
// Round trips: generated conditions

const SEX = ['male', 'female', 'other'];
const CHANNELS = ['phone', 'online', 'post', 'in-person'];
const SCALE = ['1', '2', '3', '4'];

type Options = { booleans: boolean };

/** Conditions on the fake form that the definition checks accept (check.ts). */
function conditions({ booleans }: Options): fc.Arbitrary<Condition> {
  const date = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const text = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("it's", 'say "hi"', `it's "x"`, 'Hà Nội', '', ' a b '));
  const int = fc.integer({ min: -1000, max: 1000 });
  const num = fc.oneof(int, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-0, 1e-7, 1.5e21, 0.1));
  const scalars = <T,>(q: Record<string, string>, v: fc.Arbitrary<T>, ops: ('equals' | 'notEquals' | 'oneOf')[]) =>
    fc.oneof(...ops.map((op) => (op === 'oneOf' ? fc.array(v, { minLength: 1, maxLength: 4 }).map((xs) => ({ ...q, oneOf: xs })) : v.map((x) => ({ ...q, [op]: x })))));
  const answered = (q: Record<string, string>) => fc.boolean().map((b) => ({ ...q, answered: b }));
  const order = (q: Record<string, string>, v: fc.Arbitrary<number>) =>
    fc.tuple(fc.constantFrom('gt', 'gte', 'lt', 'lte'), v).map(([op, x]) => ({ ...q, [op]: x }));
  const row = fc.constantFrom('health', 'education').map((r) => ({ q: 'rating', row: r }));
  const comparison = fc.oneof(
    scalars({ q: 'sex' }, fc.constantFrom(...SEX), ['equals', 'notEquals', 'oneOf']),
    answered({ q: 'sex' }),
    fc.constantFrom(...CHANNELS).map((v) => ({ q: 'channels', includes: v })),
    fc.array(fc.constantFrom(...CHANNELS), { minLength: 1, maxLength: 4 }).map((xs) => ({ q: 'channels', oneOf: xs })),
    answered({ q: 'channels' }),
    scalars({ q: 'age' }, int, ['equals', 'notEquals', 'oneOf']),
    order({ q: 'age' }, int),
    scalars({ q: 'income' }, num, ['equals', 'notEquals', 'oneOf']),
    order({ q: 'income' }, num),
    answered({ q: 'income' }),
    scalars({ q: 'name' }, booleans ? fc.oneof(text, fc.boolean()) : text, ['equals', 'notEquals']),
    answered({ q: 'name' }),
    scalars({ q: 'comment' }, text, ['equals', 'notEquals']),
    scalars({ q: 'visit' }, date, ['equals', 'notEquals', 'oneOf']),
    answered({ q: 'visit' }),
    row.chain((r) => fc.oneof(scalars(r, fc.constantFrom(...SCALE), ['equals', 'notEquals', 'oneOf']), answered(r))),
    answered({ q: 'rating' }),
  ) as fc.Arbitrary<Condition>;
  return fc.letrec<{ c: Condition }>((tie) => ({
    c: fc.oneof(
      { maxDepth: 4, depthSize: 'small', withCrossShrink: true },
      comparison,
      fc.array(tie('c'), { minLength: 1, maxLength: 4 }).map((xs) => ({ all: xs })),
      fc.array(tie('c'), { minLength: 1, maxLength: 4 }).map((xs) => ({ any: xs })),
      tie('c').map((x) => ({ not: x })),
    ),
  })).c;
}

const typeOf = (c: { q: string; row?: string | undefined }) => FORM[c.row === undefined ? c.q : nameOf(c.q, c.row)]!.type;

/** The normal form of the header of expression.ts: what printing then reading gives back. */
function normal(c: Condition): Condition {
  if (c.all !== undefined) {
    const xs = c.all.map(normal);
    return xs.length === 1 ? xs[0]! : { all: xs };
  }
  if (c.any !== undefined) {
    const xs = c.any.map(normal);
    if (xs.length === 1) return xs[0]!;
    const first = xs[0]!;
    const members = xs.every(
      (x) =>
        x.q !== undefined &&
        x.q === first.q &&
        x.row === first.row &&
        (x.equals !== undefined || x.includes !== undefined) &&
        !['text', 'longtext'].includes(typeOf(x)),
    );
    if (members && first.q !== undefined)
      return { ...target(first), oneOf: xs.map((x) => (x.equals ?? x.includes)!) };
    return { any: xs };
  }
  if (c.not !== undefined) return { not: normal(c.not) };
  const t = target(c);
  if (c.oneOf !== undefined && c.oneOf.length === 1) {
    const v = c.oneOf[0]!;
    return typeof v === 'string' && typeOf(c) === 'multiple' ? { ...t, includes: v } : { ...t, equals: v };
  }
  if (c.equals === '') return { all: [{ ...t, answered: false }, { ...t, answered: true }] };
  if (c.notEquals === '') return { not: { ...t, answered: false } };
  return c;
}
function target(c: Condition): { q: string } | { q: string; row: string } {
  return c.row === undefined ? { q: c.q! } : { q: c.q!, row: c.row };
}

/** Answers to the fake form, as a form would hold them. */
const answers: fc.Arbitrary<Answers> = fc.record(
  {
    sex: fc.constantFrom(...SEX),
    channels: fc.subarray(CHANNELS, { minLength: 1 }),
    age: fc.integer({ min: -1000, max: 1000 }),
    income: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0.1, 1e-7, -0)),
    name: fc.oneof(fc.string({ maxLength: 6 }).filter((s) => s.trim() === s && s !== ''), fc.constantFrom("it's", 'Hà Nội', 'a b', 'true')),
    comment: fc.constantFrom('x', 'long text'),
    visit: fc.constantFrom('2020-01-01', '2024-02-29', '2031-07-15'),
    rating: fc.dictionary(fc.constantFrom('health', 'education'), fc.constantFrom(...SCALE)).filter((r) => Object.keys(r).length > 0),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Answers>;

describe('generated conditions', () => {
  it('read back as their normal form, which reads back as itself', () => {
    fc.assert(
      fc.property(conditions({ booleans: true }), (c) => {
        const expr = print(c);
        const back = relevantToCondition(expr, ctx);
        expect(back, expr).toEqual({ ok: true, value: normal(c) });
        expect(relevantToCondition(print(normal(c)), ctx)).toEqual({ ok: true, value: normal(c) });
      }),
      { numRuns: 1500 },
    );
  });

  it('keep their meaning to the engine through printing and reading', () => {
    fc.assert(
      fc.property(conditions({ booleans: true }), answers, (c, a) => {
        const back = value(relevantToCondition(print(c), ctx));
        expect(evaluate(back, a)).toBe(evaluate(c, a));
      }),
      { numRuns: 1500 },
    );
  });

  it('print as XPath that means what the engine means', () => {
    fc.assert(
      fc.property(conditions({ booleans: false }), answers, (c, a) => {
        const expr = print(c);
        expect(xpath(expr, a), expr).toBe(evaluate(c, a));
      }),
      { numRuns: 2000 },
    );
  });

  it('print as XPath that means what the engine means, on the usual questions', () => {
    // A hand-picked set on top of the random ones: != on an unanswered question, oneOf on a multiple.
    const cases: [Condition, Answers, boolean][] = [
      [{ q: 'sex', notEquals: 'male' }, {}, false],
      [{ not: { q: 'sex', equals: 'male' } }, {}, true],
      [{ q: 'channels', oneOf: ['post', 'phone'] }, { channels: ['phone', 'online'] }, true],
      [{ q: 'channels', oneOf: ['post'] }, { channels: ['phone', 'online'] }, false],
      [{ q: 'rating', answered: true }, { rating: { health: '2' } }, true],
      [{ q: 'age', lt: 5 }, {}, false],
      [{ not: { q: 'age', lt: 5 } }, {}, true],
    ];
    for (const [c, a, expected] of cases) {
      expect(evaluate(c, a)).toBe(expected);
      expect(xpath(print(c), a)).toBe(expected);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// A small XPath 1.0 evaluator for printed expressions, on answers as ODK holds them: a question's
// value is its text ('' when unanswered, a multiple choice's codes joined by spaces, a matrix's
// rows' codes joined), compared as text with a text and as a number with a number.

type XValue = { node: string } | { str: string } | { num: number } | { bool: boolean };

function nodeText(v: AnswerValue | undefined): string {
  if (v === undefined) return '';
  if (Array.isArray(v)) return v.join(' ');
  if (typeof v === 'object') return Object.values(v).join('');
  return String(v);
}

function xpath(expr: string, a: Answers): boolean {
  const tokens = expr.match(/\$\{[^}]*\}|'[^']*'|"[^"]*"|\d+(?:\.\d+)?|!=|<=|>=|[=<>(),-]|[a-z][a-z-]*\(?/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const take = (t?: string) => {
    const x = tokens[i++]!;
    if (t !== undefined && x !== t) throw new Error(`expected ${t}, got ${x} in ${expr}`);
    return x;
  };
  const toNum = (v: XValue): number => {
    if ('num' in v) return v.num;
    const s = 'node' in v ? v.node : 'str' in v ? v.str : v.bool ? '1' : '0';
    return s.trim() === '' ? NaN : Number(s);
  };
  const toStr = (v: XValue): string => ('node' in v ? v.node : 'str' in v ? v.str : 'num' in v ? String(v.num) : String(v.bool));
  const toBool = (v: XValue): boolean => ('bool' in v ? v.bool : 'node' in v ? true : 'num' in v ? v.num !== 0 && !Number.isNaN(v.num) : v.str !== '');
  function compare(op: string, l: XValue, r: XValue): boolean {
    if (op === '=' || op === '!=') {
      let eq: boolean;
      if ('bool' in l || 'bool' in r) eq = toBool(l) === toBool(r);
      else if ('num' in l || 'num' in r) eq = toNum(l) === toNum(r);
      else eq = toStr(l) === toStr(r);
      return op === '=' ? eq : !eq;
    }
    const x = toNum(l);
    const y = toNum(r);
    return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
  }
  function or(): XValue {
    let v = and();
    while (peek() === 'or') {
      take();
      const w = and();
      v = { bool: toBool(v) || toBool(w) };
    }
    return v;
  }
  function and(): XValue {
    let v = cmp();
    while (peek() === 'and') {
      take();
      const w = cmp();
      v = { bool: toBool(v) && toBool(w) };
    }
    return v;
  }
  function cmp(): XValue {
    const l = unary();
    const op = peek();
    if (op && ['=', '!=', '<', '<=', '>', '>='].includes(op)) {
      take();
      return { bool: compare(op, l, unary()) };
    }
    return l;
  }
  function unary(): XValue {
    if (peek() === '-') {
      take();
      return { num: -toNum(unary()) };
    }
    return primary();
  }
  function primary(): XValue {
    const t = take();
    if (t.startsWith('${')) {
      const name = t.slice(2, -1);
      const ref = FORM[name]!;
      const v = a[ref.q];
      return { node: nodeText(ref.row !== undefined && v && typeof v === 'object' && !Array.isArray(v) ? v[ref.row] : ref.row !== undefined ? undefined : v) };
    }
    if (t.startsWith("'") || t.startsWith('"')) return { str: t.slice(1, -1) };
    if (/^\d/.test(t)) return { num: Number(t) };
    if (t === '(') {
      const v = or();
      take(')');
      return v;
    }
    const args: XValue[] = [];
    if (t === 'true(' || t === 'false(') {
      take(')');
      return { bool: t === 'true(' };
    }
    if (!t.endsWith('(')) throw new Error(`unexpected ${t} in ${expr}`);
    if (peek() !== ')') {
      args.push(or());
      while (peek() === ',') {
        take();
        args.push(or());
      }
    }
    take(')');
    if (t === 'not(') return { bool: !toBool(args[0]!) };
    if (t === 'concat(') return { str: args.map(toStr).join('') };
    if (t === 'selected(') return { bool: toStr(args[0]!).split(' ').includes(toStr(args[1]!)) };
    throw new Error(`unknown function ${t} in ${expr}`);
  }
  const v = or();
  if (i !== tokens.length) throw new Error(`left over in ${expr}`);
  return toBool(v);
}
