/**
 * Checks one submitted interview against the questionnaire version it was filled with, using the
 * same engine that drove the form (strict: answers to hidden or unknown questions are errors).
 */
import type { Submission, SubmitResult } from '../../contract';
import { alignStratumAnswer, checkAnswers } from '../../survey';
import type { Answers, Definition } from '../../survey';
import type { Catalog } from '../definitions/catalog';

export type Checked = { ok: true; definition: Definition; answers: Answers } | { ok: false; result: SubmitResult };

const rejected = (item: Submission, code: NonNullable<SubmitResult['code']>, message: string, extra: Partial<SubmitResult> = {}): Checked => ({
  ok: false,
  result: { id: item.id, status: 'rejected', code, message, ...extra },
});

/**
 * "Today" for date questions bounded by today: the date in the time zone furthest ahead (UTC+14),
 * so an answer that was today on the device is never refused because the server is behind it.
 */
export function latestToday(now = new Date()): string {
  return new Date(now.getTime() + 14 * 3600 * 1000).toISOString().slice(0, 10);
}

export function checkItem(catalog: Catalog, item: Submission, now = new Date()): Checked {
  if (!catalog.has(item.surveyId))
    return rejected(item, 'unknown_survey', `There is no questionnaire "${item.surveyId}" on this server.`);
  const entry = catalog.get(item.surveyId, item.surveyVersion);
  if (!entry)
    return rejected(item, 'unknown_version', `The questionnaire "${item.surveyId}" has no version ${item.surveyVersion} on this server.`);
  const def = entry.definition;
  const group = def.respondentGroups.find((g) => g.id === item.respondentGroup);
  if (!group)
    return rejected(item, 'unknown_group', `The questionnaire "${def.id}" does not serve the respondent group "${item.respondentGroup}".`);
  // A group with a stratum list needs a stratum; any code is taken. The campaign may plan strata
  // the list lacks (next year's units need no new questionnaire version), and a stratum neither the
  // list nor the current campaign knows came from a campaign all the same (the device offers no
  // other): one the coordinators removed after the tablet synced, or planned by a campaign this
  // process has not read yet. Refusing it would lose an interview its enumerator cannot change;
  // it is stored, counted, and shown as unplanned (target 0) in the quotas.
  if (group.stratumList !== undefined) {
    if (item.stratum === undefined)
      return rejected(item, 'unknown_stratum', `The respondent group "${group.id}" needs a stratum (a value of the list "${group.stratumList}", or one the campaign plans).`);
  } else if (item.stratum !== undefined) {
    return rejected(item, 'unknown_stratum', `The respondent group "${group.id}" has no strata, but "${item.stratum}" was sent.`);
  }
  // The answer recording the stratum (fromStratum) is the stratum: filled when missing, and set to
  // it when a tablet on an app from before that rule recorded another one. The stratum is what
  // the quotas counted, and refusing would lose a completed interview its enumerator cannot change.
  const stratum = { respondentGroup: group.id, stratum: item.stratum };
  const { answers } = alignStratumAnswer(def, item.answers, stratum);
  // One pass of the engine gives both the problems and the answers to keep. A matrix rating the
  // campaign's strata is taken with the rows the device's campaign gave it (the server's may have
  // changed since, or the device's be older): every rated row is kept as sent, a code neither a
  // campaign nor the questionnaire knows included (the exports name it so), never a reason to refuse.
  const { errors, kept } = checkAnswers(def, answers, { strict: true, today: latestToday(now), stratum, receivedStrataRows: true });
  const count = Object.keys(errors).length;
  if (count > 0)
    return rejected(item, 'invalid_answers', `${count} answer(s) break the rules of "${def.id}" version ${def.version}.`, { errors });
  return { ok: true, definition: def, answers: kept };
}
