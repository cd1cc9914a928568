import { describe, expect, it } from 'vitest';
import { keptAnswers, otherSelected, progress, resolve, visibility } from '../../src/survey/visibility';
import type { Answers } from '../../src/survey/types';
import { def, integer, load, matrix, multiple, note, opt, scale, section, single, text, when } from './fixtures';

/**
 * s1: consent (yes/no); age; a note.
 * s2 (only when consent = yes): q1 → q2 (when q1 = yes) → q3 (when q2 > 5); channel with an
 *     "other, please specify" option; tools (multiple) with an "other" option; a matrix.
 * s3 (only when age ≥ 60): pension.
 */
const survey = def({
  scales: { agree: scale(['1', '2', '3']) },
  sections: [
    section('s1', [single('consent', ['yes', 'no']), integer('age'), note('intro')]),
    section(
      's2',
      [
        single('q1', ['yes', 'no']),
        integer('q2', { visibleIf: when('q1', { equals: 'yes' }) }),
        text('q3', { visibleIf: when('q2', { gt: 5 }) }),
        single('channel', ['office', 'online', opt('other', { other: true })]),
        multiple('tools', ['phone', 'web', opt('else', { other: true })]),
        matrix('rate', 'agree', ['r1', 'r2']),
        note('thanks', { visibleIf: when('q1', { equals: 'no' }) }),
      ],
      { visibleIf: when('consent', { equals: 'yes' }) },
    ),
    section('s3', [integer('pension')], { visibleIf: when('age', { gte: 60 }) }),
  ],
});

const full: Answers = {
  consent: 'yes',
  age: 65,
  q1: 'yes',
  q2: 10,
  q3: 'details',
  channel: 'other',
  channel__other: 'by post',
  tools: ['phone', 'else'],
  tools__other: 'radio',
  rate: { r1: '1', r2: '3' },
  pension: 3,
};

describe('the test questionnaire', () => {
  it('is a valid definition', () => {
    expect(load(survey)).toEqual({ ok: true, definition: survey });
  });
});

describe('resolve', () => {
  it('shows and keeps everything when every condition holds', () => {
    const state = resolve(survey, full);
    expect([...state.sections]).toEqual(['s1', 's2', 's3']);
    expect([...state.questions]).toEqual(['consent', 'age', 'intro', 'q1', 'q2', 'q3', 'channel', 'tools', 'rate', 'pension']);
    expect(state.kept).toEqual(full);
  });

  it('shows the sections and questions whose conditions hold on an empty interview', () => {
    const state = resolve(survey, {});
    expect([...state.sections]).toEqual(['s1']);
    expect([...state.questions]).toEqual(['consent', 'age', 'intro']);
    expect(state.kept).toEqual({});
  });

  it('drops the answer of a hidden question', () => {
    const kept = keptAnswers(survey, { ...full, q1: 'no', q3: undefined });
    expect(kept).not.toHaveProperty('q2');
    expect(kept.q1).toBe('no');
  });

  it('drops every answer of a hidden section', () => {
    const state = resolve(survey, { ...full, consent: 'no' });
    expect(state.sections.has('s2')).toBe(false);
    for (const id of ['q1', 'q2', 'q3', 'channel', 'channel__other', 'tools', 'tools__other', 'rate'])
      expect(state.kept, id).not.toHaveProperty(id);
    expect(state.kept).toEqual({ consent: 'no', age: 65, pension: 3 });
  });

  it('hides a whole chain: hiding q2 hides q3, which depends on it', () => {
    const state = resolve(survey, { ...full, q1: 'no' });
    expect(state.questions.has('q2')).toBe(false);
    expect(state.questions.has('q3')).toBe(false);
    expect(state.kept).not.toHaveProperty('q2');
    expect(state.kept).not.toHaveProperty('q3');
    // a note that depends on q1 appears instead
    expect(state.questions.has('thanks')).toBe(true);
  });

  it.each<[string, Answers, boolean, boolean]>([
    ['q1 yes, q2 10', { q1: 'yes', q2: 10 }, true, true],
    ['q1 yes, q2 5 (not > 5)', { q1: 'yes', q2: 5 }, true, false],
    ['q1 yes, q2 unanswered', { q1: 'yes' }, true, false],
    ['q1 no, q2 still 10 from before', { q1: 'no', q2: 10 }, false, false],
    ['q1 unanswered', { q2: 10 }, false, false],
  ])('chain: %s → q2 shown %s, q3 shown %s', (_name, answers, q2Shown, q3Shown) => {
    const { questions } = resolve(survey, { consent: 'yes', ...answers, q3: 'text' });
    expect(questions.has('q2')).toBe(q2Shown);
    expect(questions.has('q3')).toBe(q3Shown);
  });

  it('does not keep unanswered values (empty text, empty list, empty matrix)', () => {
    const kept = keptAnswers(survey, { consent: 'yes', q1: ' ', tools: [], rate: {}, age: undefined });
    expect(kept).toEqual({ consent: 'yes' });
  });

  it('does not keep answers to questions the definition does not have', () => {
    expect(keptAnswers(survey, { consent: 'no', stray: 'x', intro: 'y' })).toEqual({ consent: 'no' });
  });

  it('a section appears only when its condition holds', () => {
    expect(resolve(survey, { age: 59 }).sections.has('s3')).toBe(false);
    expect(resolve(survey, { age: 60 }).sections.has('s3')).toBe(true);
  });

  it('a stale answer in a hidden section cannot show a later section', () => {
    const d = def({
      sections: [
        section('a', [single('works', ['yes', 'no'])]),
        section('b', [single('employer', ['state', 'private'])], { visibleIf: when('works', { equals: 'yes' }) }),
        section('c', [text('ministry')], { visibleIf: when('employer', { equals: 'state' }) }),
      ],
    });
    expect(load(d).ok).toBe(true);
    const shown = resolve(d, { works: 'yes', employer: 'state', ministry: 'Home Affairs' });
    expect([...shown.sections]).toEqual(['a', 'b', 'c']);
    const hidden = resolve(d, { works: 'no', employer: 'state', ministry: 'Home Affairs' });
    expect([...hidden.sections]).toEqual(['a']);
    expect(hidden.kept).toEqual({ works: 'no' });
  });

  it('visibility() gives the same sets as resolve()', () => {
    const v = visibility(survey, full);
    expect([...v.questions]).toEqual([...resolve(survey, full).questions]);
    expect([...v.sections]).toEqual(['s1', 's2', 's3']);
  });
});

