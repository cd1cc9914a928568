/**
 * A small questionnaire and campaign of their own for the respondent-link suites, so their quotas
 * and policies are what the tests say: "official" (a stratum per office, policy stop, target 3, and
 * 1 for office o01), "member" (one target of 1000, stop) and "resident" (per office, policy continue,
 * target 1).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Submission } from '../../src/contract';
import { def, group, items, section, single, t, text } from '../survey/fixtures';

export const SURVEY = 'link-survey';
export const CAMPAIGN = 'links-test';
/** Office o01 has a target of 1 for officials; the others 3. */
export const OFFICES: readonly string[] = Array.from({ length: 40 }, (_, i) => `o${String(i + 1).padStart(2, '0')}`);

const questionnaire = (version: number) =>
  def({
    id: SURVEY,
    version,
    respondentGroups: [group('official', { stratumList: 'offices' }), group('member'), group('resident', { stratumList: 'offices' })],
    lists: { offices: items(OFFICES) },
    // Its first question may be read out in Khmer too.
    sections: [section('s1', [single('q1', ['1', '2'], { required: true, label: { ...t('question q1'), km: 'សំណួរ ១' } }), text('q2')])],
  });

const campaign = {
  id: CAMPAIGN,
  title: t('Link test campaign'),
  organiser: t('Test People’s Committee'),
  purpose: t('To test links'),
  start: '2025-01-01',
  end: '2025-12-31',
  groups: [
    {
      id: 'official',
      label: t('Officials'),
      questionnaire: { id: SURVEY, version: 1 },
      policy: 'stop',
      strata: OFFICES.map((value) => ({ value, label: t(`Office ${value}`), target: value === 'o01' ? 1 : 3 })),
    },
    { id: 'member', label: t('Members'), questionnaire: { id: SURVEY, version: 1 }, policy: 'stop', target: 1000 },
    {
      id: 'resident',
      label: t('Residents'),
      questionnaire: { id: SURVEY, version: 1 },
      policy: 'continue',
      strata: OFFICES.map((value) => ({ value, label: t(`Office ${value}`), target: 1 })),
    },
  ],
};

/** Writes the folder (questionnaire versions 1 and 2, the campaign); returns it and its remover. */
export function linkDefinitions(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'link-definitions-'));
  writeFileSync(join(dir, `${SURVEY}.json`), JSON.stringify(questionnaire(1)));
  writeFileSync(join(dir, `${SURVEY}-v2.json`), JSON.stringify(questionnaire(2)));
  mkdirSync(join(dir, 'campaigns'));
  writeFileSync(join(dir, 'campaigns', `${CAMPAIGN}.json`), JSON.stringify(campaign));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A valid interview of the link questionnaire, completed during the campaign. */
export function linkInterview(respondentGroup: string, stratum?: string, overrides: Partial<Submission> = {}): Submission {
  return {
    id: randomUUID(),
    surveyId: SURVEY,
    surveyVersion: 1,
    respondentGroup,
    ...(stratum !== undefined ? { stratum } : {}),
    lang: 'vi',
    answers: { q1: '1', q2: 'Cán bộ nhiệt tình' },
    startedAt: '2025-03-10T09:00:00.000+07:00',
    completedAt: '2025-03-10T09:10:00.000+07:00',
    sectionTimes: { s1: 600 },
    ...overrides,
  };
}
