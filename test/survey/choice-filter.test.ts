/**
 * Cascading selects (XLSForm's choice_filter): the format and its checks, the options offered for
 * a set of answers, and the validation the form and the server share.
 */
import { describe, expect, it } from 'vitest';
import { checkAnswers, choiceFilterParents, offeredOptions, optionsOf, validateAnswers } from '../../src/survey';
import type { Answers, ChoiceQuestion, Definition, Question } from '../../src/survey/types';
import { BY_PROVINCE, commune, communeOptions, province } from './choice-filter-fixtures';
import { FILE, def, errorsOf, group, items, load, multiple, note, opt, scale, section, single, when } from './fixtures';

/** A province, its commune, then whatever a case adds (at sections[0].questions[2]). */
const base = (extra: Question[] = []): Definition =>
  def({
    lists: { districts: items(['d1', 'd2']) },
    sections: [section('place', [province(), commune(), ...extra])],
  });

const COMMUNE = 'sections[0].questions[1]';
const PROBE = 'sections[0].questions[2]';
const questionOf = (d: Definition, id: string) => d.sections.flatMap((s) => s.questions).find((q) => q.id === id) as ChoiceQuestion;
const values = (options: readonly { value: string }[]) => options.map((o) => o.value);

describe('the format', () => {
  it('loads a commune filtered by its province, and a multiple choice filtered the same way', () => {
    expect(load(base())).toEqual({ ok: true, definition: base() });
    expect(load(base([multiple('visited', communeOptions(), { choiceFilter: BY_PROVINCE })])).ok).toBe(true);
  });

  it('loads a filter of several entries and a cascade of three levels', () => {
    const villages = [opt('v1', { data: { province: 'quang-tri', commune: 'dong-ha' } }), opt('v2', { data: { province: 'quang-binh', commune: 'dong-hoi' } })];
    const village = single('village', villages, { choiceFilter: [...BY_PROVINCE, { field: 'commune', q: 'commune' }] });
    expect(load(base([village])).ok).toBe(true);
  });

  it.each<[string, unknown, string, string]>([
    ['an empty filter', base([single('probe', ['a'], { choiceFilter: [] })]), `${PROBE}.choiceFilter`, 'a choice filter needs at least one'],
    [
      'a filter entry with an unknown field',
      base([single('probe', [opt('a', { data: { province: 'x' } })], { choiceFilter: [{ field: 'province', q: 'province', equals: 'x' } as never] })]),
      `${PROBE}.choiceFilter[0]`,
      'unknown field(s): equals',
    ],
    [
      'a field that is not an id',
      base([single('probe', ['a'], { choiceFilter: [{ field: 'tỉnh', q: 'province' }] })]),
      `${PROBE}.choiceFilter[0].field`,
      'must start with a letter',
    ],
    ['data with a key that is not an id', base([single('probe', [opt('a', { data: { 'mã tỉnh': 'x' } })])]), `${PROBE}.options[0].data["mã tỉnh"]`, 'must start with a letter'],
    ['data that is not text', base([single('probe', [opt('a', { data: { code: 7 as unknown as string } })])]), `${PROBE}.options[0].data.code`, 'expected string'],
  ])('refuses %s', (_name, data, path, fragment) => {
    expect(errorsOf(data)).toEqual([{ file: FILE, path, message: expect.stringContaining(fragment) }]);
  });
});

