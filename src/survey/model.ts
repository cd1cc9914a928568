/** Lookups over a definition: a question's options, a matrix's rows, the flat question order. */
import type {
  AnswerableQuestion,
  Definition,
  Lang,
  ListItem,
  Option,
  Question,
  Section,
  Text,
} from './types';

export const tr = (text: Text, lang: Lang): string => text[lang];

export function isAnswerable(q: Question): q is AnswerableQuestion {
  return q.type !== 'note';
}

/** The options a single or multiple choice question offers, or a matrix's scale. */
export function optionsOf(def: Definition, q: Question): readonly Option[] {
  if (q.type === 'matrix') return def.scales?.[q.scale]?.options ?? [];
  if (q.type !== 'single' && q.type !== 'multiple') return [];
  if (q.options) return q.options;
  if (q.scale !== undefined) return def.scales?.[q.scale]?.options ?? [];
  if (q.optionsFrom !== undefined) return def.lists?.[q.optionsFrom] ?? [];
  return [];
}

/** The rows of a matrix: its own, or every unit of a list (each department, each district). */
export function rowsOf(def: Definition, q: Question): readonly ListItem[] {
  if (q.type !== 'matrix') return [];
  return q.rows ?? (q.rowsFrom !== undefined ? (def.lists?.[q.rowsFrom] ?? []) : []);
}

/** The answers a question asks for: one per row of a matrix (at least one), else one. */
export const answerItems = (def: Definition, q: Question): number => (q.type === 'matrix' ? Math.max(1, rowsOf(def, q).length) : 1);

export interface QuestionPlace {
  question: Question;
  section: Section;
  sectionIndex: number;
  /** Position in the whole questionnaire, counting from 0. */
  order: number;
}

const indexCache = new WeakMap<Definition, Map<string, QuestionPlace>>();

/** Every question by id, with its section and document order. Cached per definition object. */
export function questionIndex(def: Definition): Map<string, QuestionPlace> {
  let index = indexCache.get(def);
  if (!index) {
    index = new Map();
    let order = 0;
    def.sections.forEach((section, sectionIndex) => {
      for (const question of section.questions) {
        if (!index!.has(question.id)) index!.set(question.id, { question, section, sectionIndex, order });
        order += 1;
      }
    });
    indexCache.set(def, index);
  }
  return index;
}

export function countQuestions(def: Definition): number {
  return def.sections.reduce((n, s) => n + s.questions.filter(isAnswerable).length, 0);
}
