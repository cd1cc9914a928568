/**
 * checkAnswers (the server's one pass: problems and kept answers) and scoreKeptContributions give
 * what validateAnswers, keptAnswers and scoreContributions give, on the shipped questionnaires and
 * on arbitrary answers, including "other, please specify" texts sent for any question.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindInterview, checkAnswers, evaluate, isAnswerable, isAnswered, keptAnswers, optionsOf, scoreContributions, scoreKeptContributions, validateAnswers } from '../../src/survey';
import type { Answers, Definition } from '../../src/survey';
import { completeAnswers, shippedDefinitions, TODAY } from './answer-sets';
import { def, group, integer, item, items, matrix, multiple, opt, scale, section, single, text, when } from './fixtures';

/** The answers to keep, written plainly from the rules (shown, answered; a specify text only with its option). */
function plainKept(d: Definition, answers: Answers): Answers {
  const kept: Answers = {};
  for (const s of d.sections) {
    if (s.visibleIf && !evaluate(s.visibleIf, kept)) continue;
    for (const q of s.questions) {
      if ((q.visibleIf && !evaluate(q.visibleIf, kept)) || !isAnswerable(q)) continue;
      if (isAnswered(answers[q.id])) kept[q.id] = answers[q.id];
      const value = kept[q.id];
      const selected = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
      const specify = answers[`${q.id}__other`];
      if (specify !== undefined && optionsOf(d, q).some((o) => o.other === true && selected.includes(o.value))) kept[`${q.id}__other`] = specify;
    }
  }
  return kept;
}

const survey = def({
  scales: { agree: scale(['1', '2', '3', opt('o', { other: true })]) },
  sections: [
    section('s1', [
      single('sex', ['m', 'f', opt('o', { other: true })]),
      multiple('channels', ['phone', 'web', opt('other', { other: true }), opt('none', { exclusive: true })]),
      single('plain', ['a', 'b']),
      matrix('rate', 'agree', ['r1', 'r2']),
      integer('age', { min: 0 }),
    ]),
    section('s2', [text('why', { visibleIf: when('plain', { equals: 'b' }) }), single('later', ['x', opt('y', { other: true })])], {
      visibleIf: when('sex', { oneOf: ['f', 'o'] }),
    }),
  ],
});

const value = fc.oneof(
  fc.constantFrom('m', 'f', 'o', 'a', 'b', 'x', 'y', '1', 'other', 'none', '', '  ', 'free text'),
  fc.integer({ min: -2, max: 200 }),
  fc.subarray(['phone', 'web', 'other', 'none', 'zzz']),
  fc.dictionary(fc.constantFrom('r1', 'r2', 'r9'), fc.constantFrom('1', '2', 'o', '')),
);
const key = fc.constantFrom('sex', 'channels', 'plain', 'rate', 'age', 'why', 'later', 'unknown', 'sex__other', 'channels__other', 'plain__other', 'rate__other', 'age__other', 'later__other', 'unknown__other');

describe('checkAnswers', () => {
  it('gives validateAnswers’ problems and the kept answers for arbitrary answers', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 12 }), fc.boolean(), (answers, strict) => {
        const options = { strict, today: TODAY };
        const checked = checkAnswers(survey, answers, options);
        expect(checked.errors).toEqual(validateAnswers(survey, answers, options));
        expect(checked.kept).toEqual(plainKept(survey, answers));
        expect(keptAnswers(survey, answers)).toEqual(checked.kept);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps a specify text only with its option, and reports one sent without it (strict)', () => {
    const answers: Answers = { sex: 'f', sex__other: 'x', plain: 'a', plain__other: 'y', later: 'y', later__other: 'z', channels: ['other'], channels__other: '' };
    const { errors, kept } = checkAnswers(survey, answers, { strict: true, today: TODAY });
    expect(kept).toEqual({ sex: 'f', plain: 'a', later: 'y', later__other: 'z', channels: ['other'], channels__other: '' });
    expect(Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, e.code]))).toEqual({
      sex__other: 'hiddenAnswered',
      plain__other: 'hiddenAnswered',
      channels__other: 'otherMissing',
    });
  });

  it('accepts the complete answers of every shipped questionnaire, keeping what keptAnswers keeps', () => {
    for (const { file, definition } of shippedDefinitions()) {
      const answers = completeAnswers(definition);
      const { errors, kept } = checkAnswers(definition, answers, { strict: true, today: TODAY });
      expect(errors, file).toEqual({});
      expect(kept, file).toEqual(keptAnswers(definition, answers));
      expect(kept, file).toEqual(plainKept(definition, answers));
    }
  });
});

