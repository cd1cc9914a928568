/**
 * A small scored questionnaire and its campaign, written to a temporary definitions folder, and
 * interviews whose scores are worked out by hand in the comments, for the scoring server suites.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Submission } from '../../src/contract';
import type { Definition, Scoring } from '../../src/survey';

const t = (en: string, vi = `${en} (vi)`) => ({ vi, en });

/** good 1, fair 0.5 (or `fair`), poor 0; "dk" is don't know (missing). */
export function shareScoring(fair = 0.5): Scoring {
  return {
    method: 'share',
    // Worked by hand below as pooled answers; the aggregations are tested in scoring-methods.test.ts.
    aggregation: 'pooled',
    weights: { rating: { good: 1, fair, poor: 0 } },
    components: [
      { id: 'service', label: t('Service', 'Phục vụ'), items: ['Q1', 'Q2'] },
      { id: 'depts', label: t('Departments', 'Các sở'), items: ['M'] },
    ],
  };
}

export const papiScoring = (): Scoring => ({
  method: 'papi',
  aggregation: 'pooled',
  weights: { rating: { good: 1, fair: 0.5, poor: 0 } },
  components: [{ id: 'dim', label: t('Dimension', 'Trục nội dung'), parts: [{ id: 'svc', label: t('Service'), items: ['Q1', 'Q2'] }, { id: 'dep', label: t('Departments'), items: ['M'] }] }],
});

export function scoredDefinition(id: string, scoring: Scoring | undefined): Definition {
  return {
    id,
    version: 1,
    title: t(`Scored questionnaire ${id}`),
    respondentGroups: [
      { id: 'citizen', label: t('Citizens', 'Người dân'), stratumList: 'districts' },
      { id: 'official', label: t('Officials', 'Công chức') },
    ],
    scales: {
      rating: {
        options: [
          { value: 'good', label: t('Good', 'Tốt') },
          { value: 'fair', label: t('Fair', 'Bình thường') },
          { value: 'poor', label: t('Poor', 'Kém') },
          { value: 'dk', label: t("Don't know", 'Không biết'), missing: true },
        ],
      },
    },
    lists: { districts: [{ value: 'd1', label: t('District 1', 'Huyện 1') }, { value: 'd2', label: t('District 2', 'Huyện 2') }, { value: 'd3', label: t('District 3', 'Huyện 3') }] },
    sections: [
      {
        id: 's1',
        title: t('Questions'),
        questions: [
          { type: 'single', id: 'use', label: t('Used the service?'), options: [{ value: 'yes', label: t('Yes') }, { value: 'no', label: t('No') }] },
          { type: 'single', id: 'Q1', label: t('Overall'), scale: 'rating' },
          { type: 'single', id: 'Q2', label: t('The service'), scale: 'rating', visibleIf: { q: 'use', equals: 'yes' } },
          { type: 'matrix', id: 'M', label: t('Each department'), scale: 'rating', rows: [{ value: 'r1', label: t('Dept 1') }, { value: 'r2', label: t('Dept 2') }] },
        ],
      },
    ],
    ...(scoring ? { scoring } : {}),
  };
}

export const CAMPAIGN = 'scoring-2025';

const campaign = {
  id: CAMPAIGN,
  title: t('Scoring campaign 2025', 'Đợt khảo sát 2025'),
  start: '2025-03-01',
  end: '2025-03-31',
  // Figures of one respondent are shown: these suites check the arithmetic (withholding: disclosure tests).
  minCellSize: 1,
  groups: [
    {
      id: 'citizen',
      label: t('Citizens (campaign)', 'Người dân (đợt)'),
      questionnaire: { id: 'scored', version: 1 },
      policy: 'continue',
      strata: [
        { value: 'd1', label: t('District 1', 'Huyện 1'), target: 5 },
        { value: 'd2', label: t('District 2', 'Huyện 2'), target: 5 },
        { value: 'd3', label: t('District 3', 'Huyện 3'), target: 5 },
      ],
    },
    { id: 'official', label: t('Officials (campaign)', 'Công chức (đợt)'), questionnaire: { id: 'scored', version: 1 }, policy: 'continue', target: 3 },
  ],
};

/**
 * A definitions folder with "scored" (share; without scoring when `scoring` is null) and
 * "scored-papi" (papi, in no campaign), and the campaign (unless `withCampaign` is false).
 */
export function writeScoringFolder(scoring: Scoring | null = shareScoring(), withCampaign = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'scoring-definitions-'));
  writeFileSync(join(dir, 'scored.json'), JSON.stringify(scoredDefinition('scored', scoring ?? undefined)));
  writeFileSync(join(dir, 'scored-papi.json'), JSON.stringify(scoredDefinition('scored-papi', papiScoring())));
  mkdirSync(join(dir, 'campaigns'));
  if (withCampaign) writeFileSync(join(dir, 'campaigns', `${CAMPAIGN}.json`), JSON.stringify(campaign));
  return dir;
}

export function scoredInterview(group: 'citizen' | 'official', stratum: string | undefined, answers: Submission['answers'], surveyId = 'scored'): Submission {
  return {
    id: randomUUID(),
    surveyId,
    surveyVersion: 1,
    respondentGroup: group,
    ...(stratum !== undefined ? { stratum } : {}),
    lang: 'vi',
    answers,
    startedAt: '2025-03-10T09:00:00.000+07:00',
    completedAt: '2025-03-10T09:20:00.000+07:00',
    sectionTimes: { s1: 60 },
  };
}

/** service 1.5 / 2, depts 1 / 2 */
export const I1 = () => scoredInterview('citizen', 'd1', { use: 'yes', Q1: 'good', Q2: 'fair', M: { r1: 'good', r2: 'poor' } });
/** service 0 / 1 (Q2 hidden), depts: only "don't know", no data */
export const I2 = () => scoredInterview('citizen', 'd1', { use: 'no', Q1: 'poor', M: { r1: 'dk' } });
/** service 1 / 1 (Q1 don't know), depts 1 / 2 */
export const I3 = () => scoredInterview('citizen', 'd2', { use: 'yes', Q1: 'dk', Q2: 'good', M: { r1: 'fair', r2: 'fair' } });
/** service 0.5 / 1, depts 2 / 2 */
export const I4 = () => scoredInterview('official', undefined, { use: 'no', Q1: 'fair', M: { r1: 'good', r2: 'good' } });
