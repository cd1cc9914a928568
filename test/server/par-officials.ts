/**
 * A fixed officials' questionnaire for the export tests (test/server/definitions/par-officials.json: one
 * form for four groups, a matrix over the 20 departments, an "other, please specify" option), so
 * those tests do not change whenever the shipped questionnaires are revised.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Submission } from '../../src/contract';
import { DEPARTMENTS } from './campaign-fixtures';
import { DEFINITIONS_DIR } from './harness';

const FIXTURE = join(import.meta.dirname, 'definitions', 'par-officials.json');

/** A copy of survey-definitions/ (campaign included) with par-officials.json added; remove() deletes it. */
export function definitionsWithParOfficials(): { dir: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'defs-par-officials-'));
  const dir = join(root, 'survey-definitions');
  cpSync(DEFINITIONS_DIR, dir, { recursive: true });
  copyFileSync(FIXTURE, join(dir, 'par-officials.json'));
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

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

/** Every required answer: "good" throughout the department matrix, its first department "don't know". */
export function parOfficialsAnswers(): Submission['answers'] {
  const matrix = Object.fromEntries(DEPARTMENTS.map((d, i) => [d, i === 0 ? '9' : '2']));
  return {
    sex: 'female',
    ageBand: '40-49',
    position: 'deputy',
    ...Object.fromEntries(RATED.map((q, i) => [q, String((i % 3) + 1)])),
    b3_departments: matrix,
  };
}

/** A valid interview of the fixture for `group` (and `stratum`, which groups other than delegates need). */
export function parOfficialsSubmission(group: string, stratum?: string, overrides: Partial<Submission> = {}): Submission {
  return {
    id: randomUUID(),
    surveyId: 'par-officials',
    surveyVersion: 1,
    respondentGroup: group,
    ...(stratum !== undefined ? { stratum } : {}),
    lang: 'vi',
    answers: parOfficialsAnswers(),
    startedAt: '2021-11-10T09:00:00.000+07:00',
    completedAt: '2021-11-10T09:20:00.000+07:00',
    sectionTimes: { 'a-respondent': 60, 'b3-procedures': 300 },
    ...overrides,
  };
}
