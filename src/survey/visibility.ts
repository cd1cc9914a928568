/**
 * Which sections and questions are shown for a set of answers, and the answers that are kept.
 * Conditions may only name earlier questions (checked when a definition loads), so one pass in
 * document order, reading only answers already known to be visible, gives the final state.
 */
import { evaluate, isAnswered } from './conditions';
import { isAnswerable, layoutOf, optionsOf, questionIndex, type Step } from './model';
import type { AnswerValue, Answers, Definition } from './types';
import { OTHER_SUFFIX } from './types';

export interface Visibility {
  sections: ReadonlySet<string>;
  questions: ReadonlySet<string>;
}

export interface VisibleState extends Visibility {
  /** The answers with everything hidden (and orphan “specify” texts) removed. */
  kept: Answers;
}

/** What `walk` finds: the shown sections and questions in document order, and the answers kept. */
export interface Walk {
  sections: string[];
  shown: Step[];
  /** The answer to each shown question when it is answered (`isAnswered`), else undefined. */
  values: (AnswerValue | undefined)[];
  kept: Answers;
}

/** The one pass behind `resolve` and `checkAnswers`. */
export function walk(def: Definition, answers: Answers): Walk {
  const sections: string[] = [];
  const shown: Step[] = [];
  const values: (AnswerValue | undefined)[] = [];
  const kept: Answers = {};
  for (const { section, visibleIf, steps } of layoutOf(def).sections) {
    if (visibleIf && !evaluate(visibleIf, kept)) continue;
    sections.push(section.id);
    for (const step of steps) {
      if (step.visibleIf && !evaluate(step.visibleIf, kept)) continue;
      shown.push(step);
      if (!step.answerable) {
        values.push(undefined);
        continue;
      }
      const id = step.id;
      const given = answers[id];
      const value = isAnswered(given) ? given : undefined;
      values.push(value);
      if (value !== undefined) kept[id] = value;
      // Only a question with an option marked “other” keeps a specify text, when that option is
      // chosen (read from `kept`, where another question's specify text may share this id).
      const key = step.specify;
      if (key === undefined || !selectsOther(step, value ?? kept[id])) continue;
      const other = answers[key];
      if (other !== undefined) kept[key] = other;
    }
  }
  return { sections, shown, values, kept };
}

export function resolve(def: Definition, answers: Answers): VisibleState {
  const { sections, shown, kept } = walk(def, answers);
  const questions = new Set<string>();
  for (const step of shown) questions.add(step.id);
  return { sections: new Set(sections), questions, kept };
}

/** True when `value` (an answer to the question of `step`) selects an option marked “other, please specify”. */
export function selectsOther(step: Step, value: AnswerValue | undefined): boolean {
  if (typeof value === 'string') return step.otherValues.has(value);
  return Array.isArray(value) && value.some((v) => step.otherValues.has(v));
}

/** True when the answer to a choice question selects an option marked “other, please specify”. */
export function otherSelected(def: Definition, questionId: string, answers: Answers): boolean {
  const place = questionIndex(def).get(questionId);
  if (!place) return false;
  const value = answers[questionId];
  const selected = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return optionsOf(def, place.question).some((o) => o.other === true && selected.includes(o.value));
}

export const visibility = (def: Definition, answers: Answers): Visibility => resolve(def, answers);

/** The answers to keep: hidden questions' answers are not kept. */
export const keptAnswers = (def: Definition, answers: Answers): Answers => resolve(def, answers).kept;

export const isOtherKey = (key: string): boolean => key.endsWith(OTHER_SUFFIX);

export interface Progress {
  answered: number;
  total: number;
}

/** Answered versus shown questions (notes excluded). */
export function progress(def: Definition, answers: Answers): Progress {
  const { questions, kept } = resolve(def, answers);
  let answered = 0;
  let total = 0;
  for (const id of questions) {
    const q = questionIndex(def).get(id)?.question;
    if (!q || !isAnswerable(q)) continue;
    total += 1;
    if (isAnswered(kept[id])) answered += 1;
  }
  return { answered, total };
}
