/** Lookups over a definition: a question's options, a matrix's rows, the flat question order. */
import type {
  AnswerValue,
  AnswerableQuestion,
  Answers,
  ChoiceQuestion,
  Condition,
  Definition,
  Lang,
  ListItem,
  Option,
  Question,
  Section,
  Text,
  TextLang,
} from './types';
import { OTHER_SUFFIX, otherKey } from './types';
import { stratumListRows } from './strata-rows';
import { pickText } from './languages';

/**
 * A text in `lang` (an interface language, or any language of the questionnaire), falling back to
 * Vietnamese, then English. The form uses `textPicker` (./languages), which falls back to the
 * questionnaire's default language first.
 */
export const tr = (text: Text, lang: Lang | TextLang): string => pickText(text, lang);

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

const NONE: readonly Option[] = Object.freeze([]);
const NO_PARENTS: readonly string[] = Object.freeze([]);

/** A question's choice filter made ready once: the questions it reads, and the options each set of their answers offers. */
interface PreparedFilter {
  parents: readonly string[];
  offered: ReadonlyMap<string, readonly Option[]>;
}

const filterCache = new WeakMap<Definition, WeakMap<Question, PreparedFilter | null>>();

/** One key per combination of parent answers (the answer itself for the usual single parent). */
const filterKey = (values: readonly string[]): string => (values.length === 1 ? values[0]! : JSON.stringify(values));

/**
 * The filter of `q`, cached per definition and question: the form asks on every render of the
 * question and the server for every interview, so the options are grouped by their data once,
 * and each lookup is one map read (the same array each time, for React's memoisation too).
 */
function preparedFilter(def: Definition, q: Question): PreparedFilter | null {
  if ((q.type !== 'single' && q.type !== 'multiple') || !q.choiceFilter) return null;
  let byQuestion = filterCache.get(def);
  if (!byQuestion) filterCache.set(def, (byQuestion = new WeakMap()));
  let prepared = byQuestion.get(q);
  if (prepared === undefined) {
    const filter = q.choiceFilter;
    const offered = new Map<string, Option[]>();
    for (const o of optionsOf(def, q)) {
      const values = filter.map((f) => o.data?.[f.field]);
      // An option without the data a filter reads is never offered (check.ts refuses such a definition).
      if (values.some((v) => v === undefined)) continue;
      const key = filterKey(values as string[]);
      const list = offered.get(key);
      if (list) list.push(o);
      else offered.set(key, [o]);
    }
    prepared = { parents: filter.map((f) => f.q), offered };
    byQuestion.set(q, prepared);
  }
  return prepared;
}

/** A parent's answer as the text options' data are compared with; undefined when unanswered (or not a single choice's answer). */
function parentValue(v: AnswerValue | undefined): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  return undefined;
}

/** The questions the choice filter of `q` reads, in its order (the same array each time; empty without a filter). */
export function choiceFilterParents(def: Definition, q: Question): readonly string[] {
  return preparedFilter(def, q)?.parents ?? NO_PARENTS;
}

/** The first question the choice filter of `q` reads that `answers` leave unanswered, if any. */
export function unansweredFilterParent(def: Definition, q: Question, answers: Answers): string | undefined {
  return preparedFilter(def, q)?.parents.find((p) => parentValue(answers[p]) === undefined);
}

/**
 * The options a choice question offers for these answers: with a choice filter, those whose
 * `data` match the answers it reads (none while one of them is unanswered); otherwise all of
 * `optionsOf`.
 */
export function offeredOptions(def: Definition, q: ChoiceQuestion, answers: Answers): readonly Option[] {
  const filter = preparedFilter(def, q);
  if (!filter) return optionsOf(def, q);
  const values: string[] = [];
  for (const p of filter.parents) {
    const v = parentValue(answers[p]);
    if (v === undefined) return NONE;
    values.push(v);
  }
  return filter.offered.get(filterKey(values)) ?? NONE;
}

/**
 * The rows of a matrix: its own, or every unit of a list (each department, each district). A
 * matrix rating the campaign's strata has the rows its interview was bound to (bindStrataRows);
 * unbound, the items of the respondent groups' stratum lists (see strata-rows.ts).
 */
export function rowsOf(def: Definition, q: Question): readonly ListItem[] {
  if (q.type !== 'matrix') return [];
  if (q.rows) return q.rows;
  if (q.rowsFrom === undefined) return [];
  return typeof q.rowsFrom === 'string' ? (def.lists?.[q.rowsFrom] ?? []) : stratumListRows(def);
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

/**
 * One question in document order with what checking an answer to it needs, made ready once per
 * definition (`layoutOf`): the engine checks every page of the form and every interview the server
 * receives, so sets replace scans of the options.
 */
export interface Step {
  /** The question as placed, its id and condition, and whether it takes an answer (not a note). */
  question: Question;
  id: string;
  visibleIf: Condition | undefined;
  answerable: boolean;
  /** The question its id names: the first with that id (ids are unique in a checked definition). */
  named: Question;
  /** The values of `named`'s options (a matrix's scale). */
  values: ReadonlySet<string>;
  /** The values of `named`'s rows (a matrix). */
  rows: ReadonlySet<string>;
  /** The values of its options marked “other, please specify”. */
  otherValues: ReadonlySet<string>;
  /** The key of its specify text, when it has such an option. */
  specify: string | undefined;
}

export interface Layout {
  sections: readonly { section: Section; visibleIf: Condition | undefined; steps: readonly Step[] }[];
  /** True when some question id is used twice (a definition not checked). */
  repeats: boolean;
  /** The answer keys the questionnaire knows: a question that takes an answer, or its specify text. */
  answerKeys: ReadonlySet<string>;
}

const layoutCache = new WeakMap<Definition, Layout>();
const NO_VALUES: ReadonlySet<string> = new Set();

/**
 * The questions of `def` in document order, ready for checking (cached per definition object: a
 * definition bound to one interview is a new object with its own layout).
 */
export function layoutOf(def: Definition): Layout {
  let layout = layoutCache.get(def);
  if (layout) return layout;
  const index = questionIndex(def);
  const sets = new Map<readonly { value: string }[], ReadonlySet<string>>();
  const valuesOf = (items: readonly { value: string }[]): ReadonlySet<string> => {
    let set = sets.get(items);
    if (!set) sets.set(items, (set = items.length > 0 ? new Set(items.map((i) => i.value)) : NO_VALUES));
    return set;
  };
  const answerKeys = new Set<string>();
  for (const [id, place] of index)
    if (isAnswerable(place.question)) {
      if (!id.endsWith(OTHER_SUFFIX)) answerKeys.add(id);
      answerKeys.add(otherKey(id));
    }
  const seen = new Set<string>();
  let repeats = false;
  const sections = def.sections.map((section) => ({
    section,
    visibleIf: section.visibleIf,
    steps: section.questions.map((question): Step => {
      const named = index.get(question.id)!.question;
      const options = optionsOf(def, named);
      const others = options.filter((o) => o.other === true);
      repeats ||= seen.has(question.id);
      seen.add(question.id);
      return {
        question,
        id: question.id,
        visibleIf: question.visibleIf,
        answerable: isAnswerable(question),
        named,
        values: valuesOf(options),
        rows: valuesOf(rowsOf(def, named)),
        otherValues: valuesOf(others),
        specify: others.length > 0 ? otherKey(question.id) : undefined,
      };
    }),
  }));
  layout = { sections, repeats, answerKeys };
  layoutCache.set(def, layout);
  return layout;
}

export function countQuestions(def: Definition): number {
  return def.sections.reduce((n, s) => n + s.questions.filter(isAnswerable).length, 0);
}
