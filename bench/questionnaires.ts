/**
 * Which questionnaire the browser figures run on: the largest in survey-definitions/ by answerable
 * items (a matrix counts one item per row), unless the generated stress questionnaire
 * (large-definition.ts) is larger; and that questionnaire's longest section.
 */
import { join } from 'node:path';
import { loadDefinitionFolder } from '../build/definitions-plugin';
import { answerItems, isAnswerable, visibility } from '../src/survey';
import type { Definition, Question, Section } from '../src/survey/types';
import { LARGE_FILE, largeDefinition } from './large-definition';

/** Answerable items of these questions: one per question, one per row of a matrix. */
export function answerableItems(def: Definition, questions: readonly Question[]): number {
  return questions.filter(isAnswerable).reduce((n, q) => n + answerItems(def, q), 0);
}

export const itemsOf = (def: Definition): number => def.sections.reduce((n, s) => n + answerableItems(def, s.questions), 0);

/** The section with the most answerable items among those shown before any answer (the first such on a tie). */
export function longestSection(def: Definition): Section {
  const shown = visibility(def, {}).sections;
  const candidates = def.sections.filter((s) => shown.has(s.id));
  const best = candidates.reduce<Section | undefined>((a, s) => (a && answerableItems(def, a.questions) >= answerableItems(def, s.questions) ? a : s), undefined);
  if (!best) throw new Error(`${def.id} shows no section before any answer`);
  return best;
}

export interface Chosen {
  definition: Definition;
  /** Where it comes from: a file of survey-definitions/, or the generated one. */
  source: string;
  generated: boolean;
  items: number;
  longest: Section;
  /** Every candidate with its size, for the note. */
  candidates: { source: string; id: string; items: number }[];
}

/**
 * The largest real questionnaire, or the generated one when every real one is smaller; `forced`
 * (a questionnaire id) picks one instead.
 */
export function chooseQuestionnaire(root: string, forced?: string): Chosen {
  const real = loadDefinitionFolder(join(root, 'survey-definitions')).map((f) => ({ source: f.file, definition: f.definition, generated: false }));
  const generated = { source: `bench/large-definition.ts (${LARGE_FILE})`, definition: largeDefinition(), generated: true };
  const all = [...real, generated].map((c) => ({ ...c, items: itemsOf(c.definition) }));
  // A real questionnaire wins a tie: the generated one stays only while every real one is smaller.
  const best = forced
    ? all.find((c) => c.definition.id === forced)
    : all.reduce((a, c) => (c.items > a.items || (c.items === a.items && a.generated && !c.generated) ? c : a));
  if (!best) throw new Error(`no questionnaire "${forced}": choose from ${all.map((c) => c.definition.id).join(', ')}`);
  return {
    definition: best.definition,
    source: best.source,
    generated: best.generated,
    items: best.items,
    longest: longestSection(best.definition),
    candidates: all.map((c) => ({ source: c.source, id: c.definition.id, items: c.items })),
  };
}
