/**
 * The question that records the stratum (`fromStratum`): where a definition may have one, and
 * how the engine fills it, aligns it and refuses an answer that contradicts the stratum.
 */
import { describe, expect, it } from 'vitest';
import { alignStratumAnswer, bindStratumOption, checkAnswers, fillStratumAnswer, optionsOf, stratumQuestion, validateAnswers } from '../../src/survey';
import { def, errorsOf, FILE, group, items, load, section, single, text, when } from './fixtures';

const districts = items(['north', 'south', 'east']);

/** A questionnaire whose citizens are counted per district, asking the district again in its first question. */
const survey = (extra: Partial<Parameters<typeof single>[2]> = {}, groups = [group('citizens', { stratumList: 'districts' })]) =>
  def({
    respondentGroups: groups,
    lists: { districts, other: items(['a', 'b']) },
    sections: [
      section('a', [single('district', [], { optionsFrom: 'districts', fromStratum: true, required: true, ...extra }), text('commune')]),
      section('b', [single('sex', ['m', 'f'])]),
    ],
  });

const citizensIn = (stratum: string | undefined) => ({ respondentGroup: 'citizens', stratum });

describe('a question filled from the stratum', () => {
  it('is the stratum question of the groups whose stratum list it offers', () => {
    const d = survey();
    expect(load(d).ok).toBe(true);
    expect(stratumQuestion(d, 'citizens')?.id).toBe('district');
    expect(stratumQuestion(d, 'nobody')).toBeUndefined();
  });

  it.each([
    [
      'options of its own',
      survey({ optionsFrom: undefined, options: [{ value: 'north', label: { vi: 'Bắc', en: 'North' } }] }),
      'sections[0].questions[0].fromStratum',
      /takes its options with "optionsFrom" from the stratumList of every respondent group/,
    ],
    ['a list that is not the stratum list', survey({ optionsFrom: 'other' }), 'sections[0].questions[0].fromStratum', /"citizens": "districts"/],
    [
      'a group without strata',
      survey({}, [group('citizens', { stratumList: 'districts' }), group('visitors')]),
      'sections[0].questions[0].fromStratum',
      /"visitors": no stratumList/,
    ],
    ['a condition', survey({ visibleIf: when('commune', { answered: true }) }), 'sections[0].questions[0].visibleIf', /always asked/],
  ])('is refused with %s, where it is', (_name, data, path, message) => {
    const errors = errorsOf(data).filter((e) => e.message.includes('filled from the stratum'));
    expect(errors.map((e) => [e.file, e.path])).toEqual([[FILE, path]]);
    expect(errors[0]!.message).toMatch(message);
  });

  it('is refused in a section shown only under a condition, and twice', () => {
    const data = def({
      respondentGroups: [group('citizens', { stratumList: 'districts' })],
      lists: { districts },
      sections: [
        section('a', [single('sex', ['m', 'f'])]),
        section('b', [single('district', [], { optionsFrom: 'districts', fromStratum: true })], { visibleIf: when('sex', { equals: 'f' }) }),
        section('c', [single('again', [], { optionsFrom: 'districts', fromStratum: true })]),
      ],
    });
    expect(errorsOf(data).map((e) => `${e.path}: ${e.message}`)).toEqual([
      'sections[1].questions[0].fromStratum: a question filled from the stratum is always asked: its section "b" cannot have "visibleIf"',
      'sections[2].questions[0].fromStratum: "district" already records the stratum',
    ]);
  });
});