describe('checkAnswers on copies of one definition', () => {
  // The engine prepares each definition object once (its options, rows and "other" options in
  // sets): a copy bound to one interview, or a corrected one with the same id and version, is
  // judged by its own questions, whichever was checked before.
  const published = def({
    respondentGroups: [group('citizens', { stratumList: 'districts' })],
    lists: { districts: items(['north', 'south']) },
    scales: { agree: scale(['1', '2']) },
    sections: [
      section('s', [
        single('district', [], { optionsFrom: 'districts', fromStratum: true }),
        matrix('rating', 'agree', [], { rowsFrom: { strata: true } }),
        single('channel', ['office', opt('elsewhere', { other: true })]),
      ]),
    ],
  });
  // The form's copy for an interview in a district the campaign plans outside the list.
  const bound = bindInterview(published, { respondentGroup: 'citizens', stratum: 'east' }, { version: 1, strata: [item('east'), item('north')] });
  // The same questionnaire corrected: "elsewhere" no longer asks for a text.
  const corrected: typeof published = {
    ...published,
    sections: published.sections.map((s) => ({ ...s, questions: s.questions.map((q) => (q.id === 'channel' ? single('channel', ['office', 'elsewhere']) : q)) })),
  };
  const answers: Answers = { district: 'east', rating: { east: '1', north: '2' }, channel: 'elsewhere', channel__other: 'at home' };
  const codes = (d: typeof published) => {
    const { errors, kept } = checkAnswers(d, answers, { strict: true, today: TODAY });
    return { errors: Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, e.code])), kept: Object.keys(kept) };
  };
  const expected = {
    published: { errors: { district: 'notAnOption', rating: 'notAnOption' }, kept: ['district', 'rating', 'channel', 'channel__other'] },
    bound: { errors: {}, kept: ['district', 'rating', 'channel', 'channel__other'] },
    corrected: { errors: { district: 'notAnOption', rating: 'notAnOption', channel__other: 'hiddenAnswered' }, kept: ['district', 'rating', 'channel'] },
  };

  it.each([
    ['the published one first', ['published', 'bound', 'corrected', 'published', 'corrected', 'bound']],
    ['a bound copy first', ['bound', 'published', 'corrected', 'bound', 'published']],
    ['the corrected one first', ['corrected', 'bound', 'published', 'corrected']],
  ] as const)('judges each by its own questions, checked in turn, %s', (_name, order) => {
    const copies = { published, bound, corrected };
    for (const name of order) expect(codes(copies[name]), name).toEqual(expected[name]);
  });
});

describe('scoreKeptContributions', () => {
  it('gives scoreContributions from the kept answers, for every shipped questionnaire with scoring', () => {
    const scored = shippedDefinitions().filter((s) => s.definition.scoring);
    expect(scored.length).toBeGreaterThan(0);
    for (const { file, definition } of scored) {
      const answers = completeAnswers(definition);
      const contributions = scoreContributions(definition, answers);
      expect(contributions.length, file).toBeGreaterThan(0);
      expect(scoreKeptContributions(definition, checkAnswers(definition, answers, { today: TODAY }).kept), file).toEqual(contributions);
    }
  });
});
