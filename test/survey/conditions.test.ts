import { describe, expect, it } from 'vitest';
import { evaluate, isAnswered, references } from '../../src/survey/conditions';
import type { Answers, Condition } from '../../src/survey/types';

/** Answers as a form would hold them: a single, a multiple, numbers, text, a matrix, a date. */
const answers: Answers = {
  sex: 'female',
  code: '3',
  channels: ['phone', 'online'],
  age: 42,
  income: 7.5,
  zero: 0,
  name: 'Lan',
  blank: '   ',
  none: [],
  rating: { health: '4', education: '2', empty: '' },
  visit: '2025-03-01',
};

type Case = [name: string, condition: Condition, expected: boolean];

const cases: Case[] = [
  // equals / notEquals: strings, numbers, and a string answer compared with a number and back
  ['equals string, same', { q: 'sex', equals: 'female' }, true],
  ['equals string, different', { q: 'sex', equals: 'male' }, false],
  ['equals is case-sensitive', { q: 'sex', equals: 'Female' }, false],
  ['equals number, same', { q: 'age', equals: 42 }, true],
  ['equals number, different', { q: 'age', equals: 41 }, false],
  ['equals number vs string answer "3"', { q: 'code', equals: 3 }, true],
  ['equals string "42" vs number answer', { q: 'age', equals: '42' }, true],
  ['equals string "042" vs number answer 42', { q: 'age', equals: '042' }, false],
  ['equals number 0 on answer 0', { q: 'zero', equals: 0 }, true],
  ['equals on a multiple answer is false', { q: 'channels', equals: 'phone' }, false],
  ['notEquals string, different', { q: 'sex', notEquals: 'male' }, true],
  ['notEquals string, same', { q: 'sex', notEquals: 'female' }, false],
  ['notEquals number vs string answer', { q: 'code', notEquals: 3 }, false],
  ['notEquals number, different', { q: 'age', notEquals: 18 }, true],

  // oneOf on single and multiple answers
  ['oneOf single, in the list', { q: 'sex', oneOf: ['male', 'female'] }, true],
  ['oneOf single, not in the list', { q: 'sex', oneOf: ['male', 'other'] }, false],
  ['oneOf number list vs string answer', { q: 'code', oneOf: [1, 3] }, true],
  ['oneOf number answer', { q: 'age', oneOf: [40, 42] }, true],
  ['oneOf multiple, one selected option in the list', { q: 'channels', oneOf: ['letter', 'online'] }, true],
  ['oneOf multiple, none of the list selected', { q: 'channels', oneOf: ['letter', 'visit'] }, false],

  // includes
  ['includes, selected', { q: 'channels', includes: 'phone' }, true],
  ['includes, not selected', { q: 'channels', includes: 'letter' }, false],
  ['includes on a single answer is false', { q: 'sex', includes: 'female' }, false],
  ['includes on an empty multiple is false', { q: 'none', includes: 'phone' }, false],

  // gt / gte / lt / lte
  ['gt, above', { q: 'age', gt: 41 }, true],
  ['gt, equal', { q: 'age', gt: 42 }, false],
  ['gte, equal', { q: 'age', gte: 42 }, true],
  ['gte, below', { q: 'age', gte: 43 }, false],
  ['lt, below', { q: 'age', lt: 43 }, true],
  ['lt, equal', { q: 'age', lt: 42 }, false],
  ['lte, equal', { q: 'age', lte: 42 }, true],
  ['lte, above', { q: 'age', lte: 41 }, false],
  ['gt on a decimal', { q: 'income', gt: 7.4 }, true],
  ['lte on a decimal', { q: 'income', lte: 7.49 }, false],
  ['gte 0 on answer 0', { q: 'zero', gte: 0 }, true],
  ['gt on a numeric string answer', { q: 'code', gt: 2 }, true],
  ['gt on a non-numeric text is false', { q: 'name', gt: 0 }, false],
  ['lt on a non-numeric text is false', { q: 'name', lt: 1e9 }, false],
  ['gt on a multiple is false', { q: 'channels', gt: 0 }, false],

  // answered
  ['answered true on a single', { q: 'sex', answered: true }, true],
  ['answered false on a single', { q: 'sex', answered: false }, false],
  ['answered true on 0 (zero is an answer)', { q: 'zero', answered: true }, true],
  ['answered true on missing', { q: 'missing', answered: true }, false],
  ['answered false on missing', { q: 'missing', answered: false }, true],
  ['answered on blank text (whitespace only)', { q: 'blank', answered: false }, true],
  ['answered on an empty multiple', { q: 'none', answered: false }, true],
  ['answered on a matrix with some rows', { q: 'rating', answered: true }, true],

  // matrix rows
  ['matrix row equals', { q: 'rating', row: 'health', equals: '4' }, true],
  ['matrix row equals, different', { q: 'rating', row: 'education', equals: '4' }, false],
  ['matrix row equals number', { q: 'rating', row: 'health', equals: 4 }, true],
  ['matrix row oneOf', { q: 'rating', row: 'education', oneOf: ['1', '2'] }, true],
  ['matrix row gte', { q: 'rating', row: 'health', gte: 4 }, true],
  ['matrix row lt', { q: 'rating', row: 'health', lt: 4 }, false],
  ['matrix row answered', { q: 'rating', row: 'health', answered: true }, true],
  ['matrix row empty string is unanswered', { q: 'rating', row: 'empty', answered: false }, true],
  ['matrix row absent is unanswered', { q: 'rating', row: 'transport', answered: false }, true],
  ['matrix row absent: equals is false', { q: 'rating', row: 'transport', equals: '4' }, false],
  ['matrix without row: equals is false', { q: 'rating', equals: '4' }, false],
  ['row on a non-matrix answer is unanswered', { q: 'sex', row: 'health', answered: false }, true],

  // dates are text: equality works
  ['equals on a date', { q: 'visit', equals: '2025-03-01' }, true],

  // comparisons on unanswered questions are false, whatever the operator
  ['unanswered: equals', { q: 'missing', equals: 'a' }, false],
  ['unanswered: notEquals', { q: 'missing', notEquals: 'a' }, false],
  ['unanswered: oneOf', { q: 'missing', oneOf: ['a', 'b'] }, false],
  ['unanswered: includes', { q: 'missing', includes: 'a' }, false],
  ['unanswered: gt', { q: 'missing', gt: -1 }, false],
  ['unanswered: gte', { q: 'missing', gte: -1e9 }, false],
  ['unanswered: lt', { q: 'missing', lt: 1e9 }, false],
  ['unanswered: lte', { q: 'missing', lte: 1e9 }, false],
  ['blank text: notEquals', { q: 'blank', notEquals: 'x' }, false],
  ['empty multiple: oneOf', { q: 'none', oneOf: ['phone'] }, false],
  ['unanswered: not equals → true', { not: { q: 'missing', equals: 'a' } }, true],

  // combinators
  ['all, every part true', { all: [{ q: 'sex', equals: 'female' }, { q: 'age', gte: 18 }] }, true],
  ['all, one part false', { all: [{ q: 'sex', equals: 'female' }, { q: 'age', gte: 60 }] }, false],
  ['any, one part true', { any: [{ q: 'sex', equals: 'male' }, { q: 'age', gte: 18 }] }, true],
  ['any, no part true', { any: [{ q: 'sex', equals: 'male' }, { q: 'age', gte: 60 }] }, false],
  ['not of true', { not: { q: 'sex', equals: 'female' } }, false],
  ['not of false', { not: { q: 'sex', equals: 'male' } }, true],
  ['not not', { not: { not: { q: 'sex', equals: 'female' } } }, true],
  [
    'nested: all [any, not]',
    {
      all: [
        { any: [{ q: 'channels', includes: 'letter' }, { q: 'channels', includes: 'online' }] },
        { not: { q: 'age', lt: 18 } },
      ],
    },
    true,
  ],
  [
    'nested: any [all false, not true]',
    { any: [{ all: [{ q: 'sex', equals: 'female' }, { q: 'missing', answered: true }] }, { not: { q: 'name', equals: 'Lan' } }] },
    false,
  ],
];