describe('the checks', () => {
  it.each<[string, Definition, string, string]>([
    ['an unknown question', base([single('probe', [opt('a', { data: { x: '1' } })], { choiceFilter: [{ field: 'x', q: 'ghost' }] })]), `${PROBE}.choiceFilter[0].q`, 'unknown question "ghost"'],
    [
      'a later question',
      def({ sections: [section('s', [commune(), province()])] }),
      'sections[0].questions[0].choiceFilter[0].q',
      'question "province" must be an earlier question: a choice filter reads answers already given',
    ],
    [
      'a question of a later section',
      def({ sections: [section('a', [commune()]), section('b', [province()])] }),
      'sections[0].questions[0].choiceFilter[0].q',
      'question "province" must be an earlier question',
    ],
    ['the question itself', base([single('probe', [opt('a', { data: { x: 'a' } })], { choiceFilter: [{ field: 'x', q: 'probe' }] })]), `${PROBE}.choiceFilter[0].q`, 'question "probe" must be an earlier question'],
    [
      'a multiple choice',
      def({ sections: [section('s', [multiple('provinces', ['quang-tri']), commune({ choiceFilter: [{ field: 'province', q: 'provinces' }] })])] }),
      `${COMMUNE}.choiceFilter[0].q`,
      '"provinces" is a multiple question: a choice filter reads a single choice',
    ],
    [
      'a note',
      def({ sections: [section('s', [note('intro'), commune({ choiceFilter: [{ field: 'province', q: 'intro' }] })])] }),
      `${COMMUNE}.choiceFilter[0].q`,
      '"intro" is a note: a choice filter reads a single choice',
    ],
    [
      'an option without data',
      def({ sections: [section('s', [province(), commune({ options: [...communeOptions(), opt('lost')] })])] }),
      `${COMMUNE}.options[5].data`,
      'option "lost" has no "province" in "data": the choice filter of "commune" reads it',
    ],
    [
      'an option whose data lacks the field',
      def({ sections: [section('s', [province(), commune({ options: [opt('typo', { data: { provnce: 'quang-tri' } }), ...communeOptions()] })])] }),
      `${COMMUNE}.options[0].data`,
      'option "typo" has no "province" in "data"',
    ],
    [
      'a scale option without data',
      def({
        scales: { communes: { options: [...communeOptions(), opt('lost')] } },
        sections: [section('s', [province(), single('commune', [], { scale: 'communes', choiceFilter: BY_PROVINCE })])],
      }),
      'scales.communes.options[5].data',
      'option "lost" has no "province" in "data": the choice filter of "commune" reads it',
    ],
    [
      'options from a list (list items carry no data)',
      base([single('probe', [], { optionsFrom: 'districts', choiceFilter: BY_PROVINCE })]),
      `${PROBE}.optionsFrom`,
      'a question with "choiceFilter" needs options with "data"',
    ],
    [
      'a question filled from the stratum',
      def({
        respondentGroups: [group('citizens', { stratumList: 'districts' })],
        lists: { districts: items(['d1', 'd2']) },
        sections: [section('s', [province(), single('district', [], { optionsFrom: 'districts', fromStratum: true, choiceFilter: BY_PROVINCE })])],
      }),
      `${COMMUNE}.choiceFilter`,
      'a question filled from the stratum offers the whole stratum list: it cannot have "choiceFilter"',
    ],
  ])('refuses a filter on %s', (_name, data, path, fragment) => {
    const errors = errorsOf(data);
    expect(errors).toContainEqual({ file: FILE, path, message: expect.stringContaining(fragment) });
  });

  it('says which option lacks the data, one problem per option', () => {
    const data = def({ sections: [section('s', [province(), commune({ options: [opt('a'), ...communeOptions(), opt('b', { data: {} })] })])] });
    expect(errorsOf(data).map((e) => e.path)).toEqual([`${COMMUNE}.options[0].data`, `${COMMUNE}.options[6].data`]);
  });
});

describe('offeredOptions', () => {
  const d = base();
  const communeQ = questionOf(d, 'commune');

  it('offers every option of a question without a filter', () => {
    const q = questionOf(d, 'province');
    expect(offeredOptions(d, q, {})).toBe(optionsOf(d, q));
    expect(choiceFilterParents(d, q)).toEqual([]);
  });

  it('offers nothing while the province is unanswered', () => {
    for (const answers of [{}, { province: '' }, { province: '  ' }, { province: ['quang-tri'] }] as Answers[]) expect(offeredOptions(d, communeQ, answers)).toEqual([]);
  });

  it('offers the communes of the chosen province, in the definition’s order', () => {
    expect(values(offeredOptions(d, communeQ, { province: 'quang-tri' }))).toEqual(['dong-ha', 'gio-linh']);
    expect(values(offeredOptions(d, communeQ, { province: 'quang-binh' }))).toEqual(['dong-hoi', 'ba-don', 'le-thuy']);
    expect(offeredOptions(d, communeQ, { province: 'ha-noi' })).toEqual([]);
  });

  it('compares the answer as text', () => {
    const numbered = def({ sections: [section('s', [single('zone', ['1', '2']), single('ward', [opt('w', { data: { zone: '2' } })], { choiceFilter: [{ field: 'zone', q: 'zone' }] })])] });
    expect(values(offeredOptions(numbered, questionOf(numbered, 'ward'), { zone: 2 }))).toEqual(['w']);
  });

  it('offers an option only when every entry of the filter matches', () => {
    const villages = [opt('v1', { data: { province: 'quang-tri', commune: 'dong-ha' } }), opt('v2', { data: { province: 'quang-binh', commune: 'dong-ha' } })];
    const d3 = base([single('village', villages, { choiceFilter: [...BY_PROVINCE, { field: 'commune', q: 'commune' }] })]);
    const village = questionOf(d3, 'village');
    expect(values(offeredOptions(d3, village, { province: 'quang-tri', commune: 'dong-ha' }))).toEqual(['v1']);
    expect(offeredOptions(d3, village, { province: 'quang-tri' })).toEqual([]);
  });

  it('answers from a cache: the same array for the same answers, the same parents each time', () => {
    const first = offeredOptions(d, communeQ, { province: 'quang-tri' });
    expect(offeredOptions(d, communeQ, { province: 'quang-tri', other: 'x' })).toBe(first);
    expect(choiceFilterParents(d, communeQ)).toEqual(['province']);
    expect(choiceFilterParents(d, communeQ)).toBe(choiceFilterParents(d, communeQ));
  });
});

