/**
 * Matrices whose rows are the campaign's strata (`"rowsFrom": {"strata": true}`): the definition
 * check, the rows an interview is bound to (campaign, list, a draft's kept rows), validation as the
 * form sees it and as the server receives it, scores, and the rows over many interviews.
 */
import { describe, expect, it } from 'vitest';
import {
  bindStrataRows,
  checkAnswers,
  rowsOf,
  scoreContributions,
  strataRowsOver,
  validateAnswers,
  type CampaignStrata,
  type Definition,
  type MatrixQuestion,
} from '../../src/survey';
import { errorsOf, def, group, items, load, matrix, opt, scale, section, single, t, untranslated } from './fixtures';

const DEPARTMENTS = items(['so-noi-vu', 'so-tai-chinh', 'so-y-te']);

/** Department leaders rate the service of each department the campaign surveys. */
const rating: Definition = def({
  id: 'dept-service',
  version: 2,
  respondentGroups: [group('leader', { stratumList: 'departments' })],
  scales: { service: scale(['4', '3', '2', '1', opt('dk', { missing: true })]) },
  lists: { departments: DEPARTMENTS },
  sections: [
    section('s1', [
      single('dept', [], { optionsFrom: 'departments', fromStratum: true }),
      matrix('rate', 'service', [], { rowsFrom: { strata: true }, required: true }),
    ]),
  ],
  scoring: {
    method: 'share',
    weights: { service: { '4': 1, '3': 1, '2': 0, '1': 0 } },
    components: [{ id: 'service', label: t('Service'), items: ['rate'] }],
  },
});

const matrixOf = (d: Definition): MatrixQuestion => d.sections[0]!.questions.find((q): q is MatrixQuestion => q.type === 'matrix')!;

/** The 2026 plan: two departments of the list, one renamed by the campaign, and a unit the list does not have. */
const plan2026: CampaignStrata = {
  version: 2,
  strata: [
    { value: 'so-tai-chinh', label: { vi: 'Sở Tài chính (sau hợp nhất)', en: 'Department of Finance (merged)' } },
    { value: 'so-y-te', label: { vi: 'Sở Y tế', en: 'Department of Health' } },
    { value: 'so-dan-toc', label: { vi: 'Sở Dân tộc và Tôn giáo', en: 'Department of Ethnic Minorities and Religion' } },
  ],
};

describe('the definition', () => {
  it('loads a matrix rating the strata, its rows the stratum list until an interview is bound', () => {
    const loaded = load(rating);
    expect(loaded.ok).toBe(true);
    expect(rowsOf(rating, matrixOf(rating)).map((r) => r.value)).toEqual(['so-noi-vu', 'so-tai-chinh', 'so-y-te']);
  });

  it('refuses it when a respondent group has no stratum list, located, in Vietnamese and English', () => {
    const broken = { ...rating, respondentGroups: [...rating.respondentGroups, group('delegate')] };
    const result = load(broken);
    expect(result.ok).toBe(false);
    const problem = !result.ok ? result.errors.find((e) => e.path === 'sections[0].questions[1].rowsFrom') : undefined;
    expect(problem?.message).toMatch(/respondent group\(s\) "delegate" have no "stratumList"/);
    expect(problem?.messageVi).toContain('nhóm “delegate” chưa có danh sách tầng');
    expect(untranslated(problem?.messageVi)).toBeUndefined();
  });

  it('says what "rowsFrom" takes when it is neither a list id nor {"strata": true}', () => {
    const wrong = JSON.parse(JSON.stringify(rating)) as { sections: { questions: Record<string, unknown>[] }[] };
    wrong.sections[0]!.questions[1]!.rowsFrom = { strata: 'yes' };
    expect(errorsOf(wrong)).toContainEqual({
      file: 'survey-definitions/x.json',
      path: 'sections[0].questions[1].rowsFrom',
      message: '"rowsFrom" is a list id, or {"strata": true} for the strata the campaign plans',
    });
  });
});