describe('answers and the stratum', () => {
  const d = survey();

  it('refuses an answer that contradicts the stratum, at that question, in both languages', () => {
    const errors = validateAnswers(d, { district: 'south', commune: 'x' }, { stratum: citizensIn('north') });
    expect(Object.keys(errors)).toEqual(['district']);
    expect(errors.district).toEqual({
      code: 'stratumMismatch',
      message: {
        vi: '“item south (vi)” khác với địa bàn / đơn vị đã chọn khi bắt đầu phiếu (“item north (vi)”): câu này phải trả lời đúng địa bàn / đơn vị đó.',
        en: '“item south” differs from the area / unit chosen when the interview started (“item north”): this answer must be that area / unit.',
      },
    });
  });

  it('fills a missing answer with the stratum and keeps it; accepts the stratum itself', () => {
    const missing = checkAnswers(d, { commune: 'x' }, { strict: true, stratum: citizensIn('north') });
    expect(missing.errors).toEqual({});
    expect(missing.kept).toEqual({ district: 'north', commune: 'x' });
    expect(checkAnswers(d, { district: '', commune: 'x' }, { strict: true, stratum: citizensIn('north') }).kept.district).toBe('north');
    expect(validateAnswers(d, { district: 'north' }, { stratum: citizensIn('north') })).toEqual({});
  });

  it('without the stratum, checks the question as any other (required, an option)', () => {
    expect(validateAnswers(d, {})).toMatchObject({ district: { code: 'required' } });
    expect(validateAnswers(d, { district: 'south' })).toEqual({});
    expect(validateAnswers(d, { district: 'west' }, { stratum: citizensIn('north') })).toMatchObject({ district: { code: 'notAnOption' } });
  });

  it('takes a stratum the campaign plans outside the list as its answer, filled and kept; another answer stays refused', () => {
    // A commune created by the merger: the campaign plans it, the questionnaire's list lacks it.
    const merged = citizensIn('west-merged');
    const checked = checkAnswers(d, { commune: 'x' }, { strict: true, stratum: merged });
    expect(checked.errors).toEqual({});
    expect(checked.kept).toEqual({ district: 'west-merged', commune: 'x' });
    expect(validateAnswers(d, { district: 'west-merged' }, { stratum: merged })).toEqual({});
    expect(validateAnswers(d, { district: 'west-merged' })).toMatchObject({ district: { code: 'notAnOption' } });
    expect(validateAnswers(d, { district: 'west-merged' }, { stratum: citizensIn('north') })).toMatchObject({ district: { code: 'notAnOption' } });
  });

  it('is shown, in one interview’s form, with a stratum outside the list under the campaign’s label', () => {
    const label = { vi: 'Phường Đồng Hới', en: 'Dong Hoi Ward' };
    const bound = bindStratumOption(d, { ...citizensIn('phuong-dong-hoi'), stratumLabel: label });
    const q = stratumQuestion(bound, 'citizens')!;
    expect(optionsOf(bound, q).map((o) => o.value)).toEqual(['north', 'south', 'east', 'phuong-dong-hoi']);
    expect(optionsOf(bound, q).at(-1)!.label).toEqual(label);
    // The form's own check (no stratum passed) accepts it; the published definition is untouched.
    expect(validateAnswers(bound, { district: 'phuong-dong-hoi' })).toEqual({});
    expect(optionsOf(d, stratumQuestion(d, 'citizens')!)).toHaveLength(3);
    // A stratum of the list, or none, changes nothing.
    expect(bindStratumOption(d, citizensIn('north'))).toBe(d);
    expect(bindStratumOption(d, citizensIn(undefined))).toBe(d);
  });

  it('fills only what is missing; aligning replaces a different answer and says which', () => {
    const given = { district: 'south', commune: 'x' };
    expect(fillStratumAnswer(d, given, citizensIn('north'))).toBe(given);
    expect(fillStratumAnswer(d, { commune: 'x' }, citizensIn('north'))).toEqual({ district: 'north', commune: 'x' });
    expect(alignStratumAnswer(d, given, citizensIn('north'))).toEqual({
      answers: { district: 'north', commune: 'x' },
      replaced: { questionId: 'district', previous: 'south' },
    });
    const agreeing = { district: 'north' };
    expect(alignStratumAnswer(d, agreeing, citizensIn('north'))).toEqual({ answers: agreeing });
    expect(alignStratumAnswer(d, agreeing, citizensIn('north')).answers).toBe(agreeing);
    expect(alignStratumAnswer(d, {}, citizensIn('north'))).toEqual({ answers: { district: 'north' } });
    // No stratum (a group without one, or none given): nothing to align.
    expect(alignStratumAnswer(d, given, citizensIn(undefined)).answers).toBe(given);
  });
});
