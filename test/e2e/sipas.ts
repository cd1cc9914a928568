/**
 * The citizens' questionnaire (survey-definitions/sipas-citizen*.json, the newest version: the one
 * the home screen starts) as the scenarios fill it: the answers of each section, in order.
 * feedbackGiven = "no", so section C5 is skipped (hidden); submittedVia is in person, so
 * c1_onlinePortal is hidden too; expectChannel = "online", so onlineBarriers is hidden.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Submission } from '../../src/contract';
import { ROOT } from './paths';
import type { AnswerValue } from './pages/InterviewPage';

interface DefinitionFile {
  id: string;
  version: number;
  title: { vi: string };
  sections: { id: string; title: { vi: string } }[];
}

const DIR = join(ROOT, 'survey-definitions');
const definition = readdirSync(DIR)
  .filter((f) => f.startsWith('sipas-citizen') && f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as DefinitionFile)
  .filter((d) => d.id === 'sipas-citizen')
  .reduce((newest, d) => (d.version > newest.version ? d : newest));

export const SIPAS_ID = definition.id;
export const SIPAS_VERSION = definition.version;
export const SIPAS_TITLE = definition.title.vi;

/** The Vietnamese title of a section, e.g. "C2. Thủ tục hành chính". */
export function sectionTitle(id: string): string {
  const s = definition.sections.find((x) => x.id === id);
  if (!s) throw new Error(`sipas-citizen version ${definition.version} has no section ${id}`);
  return s.title.vi;
}

/** The section hidden by feedbackGiven = "no". */
export const SKIPPED_SECTION = 'c5-feedback';

export type SectionAnswers = readonly (readonly [string, AnswerValue])[];

/** The answers of one interview, per section, in the order the form shows them. */
export function sipasAnswers(n = 0): { stratum: string; sections: readonly (readonly [string, SectionAnswers])[] } {
  const sat = (i: number) => String(((n + i) % 5) + 1);
  // Communes and wards of the running campaign's plan (quang-tri-2026), listed first on the start page.
  const stratum = ['phuong-dong-hoi', 'phuong-ba-don', 'xa-minh-hoa', 'xa-dong-le', 'xa-bo-trach'][n % 5]!;
  return {
    stratum,
    sections: [
      [
        'a-respondent',
        [
          // Filled from the stratum chosen on the start page and shown read-only: checked, not answered.
          ['district', stratum],
          ['commune', `Xã Hoàn Trạch ${n + 1}`],
          ['respondentType', 'individual'],
          ['sex', n % 2 === 0 ? 'female' : 'male'],
          ['ageBand', '35-49'],
          ['ethnicity', 'kinh'],
          ['education', 'upper-secondary'],
          ['occupation', 'farming'],
          ['area', 'rural'],
        ],
      ],
      [
        'b-procedure',
        [
          ['procedureField', 'land'],
          ['agencyLevel', 'commune'],
          ['submittedVia', 'commune'],
          ['resultDate', '2025-03-14'],
          ['trips', 2 + n],
          ['resultOnTime', 'on-time'],
          ['extraPapers', 'no'],
          ['infoSource', ['posted', 'staff']],
          ['feedbackGiven', 'no'],
        ],
      ],
      [
        'c1-access',
        [
          ['c1_location', sat(0)],
          ['c1_waiting', sat(1)],
          ['c1_equipment', sat(2)],
          ['c1_queue', sat(3)],
          ['c1_contact', sat(4)],
        ],
      ],
      [
        'c2-procedure',
        [
          ['c2_published', sat(4)],
          ['c2_documents', sat(0)],
          ['c2_paperwork', sat(2)],
          ['c2_forms', sat(1)],
          ['c2_fees', sat(2)],
          ['c2_duration', sat(3)],
        ],
      ],
      [
        'c3-official',
        [
          ['c3_courtesy', sat(0)],
          ['c3_listening', sat(1)],
          ['c3_answers', sat(2)],
          ['c3_guidance', sat(3)],
          ['c3_noHarassment', sat(4)],
          ['c3_rules', sat(0)],
          ['c3_attentive', sat(1)],
        ],
      ],
      [
        'c4-result',
        [
          ['c4_lawful', sat(1)],
          ['c4_complete', sat(2)],
          ['c4_accurate', sat(3)],
          ['c4_timing', sat(4)],
          ['c4_delivery', sat(0)],
        ],
      ],
      [
        'd-priorities',
        [
          ['improvePriorities', ['simplify', 'faster', 'online']],
          ['expectChannel', 'online'],
          ['overallSat', sat(2)],
          ['comment', `Cán bộ một cửa hướng dẫn tận tình. Phiếu số ${n + 1}.`],
        ],
      ],
    ],
  };
}

/** What the server should hold for these answers: the answers as typed (numbers as numbers). */
export function storedAnswers(sections: readonly (readonly [string, SectionAnswers])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [, answers] of sections) for (const [id, value] of answers) out[id] = Array.isArray(value) ? [...(value as string[])] : value;
  return out;
}

/**
 * The n-th interview as a tablet sends it (completed a moment ago, so it counts towards the campaign
 * running today), for scenarios that need data without the tablet's screens; in `stratum` if given.
 */
export function sipasSubmission(n = 0, stratum = sipasAnswers(n).stratum): Submission {
  const completed = Date.now();
  return {
    id: randomUUID(),
    surveyId: SIPAS_ID,
    surveyVersion: SIPAS_VERSION,
    respondentGroup: 'citizen',
    stratum,
    lang: 'vi',
    // The stratum question records the stratum.
    answers: { ...storedAnswers(sipasAnswers(n).sections), district: stratum } as Submission['answers'],
    startedAt: new Date(completed - 20 * 60_000).toISOString(),
    completedAt: new Date(completed).toISOString(),
    sectionTimes: {},
  };
}
