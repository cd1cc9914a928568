/** Valid SIPAS interviews (survey-definitions/sipas-citizen.json) for server and sync tests. */
import { randomUUID } from 'node:crypto';
import type { Submission } from '../../src/contract';

/** A complete, valid set of answers: in person, on time, no extra papers, no feedback given. */
export function validSipasAnswers(): Submission['answers'] {
  return {
    district: 'dong-hoi',
    commune: 'Phường Hải Đình',
    respondentType: 'individual',
    sex: 'female',
    ageBand: '35-49',
    ethnicity: 'kinh',
    education: 'upper-secondary',
    occupation: 'trade',
    area: 'urban',
    procedureField: 'land',
    submittedVia: 'district-onestop',
    resultDate: '2024-10-01',
    trips: 2,
    resultOnTime: 'on-time',
    extraPapers: 'no',
    feedbackGiven: 'no',
    c1_location: '4',
    c1_waiting: '3',
    c1_equipment: '4',
    c1_queue: '5',
    c2_published: '4',
    c2_documents: '4',
    c2_forms: '3',
    c2_fees: '5',
    c2_duration: '2',
    c3_courtesy: '5',
    c3_listening: '4',
    c3_answers: '4',
    c3_guidance: '4',
    c3_noHarassment: '5',
    c3_rules: '4',
    c4_lawful: '5',
    c4_complete: '4',
    c4_accurate: '5',
    c4_timing: '3',
    improvePriorities: ['faster', 'attitude'],
    overallSat: '4',
    comment: 'Cán bộ nhiệt tình.',
  };
}

type Overrides = Partial<Omit<Submission, 'answers'>> & { answers?: Submission['answers'] };

/**
 * A valid SIPAS interview with a new UUID; `overrides.answers` is merged into the valid answers.
 * The district asked is the interview's stratum (the question records it), unless given.
 */
export function validSipasSubmission(overrides: Overrides = {}): Submission {
  const { answers, ...rest } = overrides;
  const stratum = rest.stratum ?? 'dong-hoi';
  return {
    id: randomUUID(),
    surveyId: 'sipas-citizen',
    surveyVersion: 1,
    respondentGroup: 'citizen',
    stratum: 'dong-hoi',
    lang: 'vi',
    answers: { ...validSipasAnswers(), district: stratum, ...answers },
    startedAt: '2024-11-05T09:00:00.000+07:00',
    completedAt: '2024-11-05T09:17:30.000+07:00',
    sectionTimes: { 'a-respondent': 120, 'b-procedure': 200, 'c1-access': 90 },
    ...rest,
  };
}

/** What version 2 (survey-definitions/sipas-citizen-v2.json) asks beyond version 1, answered for the same path. */
export function sipasV2Additions(): Submission['answers'] {
  return {
    agencyLevel: 'district',
    infoSource: ['posted', 'staff'],
    c1_contact: '4',
    c2_paperwork: '3',
    c3_attentive: '5',
    c4_delivery: '4',
    expectChannel: 'online',
  };
}

/** A valid interview of version 2 of the citizens' questionnaire, the one the default campaign assigns. */
export function validSipasV2Submission(overrides: Overrides = {}): Submission {
  const { answers, ...rest } = overrides;
  return validSipasSubmission({ surveyVersion: 2, ...rest, answers: { ...sipasV2Additions(), ...answers } });
}

/** The same interview without some answers. */
export function withoutAnswers(item: Submission, ...ids: string[]): Submission {
  const answers = { ...item.answers };
  for (const id of ids) delete answers[id];
  return { ...item, answers };
}
