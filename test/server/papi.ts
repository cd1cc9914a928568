/** Valid papi-citizen interviews (survey-definitions/papi-citizen.json, in no campaign's groups) for server and e2e tests. */
import { randomUUID } from 'node:crypto';
import type { Submission } from '../../src/contract';
import { completeAnswers, problemsOf, shippedDefinitions } from '../survey/answer-sets';

export const papi = shippedDefinitions().find((d) => d.definition.id === 'papi-citizen')!.definition;

let answers: Submission['answers'] | undefined;

/** Every answer the questionnaire shows on the path its first options open, valid under the engine's rules. */
function papiAnswers(): Submission['answers'] {
  if (!answers) {
    const complete = completeAnswers(papi);
    const problems = problemsOf(papi, complete);
    if (Object.keys(problems).length > 0) throw new Error(`no valid answers for papi-citizen: ${JSON.stringify(problems)}`);
    answers = Object.fromEntries(Object.entries(complete).filter(([, v]) => v !== undefined)) as Submission['answers'];
  }
  return structuredClone(answers);
}

/** A valid PAPI interview in the first district, completed in November 2021 unless `overrides` say otherwise. */
export function papiSubmission(overrides: Partial<Submission> = {}): Submission {
  const list = papi.lists?.[papi.respondentGroups[0]!.stratumList!] ?? [];
  return {
    id: randomUUID(),
    surveyId: papi.id,
    surveyVersion: papi.version,
    respondentGroup: 'citizen',
    stratum: list[0]!.value,
    lang: 'vi',
    answers: papiAnswers(),
    startedAt: '2021-11-10T08:00:00.000+07:00',
    completedAt: '2021-11-10T08:40:00.000+07:00',
    sectionTimes: {},
    ...overrides,
  };
}