describe('validation (the form and the server)', () => {
  const d = base([
    multiple('visited', communeOptions(), { choiceFilter: BY_PROVINCE }),
    single('moved', ['yes', 'no']),
    province({ id: 'newProvince', visibleIf: when('moved', { equals: 'yes' }) }),
    commune({ id: 'newCommune', choiceFilter: [{ field: 'province', q: 'newProvince' }] }),
  ]);

  it('accepts a commune of the chosen province', () => {
    expect(validateAnswers(d, { province: 'quang-tri', commune: 'gio-linh', visited: ['dong-ha', 'gio-linh'] })).toEqual({});
  });

  it('refuses a commune of another province, naming the commune, the province and its question', () => {
    expect(validateAnswers(d, { province: 'quang-binh', commune: 'gio-linh' })).toEqual({
      commune: {
        code: 'notOffered',
        message: {
          vi: '“option gio-linh (vi)” không thuộc “option quang-binh (vi)” (câu trả lời của câu “question province (vi)”).',
          en: '“option gio-linh” is not an option for “option quang-binh” (the answer to “question province”).',
        },
      },
    });
  });

  it('refuses a commune while the province is unanswered', () => {
    expect(validateAnswers(d, { commune: 'gio-linh' })).toEqual({
      commune: { code: 'notOffered', message: { vi: 'Hãy trả lời câu “question province (vi)” trước.', en: 'Answer “question province” first.' } },
    });
  });

  it('refuses a multiple choice with one commune of another province', () => {
    expect(validateAnswers(d, { province: 'quang-tri', visited: ['dong-ha', 'dong-hoi'] }).visited?.code).toBe('notOffered');
    expect(validateAnswers(d, { province: 'quang-tri', visited: ['dong-ha', 'dong-hoi'] }).visited?.message.en).toContain('“option dong-hoi”');
  });

  it('reads the province only when it is shown: a hidden province’s answer does not count', () => {
    const answers = { moved: 'no', newProvince: 'quang-tri', newCommune: 'dong-ha' };
    expect(validateAnswers(d, answers).newCommune?.code).toBe('notOffered');
    expect(validateAnswers(d, { ...answers, moved: 'yes' })).toEqual({});
  });

  it('keeps the earlier codes first: a value of the wrong kind, a value that is no option at all', () => {
    expect(validateAnswers(d, { province: 'quang-tri', commune: 7 }).commune?.code).toBe('wrongType');
    expect(validateAnswers(d, { province: 'quang-tri', commune: 'ha-noi' }).commune?.code).toBe('notAnOption');
  });

  it('refuses it on the server’s path too (checkAnswers, strict)', () => {
    const { errors } = checkAnswers(d, { province: 'quang-tri', commune: 'le-thuy' }, { strict: true });
    expect(Object.keys(errors)).toEqual(['commune']);
    expect(errors.commune?.code).toBe('notOffered');
  });
});

// A scale can carry data too (scale options are options), and offers its options filtered.
describe('a filtered scale', () => {
  it('offers the options of the scale whose data match', () => {
    const d = def({
      scales: { communes: scale(communeOptions()) },
      sections: [section('s', [province(), single('commune', [], { scale: 'communes', choiceFilter: BY_PROVINCE })])],
    });
    expect(load(d).ok).toBe(true);
    expect(values(offeredOptions(d, questionOf(d, 'commune'), { province: 'quang-tri' }))).toEqual(['dong-ha', 'gio-linh']);
  });
});
