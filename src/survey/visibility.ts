/**
 * Which sections and questions are shown for a set of answers, and the answers that are kept.
 * Conditions may only name earlier questions (checked when a definition loads), so one pass in
 * document order, reading only answers already known to be visible, gives the final state.
 */
import { evaluate, isAnswered } from './conditions';
import { isAnswerable, questionIndex } from './model';
import type { Answers, Definition } from './types';
import { OTHER_SUFFIX, otherKey } from './types';
import { optionsOf } from './model';

export interface Visibility {
  sections: ReadonlySet<string>;
  questions: ReadonlySet<string>;
}

export interface VisibleState extends Visibility {
  /** The answers with everything hidden (and orphan “specify” texts) removed. */
  kept: Answers;
}

export function resolve(def: Definition, answers: Answers): VisibleState {
  const sections = new Set<string>();
  const questions = new Set<string>();
  const kept: Answers = {};
  const others = specifyKeys(def);
  for (const section of def.sections) {
    if (section.visibleIf && !evaluate(section.visibleIf, kept)) continue;
    sections.add(section.id);
    for (const q of section.questions) {
      if (q.visibleIf && !evaluate(q.visibleIf, kept)) continue;
      questions.add(q.id);
      if (!isAnswerable(q)) continue;
      const value = answers[q.id];
      if (isAnswered(value)) kept[q.id] = value;
      const key = others.get(q.id);
      if (key === undefined) continue;
      const other = answers[key];
      if (other !== undefined && otherSelected(def, q.id, kept)) kept[key] = other;
    }
  }
  return { sections, questions, kept };
}

const specifyCache = new WeakMap<Definition, Map<string, string>>();

/**
 * The questions that have an option marked “other, please specify”, each with the key of its
 * specify text (cached per definition): only these can keep such a text (`otherSelected`).
 */
export function specifyKeys(def: Definition): ReadonlyMap<string, string> {
  let keys = specifyCache.get(def);
  if (!keys) {
    keys = new Map();
    for (const [id, place] of questionIndex(def)) if (optionsOf(def, place.question).some((o) => o.other === true)) keys.set(id, otherKey(id));
    specifyCache.set(def, keys);
  }
  return keys;
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
