/**
 * Campaign files: the format, the cross-checks against the questionnaires (errors name file, path
 * and problem), targets computed from strata, declared totals that disagree (169 vs 199) reported,
 * (which campaign an interview counts towards: test/server/campaign-folder.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { CODE_RULE, checkCampaignInput, checkCampaignSet, parseCampaign } from '../../src/survey/campaign';
import type { Campaign, CampaignGroup } from '../../src/survey/campaign';
import { campaignDiscrepancies, groupTarget } from '../../src/survey/campaign-targets';
import type { DefinitionError } from '../../src/survey/load';
import { def, group, items, section, single, t } from './fixtures';

const FILE = 'survey-definitions/campaigns/c.json';

const officials = def({
  id: 'officials',
  respondentGroups: [group('delegate'), group('leader', { stratumList: 'departments' }), group('unit', { stratumList: 'units' })],
  lists: { departments: items(['home', 'justice']), units: items(['archives', 'legal-aid']) },
  sections: [section('a', [single('q1', ['yes', 'no'])])],
});

const strata = (...specs: [string, number, string?][]) =>
  specs.map(([value, target, parent]) => ({ value, label: t(value), target, ...(parent !== undefined ? { parent } : {}) }));

const g = (id: string, extra: Partial<CampaignGroup>): CampaignGroup => ({
  id,
  label: t(`group ${id}`),
  questionnaire: { id: 'officials', version: 1 },
  policy: 'stop',
  ...extra,
});

const campaign = (extra: Partial<Campaign> = {}): Campaign => ({
  id: 'c',
  title: t('Campaign'),
  start: '2021-11-01',
  end: '2021-11-30',
  groups: [g('delegate', { target: 30 }), g('leader', { strata: strata(['home', 3], ['justice', 3]) })],
  ...extra,
});

const errorsOf = (data: unknown): DefinitionError[] => {
  const result = parseCampaign(JSON.stringify(data), FILE, [officials]);
  if (result.ok) throw new Error('expected errors, the campaign loaded');
  return result.errors;
};
const messages = (data: unknown) => errorsOf(data).map((e) => `${e.file}: ${e.path}: ${e.message}`);

describe('campaign files', () => {
  it('loads a valid campaign', () => {
    const result = parseCampaign(JSON.stringify(campaign()), FILE, [officials]);
    expect(result.ok).toBe(true);
  });

  it('names the file, the path and the problem for a malformed file', () => {
    expect(parseCampaign('{', FILE, [officials])).toEqual({
      ok: false,
      errors: [{ file: FILE, path: '(file)', message: expect.stringMatching(/^not valid JSON/) as string }],
    });
    expect(messages({ ...campaign(), start: '1/11/2021', extra: 1 })).toEqual([
      `${FILE}: start: must be a date written YYYY-MM-DD`,
      `${FILE}: (top level): unknown field(s): extra`,
    ]);
    expect(messages(campaign({ groups: [g('delegate', { target: 0 })] }))).toEqual([`${FILE}: groups[0].target: a target is a whole number from 1 up`]);
    expect(messages(campaign({ groups: [g('delegate', { target: 2.5 })] }))).toEqual([`${FILE}: groups[0].target: a target is a whole number`]);
    expect(messages(campaign({ groups: [g('leader', { strata: strata(['home', -1]) })] }))).toEqual([
      `${FILE}: groups[0].strata[0].target: a target is a whole number from 1 up`,
    ]);
    expect(messages(campaign({ groups: [g('delegate', {})] }))).toEqual([
      `${FILE}: groups[0]: a group needs exactly one of "target" (one number) or "strata" (a target per stratum)`,
    ]);
    expect(messages(campaign({ groups: [g('delegate', { policy: 'maybe' as 'stop', target: 1 })] }))).toEqual([
      expect.stringMatching(/^survey-definitions\/campaigns\/c\.json: groups\[0\]\.policy: /),
    ]);
  });

  it('checks questionnaires, respondent groups and strata against the loaded definitions', () => {
    expect(messages(campaign({ groups: [g('delegate', { target: 1, questionnaire: { id: 'nope', version: 1 } })] }))).toEqual([
      `${FILE}: groups[0].questionnaire.id: unknown questionnaire "nope"`,
    ]);
    expect(messages(campaign({ groups: [g('delegate', { target: 1, questionnaire: { id: 'officials', version: 2 } })] }))).toEqual([
      `${FILE}: groups[0].questionnaire.version: questionnaire "officials" has no version 2 (loaded: 1)`,
    ]);
    expect(messages(campaign({ groups: [g('mayor', { target: 1 })] }))).toEqual([
      `${FILE}: groups[0].id: questionnaire "officials" has no respondent group "mayor" (its groups: delegate, leader, unit)`,
    ]);
    expect(messages(campaign({ groups: [g('leader', { strata: strata(['home', 3], ['finance', 3], ['home', 1]) })] }))).toEqual([
      `${FILE}: groups[0].strata[2].value: duplicate stratum value "home" (first used at position 1)`,
    ]);
    expect(messages(campaign({ groups: [g('delegate', { strata: strata(['home', 3]) })] }))).toEqual([
      `${FILE}: groups[0].strata: the respondent group "delegate" of "officials" has no stratumList, so its interviews carry no stratum: give "target" instead`,
    ]);
    expect(messages(campaign({ groups: [g('delegate', { target: 1 }), g('delegate', { target: 2 })] }))).toEqual([
      `${FILE}: groups[1].id: duplicate group id "delegate" (first used at position 1)`,
    ]);
    expect(messages(campaign({ end: '2021-10-01' }))).toEqual([`${FILE}: end: the campaign ends (2021-10-01) before it starts (2021-11-01)`]);
    expect(messages(campaign({ declaredTotal: { value: 10, groups: ['delegate', 'nobody'] } }))).toEqual([
      `${FILE}: declaredTotal.groups[1]: the campaign has no group "nobody"`,
    ]);
  });

  it('takes strata of the campaign’s own that the list lacks, labelled by the campaign, when their values are codes', () => {
    // 2026: a department created by the merger, not in the questionnaire's list; no new version needed.
    const merged = campaign({ groups: [g('leader', { strata: [...strata(['home', 3]), { value: 'ethnic-religion', label: { vi: 'Sở Dân tộc và Tôn giáo', en: 'Department of Ethnic Minorities and Religion' }, target: 2 }] })] });
    const result = parseCampaign(JSON.stringify(merged), FILE, [officials]);
    expect(result.ok && result.campaign.groups[0]!.strata!.map((s) => s.value)).toEqual(['home', 'ethnic-religion']);
    // Its label is required, in both languages, as every stratum's.
    const unlabelled = JSON.parse(JSON.stringify(merged)) as { groups: { strata: { label?: unknown }[] }[] };
    delete unlabelled.groups[0]!.strata[1]!.label;
    expect(messages(unlabelled)).toEqual([expect.stringMatching(/^survey-definitions\/campaigns\/c\.json: groups\[0\]\.strata\[1\]\.label: /)]);
    // A value outside the list is what devices will send: it must be a code.
    const problems = checkCampaignInput(campaign({ groups: [g('leader', { strata: strata(['home', 3], ['Sở mới', 2]) })] }), [officials], []);
    expect(problems.ok).toBe(false);
    expect(!problems.ok && problems.problems).toEqual([
      {
        path: ['groups', 0, 'strata', 1, 'value'],
        message: `"Sở mới" is not in the list "departments" of officials@1, and is not a code a stratum outside the list can have: ${CODE_RULE.en}`,
        messageVi: `“Sở mới” không có trong danh sách “departments” của bảng hỏi officials phiên bản 1, và không dùng được làm mã cho tầng ngoài danh sách: ${CODE_RULE.vi}`,
      },
    ]);
  });

  it('checks parents against the group’s parentList', () => {
    const units = (parentList: string | undefined, parents: [string, string]) =>
      campaign({ groups: [g('unit', { ...(parentList ? { parentList } : {}), strata: strata(['archives', 1, parents[0]], ['legal-aid', 1, parents[1]]) })] });
    expect(parseCampaign(JSON.stringify(units('departments', ['home', 'justice'])), FILE, [officials]).ok).toBe(true);
    expect(messages(units('departments', ['home', 'finance']))).toEqual([`${FILE}: groups[0].strata[1].parent: "finance" is not in the list "departments" of officials@1`]);
    expect(messages(units(undefined, ['home', 'justice']))).toEqual([
      `${FILE}: groups[0].strata[0].parent: a stratum with a parent needs "parentList" on its group`,
      `${FILE}: groups[0].strata[1].parent: a stratum with a parent needs "parentList" on its group`,
    ]);
    expect(messages(units('regions', ['home', 'justice']))).toEqual([`${FILE}: groups[0].parentList: questionnaire "officials" has no list "regions"`]);
  });

  it('refuses two campaigns with one id, or overlapping periods surveying the same group with the same questionnaire', () => {
    const a = { file: 'campaigns/a.json', campaign: campaign({ id: 'a' }) };
    const later = { file: 'campaigns/b.json', campaign: campaign({ id: 'b', start: '2021-12-01', end: '2021-12-31' }) };
    expect(checkCampaignSet([a, later])).toEqual([]);
    expect(checkCampaignSet([a, { file: 'campaigns/a2.json', campaign: campaign({ id: 'a' }) }])).toEqual([
      { file: 'campaigns/a2.json', path: 'id', message: 'campaign "a" is also defined in campaigns/a.json' },
    ]);
    const overlapping = { file: 'campaigns/c.json', campaign: campaign({ id: 'c', start: '2021-11-30', end: '2021-12-15', groups: [g('leader', { target: 5 })] }) };
    expect(checkCampaignSet([a, overlapping])).toEqual([
      { file: 'campaigns/c.json', path: 'groups[0].id', message: 'campaign "a" (campaigns/a.json) surveys "leader" with "officials" in an overlapping period (2021-11-01 – 2021-11-30)' },
    ]);
  });
});

describe('targets and discrepancies', () => {
  it('computes a group’s target from its strata', () => {
    expect(groupTarget(g('delegate', { target: 30 }))).toBe(30);
    expect(groupTarget(g('leader', { strata: strata(['home', 3], ['justice', 4]) }))).toBe(7);
  });

  it('reports a declared total that disagrees with the groups (the plan’s 169 against 30 + 60 + 100 + 9 = 199)', () => {
    const plan = campaign({
      declaredTotal: { value: 169, groups: ['delegate', 'leader', 'unit', 'district'], source: t('Plan, section II.2.1') },
      groups: [
        g('delegate', { target: 30, declaredTarget: 30 }),
        g('leader', { strata: strata(...Array.from({ length: 20 }, (_, i): [string, number] => [`d${i}`, 3])), declaredTarget: 60 }),
        g('unit', { strata: strata(...Array.from({ length: 100 }, (_, i): [string, number] => [`u${i}`, 1])), declaredTarget: 100 }),
        g('district', { strata: strata(['a', 3], ['b', 3], ['c', 3]), declaredTarget: 9 }),
        g('citizen', { target: 400 }),
      ],
    });
    expect(campaignDiscrepancies(plan)).toEqual([
      {
        scope: 'campaign',
        declared: 169,
        computed: 199,
        message: {
          vi: expect.stringMatching(/^Kế hoạch ghi tổng 169 phiếu \(Plan, section II\.2\.1 \(vi\)\) .* 30 \+ 60 \+ 100 \+ 9 = 199 \(nhiều hơn 30\)/) as string,
          en: expect.stringMatching(/^The plan states a total of 169 questionnaires \(Plan, section II\.2\.1\) .* 30 \+ 60 \+ 100 \+ 9 = 199 \(30 more\)\. Progress is measured against the groups' targets \(199\)/) as string,
        },
      },
    ]);
  });

  it('reports a group whose strata disagree with its declared target, and nothing when they agree', () => {
    const c = campaign({ groups: [g('leader', { strata: strata(['home', 3], ['justice', 3]), declaredTarget: 9 }), g('delegate', { target: 30, declaredTarget: 30 })] });
    expect(campaignDiscrepancies(c)).toEqual([
      {
        scope: 'leader',
        declared: 9,
        computed: 6,
        message: { vi: expect.stringContaining('ít hơn 3') as string, en: expect.stringContaining('add up to 6 (3 fewer)') as string },
      },
    ]);
    expect(campaignDiscrepancies(campaign({ declaredTotal: { value: 36 } }))).toEqual([]);
  });
});
