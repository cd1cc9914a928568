/** Valid interviews of the officials' questionnaire (survey-definitions/par-officials.json) for server tests. */
import { randomUUID } from 'node:crypto';
import type { Submission } from '../../src/contract';
import { DEPARTMENTS } from './campaign-fixtures';

const RATED = [
  'b1_plan',
  'b1_inspection',
  'b1_communication',
  'b2_quality',
  'b2_enforcement',
  'b3_publicity',
  'b3_onestop',
  'b4_functions',
  'b4_decentralisation',
  'b5_recruitment',
  'b5_discipline',
  'b6_autonomy',
  'b6_assets',
  'b7_online',
  'b7_documents',
  'b8_people',
  'b8_economy',
];

/** Every required answer: a department leader's view, "good" throughout, one department "don't know". */
export function validOfficialsAnswers(): Submission['answers'] {
  const matrix = Object.fromEntries(DEPARTMENTS.map((d, i) => [d, i === 0 ? '9' : '2']));
  return {
    sex: 'female',
    ageBand: '40-49',
    position: 'deputy',
    ...Object.fromEntries(RATED.map((q, i) => [q, String((i % 3) + 1)])),
    b3_departments: matrix,
  };
}

/** A valid officials' interview for `group` (and `stratum`, which groups other than delegates need). */
export function officialsSubmission(group: string, stratum?: string, overrides: Partial<Submission> = {}): Submission {
  return {
    id: randomUUID(),
    surveyId: 'par-officials',
    surveyVersion: 1,
    respondentGroup: group,
    ...(stratum !== undefined ? { stratum } : {}),
    lang: 'vi',
    answers: validOfficialsAnswers(),
    startedAt: '2021-11-10T09:00:00.000+07:00',
    completedAt: '2021-11-10T09:20:00.000+07:00',
    sectionTimes: { 'a-respondent': 60, 'b3-procedures': 300 },
    ...overrides,
  };
}
