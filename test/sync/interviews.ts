/**
 * Completed interviews of the shipped citizens' questionnaire (survey-definitions/sipas-citizen.json),
 * made through the store's own commands, section by section, exactly as the app makes them.
 */
import sipasJson from '../../survey-definitions/sipas-citizen.json';
import { checkDefinitionData } from '../../src/survey/load';
import type { Answers, Definition } from '../../src/survey';
import { completeInterview, saveDraft, startInterview, type InterviewRecord, type SurveyDb } from '../../src/store';

function loadSipas(): Definition {
  const result = checkDefinitionData(sipasJson, 'survey-definitions/sipas-citizen.json');
  if (!result.ok) throw new Error(`sipas-citizen.json does not load: ${JSON.stringify(result.errors)}`);
  return result.definition;
}

export const sipas = loadSipas();

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/** Answers per section. `feedback` adds section C5 (shown only when feedbackGiven is "yes"). */
function answersBySection(n: number, feedback: boolean): [section: string, answers: Answers][] {
  const sat = (k: number) => String(((n + k) % 5) + 1);
  return [
    [
      'a-respondent',
      {
        district: 'bo-trach',
        commune: `Xã Hoàn Lão ${n}`,
        respondentType: n % 2 ? 'organisation' : 'individual',
        sex: n % 2 ? 'male' : 'female',
        ageBand: '35-49',
        ethnicity: 'kinh',
        education: 'upper-secondary',
        occupation: 'farming',
        area: 'rural',
      },
    ],
    [
      'b-procedure',
      {
        procedureField: 'land',
        submittedVia: 'commune',
        resultDate: yesterday(),
        trips: 1 + (n % 3),
        resultOnTime: 'on-time',
        extraPapers: 'no',
        feedbackGiven: feedback ? 'yes' : 'no',
      },
    ],
    ['c1-access', { c1_location: sat(1), c1_waiting: sat(2), c1_equipment: sat(3), c1_queue: sat(4) }],
    ['c2-procedure', { c2_published: sat(1), c2_documents: sat(2), c2_forms: sat(3), c2_fees: sat(4), c2_duration: sat(5) }],
    [
      'c3-official',
      { c3_courtesy: sat(1), c3_listening: sat(2), c3_answers: sat(3), c3_guidance: sat(4), c3_noHarassment: sat(5), c3_rules: sat(1) },
    ],
    ['c4-result', { c4_lawful: sat(2), c4_complete: sat(3), c4_accurate: sat(4), c4_timing: sat(5) }],
    ...(feedback ? ([['c5-feedback', { c5_channels: '4', c5_easy: '3', c5_handling: '4', c5_reply: '5' }]] as [string, Answers][]) : []),
    ['d-priorities', { improvePriorities: ['faster', 'online'], overallSat: sat(0), comment: `Phiếu số ${n}: cán bộ nhiệt tình.` }],
  ];
}

let counter = 0;

/** Starts, fills (one saveDraft per section, with section times) and completes an interview. */
export async function completeSipas(db: SurveyDb, options: { feedback?: boolean } = {}): Promise<InterviewRecord> {
  const n = ++counter;
  const record = await startInterview({ definition: sipas, respondentGroup: 'citizen', stratum: 'bo-trach', lang: n % 3 ? 'vi' : 'en' }, db);
  return answerSipas(db, record, n, options);
}

/** Fills a citizens' draft already started (one from a respondent link, say) as completeSipas does, and completes it. */
export async function answerSipas(db: SurveyDb, record: InterviewRecord, n = ++counter, options: { feedback?: boolean } = {}): Promise<InterviewRecord> {
  let answers: Answers = {};
  const sectionTimes: Record<string, number> = {};
  for (const [section, given] of answersBySection(n, options.feedback ?? n % 2 === 0)) {
    answers = { ...answers, ...given };
    sectionTimes[section] = 30_000 + n * 1000;
    await saveDraft(record.id, { answers, currentSectionId: section, sectionTimes }, db);
  }
  return completeInterview(record.id, {}, db);
}

export async function completeMany(db: SurveyDb, count: number): Promise<InterviewRecord[]> {
  const done: InterviewRecord[] = [];
  for (let i = 0; i < count; i++) done.push(await completeSipas(db));
  return done;
}
