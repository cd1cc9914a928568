/** How long a questionnaire takes a respondent, as the welcome says it. */
import { answerItems, isAnswerable, questionIndex, resolve, type Definition } from '../../survey';

/** About how long one answer takes on a phone: one question, or one row of a matrix. */
export const SECONDS_PER_ANSWER = 15;

export interface Length {
  /** Questions shown before any answer (answers may reveal a few more). */
  questions: number;
  /** Minutes at SECONDS_PER_ANSWER per answer, rounded up (to the minute under 10, else to 5 minutes): better done sooner than said. */
  minutes: number;
}

/**
 * The questions the respondent sees with no answers yet, and the time they take: a matrix counts
 * one answer per row (rating 20 departments is 20 answers), a note none.
 */
export function questionnaireLength(definition: Definition): Length {
  const { questions } = resolve(definition, {});
  const index = questionIndex(definition);
  let count = 0;
  let answers = 0;
  for (const id of questions) {
    const question = index.get(id)?.question;
    if (!question || !isAnswerable(question)) continue;
    count += 1;
    answers += answerItems(definition, question);
  }
  const exact = (answers * SECONDS_PER_ANSWER) / 60;
  const minutes = exact <= 10 ? Math.max(1, Math.ceil(exact)) : Math.ceil(exact / 5) * 5;
  return { questions: count, minutes };
}