describe('evaluate', () => {
  it.each(cases)('%s', (_name, condition, expected) => {
    expect(evaluate(condition, answers)).toBe(expected);
  });

  it('reads no other answer than the one named', () => {
    expect(evaluate({ q: 'age', gt: 18 }, { age: 19, other: 'x' })).toBe(true);
    expect(evaluate({ q: 'age', gt: 18 }, { other: 19 })).toBe(false);
  });
});

describe('isAnswered', () => {
  it.each<[string, Answers[string], boolean]>([
    ['undefined', undefined, false],
    ['empty string', '', false],
    ['whitespace', ' \t', false],
    ['text', 'a', true],
    ['zero', 0, true],
    ['NaN', Number.NaN, false],
    ['Infinity', Number.POSITIVE_INFINITY, false],
    ['empty list', [], false],
    ['list', ['a'], true],
    ['empty matrix', {}, false],
    ['matrix with only empty rows', { r1: '' }, false],
    ['matrix with one row', { r1: '', r2: '3' }, true],
  ])('%s → %s', (_name, value, expected) => {
    expect(isAnswered(value)).toBe(expected);
  });
});

describe('references', () => {
  it('lists every question a nested condition reads, with rows', () => {
    const c: Condition = {
      all: [
        { q: 'a', equals: 'x' },
        { any: [{ q: 'b', gt: 1 }, { not: { q: 'm', row: 'r1', equals: '1' } }] },
      ],
    };
    expect([...references(c)]).toEqual([
      { q: 'a', row: undefined },
      { q: 'b', row: undefined },
      { q: 'm', row: 'r1' },
    ]);
  });
});