describe('an interview bound to its campaign', () => {
  it('rates the strata the campaign plans, with the campaign’s labels, and every one of them is required', () => {
    const bound = bindStrataRows(rating, 'leader', plan2026);
    expect(rowsOf(bound, matrixOf(bound))).toEqual(plan2026.strata);
    const answers = { dept: 'so-y-te', rate: { 'so-tai-chinh': '4', 'so-y-te': '3' } };
    expect(validateAnswers(bound, answers).rate).toMatchObject({ code: 'required', message: { en: 'Please rate every row (1 left).' } });
    expect(validateAnswers(bound, { ...answers, rate: { ...answers.rate, 'so-dan-toc': '2' } })).toEqual({});
    // A department of the list the campaign does not plan is not a row of this interview.
    expect(validateAnswers(bound, { ...answers, rate: { ...answers.rate, 'so-dan-toc': '2', 'so-noi-vu': '4' } }).rate?.code).toBe('notAnOption');
  });

  it('rates the group’s list where no campaign applies (or the campaign plans no strata)', () => {
    for (const campaign of [undefined, { version: 2, strata: [] }]) {
      const bound = bindStrataRows(rating, 'leader', campaign);
      expect(rowsOf(bound, matrixOf(bound))).toEqual(DEPARTMENTS);
    }
  });

  it('keeps the rows a draft rated before the plan changed, so it still completes', () => {
    // Begun when the plan had the Department of Home Affairs; the plan has since dropped it.
    const draft = { dept: 'so-y-te', rate: { 'so-noi-vu': '4', 'so-tai-chinh': '3' } };
    const bound = bindStrataRows(rating, 'leader', plan2026, draft);
    expect(rowsOf(bound, matrixOf(bound)).map((r) => r.value)).toEqual(['so-tai-chinh', 'so-y-te', 'so-dan-toc', 'so-noi-vu']);
    expect(rowsOf(bound, matrixOf(bound)).at(-1)?.label).toEqual(DEPARTMENTS[0]!.label);
    const done = { ...draft, rate: { ...draft.rate, 'so-y-te': '2', 'so-dan-toc': '1' } };
    expect(validateAnswers(bound, done)).toEqual({});
  });

  it('takes from a campaign on another version its strata, its own outside the list included, when it plans units of this version’s list', () => {
    const bound = bindStrataRows(rating, 'leader', { ...plan2026, version: 3 });
    expect(rowsOf(bound, matrixOf(bound)).map((r) => r.value)).toEqual(['so-tai-chinh', 'so-y-te', 'so-dan-toc']);
    expect(rowsOf(bound, matrixOf(bound))[0]!.label.vi).toBe('Sở Tài chính (sau hợp nhất)');
    expect(rowsOf(bound, matrixOf(bound))[2]!.label.vi).toBe('Sở Dân tộc và Tôn giáo');
    // A campaign on another version planning none of this version's units (communes where it has
    // departments) leaves this version's list.
    const communes: CampaignStrata = { version: 3, strata: [{ value: 'phuong-dong-hoi', label: t('Phường Đồng Hới') }] };
    expect(rowsOf(bindStrataRows(rating, 'leader', communes), matrixOf(rating))).toEqual(DEPARTMENTS);
  });

  it('leaves a definition without such a matrix as it is', () => {
    const plain = def({ scales: { s: scale(['1', '2']) }, sections: [section('a', [matrix('m', 's', ['x', 'y'])])] });
    expect(bindStrataRows(plain, 'citizens', plan2026)).toBe(plain);
  });
});

describe('as the server receives it', () => {
  const received = { strict: true, receivedStrataRows: true } as const;

  it('takes any row code (a unit the server’s plan or the list knows, or neither), its rating checked', () => {
    const answers = { dept: 'so-y-te', rate: { 'so-dan-toc': '4', 'xa-moi': '3' } };
    const checked = checkAnswers(rating, answers, received);
    expect(checked.errors).toEqual({});
    // Kept as sent: nothing rated is dropped.
    expect(checked.kept.rate).toEqual({ 'so-dan-toc': '4', 'xa-moi': '3' });
    expect(checkAnswers(rating, { ...answers, rate: { 'so-dan-toc': '9' } }, received).errors.rate?.code).toBe('notAnOption');
  });

  it('needs one rated row of a required matrix, not every row the device showed', () => {
    expect(checkAnswers(rating, { dept: 'so-y-te', rate: { 'so-y-te': '1' } }, received).errors).toEqual({});
    expect(checkAnswers(rating, { dept: 'so-y-te', rate: {} }, received).errors.rate?.code).toBe('required');
  });

  it('without that option, judges the published rows: a unit outside the list is refused', () => {
    expect(validateAnswers(rating, { dept: 'so-y-te', rate: { 'so-dan-toc': '4' } }).rate?.code).toBe('notAnOption');
  });
});

describe('scores and the rows over many interviews', () => {
  it('scores every rated row, the new unit included, whichever campaign planned it', () => {
    const parts = scoreContributions(rating, { dept: 'so-y-te', rate: { 'so-dan-toc': '4', 'so-y-te': '1', 'so-tai-chinh': 'dk' } });
    expect(parts).toContainEqual({ key: 'service', sum: 1, count: 2 });
    expect(parts).toContainEqual({ key: 'service#rate.so-dan-toc', sum: 1, count: 1 });
    expect(parts).toContainEqual({ key: 'service#rate.so-y-te', sum: 0, count: 1 });
    expect(parts.some((p) => p.key === 'service#rate.so-tai-chinh')).toBe(false);
  });

  it('lists the planned strata in order, then the codes found in the data: the list’s order first, then by code', () => {
    const rows = strataRowsOver(rating, plan2026.strata.slice(0, 1), ['zz-unknown', 'so-y-te', 'so-tai-chinh', 'so-noi-vu', ''], (code) =>
      code === 'so-y-te' ? { vi: 'Sở Y tế (kế hoạch 2021)', en: 'Health (2021 plan)' } : undefined,
    );
    expect(rows.map((r) => r.value)).toEqual(['so-tai-chinh', 'so-noi-vu', 'so-y-te', 'zz-unknown']);
    expect(rows.map((r) => r.label.en)).toEqual(['Department of Finance (merged)', 'item so-noi-vu', 'Health (2021 plan)', 'zz-unknown']);
    // Nothing planned and nothing answered: the stratum list, so a codebook still describes the matrix.
    expect(strataRowsOver(rating, [], [])).toEqual(DEPARTMENTS);
  });
});
