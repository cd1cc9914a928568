/**
 * Valid interviews of the officials' questionnaires for server tests: each group of the default
 * campaign (delegates, department, unit and district leaders) gets the questionnaire the campaign
 * assigns it, answered completely by walking the questionnaire (test/survey/answer-sets.ts).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Submission } from '../../src/contract';
import type { Definition } from '../../src/survey';
import { parseDefinition } from '../../src/survey/load';
import { completeAnswers, problemsOf } from '../survey/answer-sets';
import { defaultCampaign } from './campaign-fixtures';
import { DEFINITIONS_DIR } from './harness';

/** The questionnaire (id and version) the default campaign assigns to an officials' group. */
export function officialsQuestionnaire(group: string): { id: string; version: number } {
  const found = defaultCampaign().groups.find((g) => g.id === group);
  if (!found) throw new Error(`the default campaign has no group "${group}"`);
  return found.questionnaire;
}

const cache = new Map<string, { definition: Definition; answers: Submission['answers'] }>();

function questionnaireOf(group: string): { definition: Definition; answers: Submission['answers'] } {
  const { id, version } = officialsQuestionnaire(group);
  const key = `${id}@${version}`;
  let entry = cache.get(key);
  if (!entry) {
    const definition = readdirSync(DEFINITIONS_DIR)
      .filter((f) => f.endsWith('.json') && f !== 'schema.json')
      .map((f) => parseDefinition(readFileSync(join(DEFINITIONS_DIR, f), 'utf8'), f))
      .flatMap((r) => (r.ok ? [r.definition] : []))
      .find((d) => d.id === id && d.version === version);
    if (!definition) throw new Error(`survey-definitions/ has no ${key}`);
    const complete = completeAnswers(definition);
    const problems = problemsOf(definition, complete);
    if (Object.keys(problems).length > 0) throw new Error(`no valid answers for ${key}: ${JSON.stringify(problems)}`);
    const answers: Submission['answers'] = {};
    for (const [k, v] of Object.entries(complete)) if (v !== undefined) answers[k] = v;
    entry = { definition, answers };
    cache.set(key, entry);
  }
  return entry;
}

/** Every answer the questionnaire of `group` shows, valid under the engine's rules. */
export function validOfficialsAnswers(group: string): Submission['answers'] {
  return structuredClone(questionnaireOf(group).answers);
}

/** A valid interview for `group` (and `stratum`, which groups other than delegates need) of the questionnaire the campaign assigns it. */
export function officialsSubmission(group: string, stratum?: string, overrides: Partial<Submission> = {}): Submission {
  const { definition } = questionnaireOf(group);
  return {
    id: randomUUID(),
    surveyId: definition.id,
    surveyVersion: definition.version,
    respondentGroup: group,
    ...(stratum !== undefined ? { stratum } : {}),
    lang: 'vi',
    answers: validOfficialsAnswers(group),
    startedAt: '2021-11-10T09:00:00.000+07:00',
    completedAt: '2021-11-10T09:20:00.000+07:00',
    sectionTimes: { 'a-respondent': 60, 'b3-procedures': 300 },
    ...overrides,
  };
}