describe('"other, please specify" texts', () => {
  const base: Answers = { consent: 'yes' };

  it.each<[string, Answers, Record<string, boolean>]>([
    ['single: other selected', { channel: 'other', channel__other: 'post' }, { channel__other: true }],
    ['single: another option selected', { channel: 'office', channel__other: 'post' }, { channel__other: false }],
    ['single: unanswered', { channel__other: 'post' }, { channel__other: false }],
    ['multiple: other among the selected', { tools: ['phone', 'else'], tools__other: 'radio' }, { tools__other: true }],
    ['multiple: other not selected', { tools: ['phone', 'web'], tools__other: 'radio' }, { tools__other: false }],
    ['multiple: empty selection', { tools: [], tools__other: 'radio' }, { tools__other: false }],
  ])('%s', (_name, answers, expected) => {
    const kept = keptAnswers(survey, { ...base, ...answers });
    for (const [key, present] of Object.entries(expected)) {
      if (present) expect(kept[key], key).toBe(answers[key]);
      else expect(kept, key).not.toHaveProperty(key);
    }
  });

  it('drops the specify text when its question is hidden', () => {
    const kept = keptAnswers(survey, { consent: 'no', channel: 'other', channel__other: 'post' });
    expect(kept).toEqual({ consent: 'no' });
  });

  it('otherSelected tells whether an "other" option is chosen', () => {
    expect(otherSelected(survey, 'channel', { channel: 'other' })).toBe(true);
    expect(otherSelected(survey, 'channel', { channel: 'office' })).toBe(false);
    expect(otherSelected(survey, 'tools', { tools: ['web', 'else'] })).toBe(true);
    expect(otherSelected(survey, 'q1', { q1: 'yes' })).toBe(false);
    expect(otherSelected(survey, 'nope', { nope: 'other' })).toBe(false);
  });
});

describe('progress', () => {
  it.each<[string, Answers, { answered: number; total: number }]>([
    // s1: consent, age (the note does not count)
    ['empty interview', {}, { answered: 0, total: 2 }],
    ['consent no: only s1', { consent: 'no' }, { answered: 1, total: 2 }],
    // s1 (2) + s2: q1, channel, tools, rate (q2 and q3 hidden)
    ['consent yes: s2 shown without its chain', { consent: 'yes' }, { answered: 1, total: 6 }],
    ['q1 yes shows q2', { consent: 'yes', q1: 'yes' }, { answered: 2, total: 7 }],
    ['q2 > 5 shows q3', { consent: 'yes', q1: 'yes', q2: 6 }, { answered: 3, total: 8 }],
    ['age ≥ 60 shows s3', { consent: 'yes', age: 70 }, { answered: 2, total: 7 }],
    ['everything', full, { answered: 9, total: 9 }],
    [
      'hidden answers are not counted',
      { consent: 'no', age: 30, q1: 'yes', q2: 9, q3: 'x', pension: 2 },
      { answered: 2, total: 2 },
    ],
    ['unanswered values are not counted', { consent: 'yes', q1: '', tools: [], rate: {} }, { answered: 1, total: 6 }],
  ])('%s', (_name, answers, expected) => {
    expect(progress(survey, answers)).toEqual(expected);
  });
});
