/**
 * Answer sets built only from a definition's own options, rows and ranges: a complete valid set
 * for whatever path earlier answers open, and the search that proves a skip condition can be met
 * (and missed). Used by the tests of the shipped questionnaires and by server fixtures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, isAnswerable, optionsOf, otherKey, questionIndex, references, resolve, rowsOf, validateAnswers } from '../../src/survey';
import type { AnswerErrors, AnswerValue, Answers, AnswerableQuestion, Condition, Definition, Question, Section } from '../../src/survey';
import { parseDefinition } from '../../src/survey/load';

export const DEFINITIONS_DIR = join(import.meta.dirname, '../../survey-definitions');

/** The day the answer sets are checked against (date questions bounded by "today"): today, as on a device. */
export const TODAY = ((d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`)(new Date());

export interface ShippedDefinition {
  file: string;
  definition: Definition;
}

/** Every questionnaire in survey-definitions/, parsed and checked by the engine (throws on a broken one). */
export function shippedDefinitions(dir = DEFINITIONS_DIR): ShippedDefinition[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'schema.json')
    .sort()
    .map((f) => {
      const result = parseDefinition(readFileSync(join(dir, f), 'utf8'), f);
      if (!result.ok) throw new Error(`${f} does not load: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
      return { file: f, definition: result.definition };
    });
}

/** The newest version of a shipped questionnaire. */
export function newestShipped(id: string, dir = DEFINITIONS_DIR): Definition {
  const versions = shippedDefinitions(dir)
    .map((s) => s.definition)
    .filter((d) => d.id === id)
    .sort((a, b) => b.version - a.version);
  if (!versions[0]) throw new Error(`no questionnaire "${id}" in ${dir}`);
  return versions[0];
}

const SPECIFY = 'Nội dung khác do người trả lời ghi';

/** Values tried, in turn, to answer a question in a complete set: substantive answers first. */
function fillValues(def: Definition, q: AnswerableQuestion): AnswerValue[] {
  switch (q.type) {
    case 'single': {
      const options = optionsOf(def, q);
      return [...options.filter((o) => !o.missing && !o.other), ...options.filter((o) => o.other), ...options.filter((o) => o.missing && !o.other)].map((o) => o.value);
    }
    case 'multiple': {
      const options = optionsOf(def, q);
      const open = options.filter((o) => !o.exclusive && !o.other);
      const least = Math.max(1, q.minSelected ?? 1);
      const values: AnswerValue[] = [];
      if (open.length >= least) values.push(open.slice(0, least).map((o) => o.value));
      for (const o of options.filter((x) => x.exclusive || x.other)) values.push([o.value]);
      return values;
    }
    case 'matrix': {
      const rows = rowsOf(def, q);
      return optionsOf(def, q).map((o) => Object.fromEntries(rows.map((r) => [r.value, o.value])));
    }
    case 'integer':
    case 'decimal': {
      const low = q.min ?? 0;
      return [...new Set([low, low + 1, q.max ?? low + 10])].filter((n) => q.max === undefined || n <= q.max);
    }
    case 'text':
      return ['Phường Hải Đình'.slice(0, q.maxLength ?? 100)];
    case 'longtext':
      return ['Đề nghị tiếp tục đơn giản hóa thủ tục và công khai kết quả giải quyết.'.slice(0, q.maxLength ?? 2000)];
    case 'date': {
      const max = q.max === 'today' ? TODAY : q.max;
      const min = q.min === 'today' ? TODAY : q.min;
      return [max ?? min ?? TODAY];
    }
  }
}

/** A value that stands for "leave this question unanswered" in a set of fixed answers. */
export const UNANSWERED = Symbol('unanswered');
export type Fixed = ReadonlyMap<string, AnswerValue | typeof UNANSWERED>;

function selectsOther(def: Definition, q: AnswerableQuestion, value: AnswerValue): boolean {
  if (q.type !== 'single' && q.type !== 'multiple') return false;
  const selected = Array.isArray(value) ? value : [value];
  return optionsOf(def, q).some((o) => o.other === true && selected.includes(o.value));
}

function withValue(def: Definition, answers: Answers, q: AnswerableQuestion, value: AnswerValue): Answers {
  const next: Answers = { ...answers, [q.id]: value };
  if (selectsOther(def, q, value)) next[otherKey(q.id)] = SPECIFY;
  return next;
}

const isShown = (c: Condition | undefined, answers: Answers) => c === undefined || evaluate(c, answers);

/**
 * Walks the questionnaire in order like a respondent: every shown question gets the fixed value
 * when one is given (or stays unanswered for UNANSWERED), else the first value the engine
 * accepts for it. Hidden questions get nothing, so the result is what the form would keep.
 */
export function completeAnswers(def: Definition, fixed: Fixed = new Map()): Answers {
  let answers: Answers = {};
  for (const section of def.sections) {
    if (!isShown(section.visibleIf, answers)) continue;
    for (const q of section.questions) {
      if (!isAnswerable(q) || !isShown(q.visibleIf, answers)) continue;
      const given = fixed.get(q.id);
      if (given === UNANSWERED) continue;
      if (given !== undefined) {
        answers = withValue(def, answers, q, given);
        continue;
      }
      for (const value of fillValues(def, q)) {
        const trial = withValue(def, answers, q, value);
        const errors = validateAnswers(def, trial, { only: new Set([q.id]), today: TODAY });
        if (Object.keys(errors).length === 0) {
          answers = trial;
          break;
        }
      }
    }
  }
  return answers;
}

/** The engine's verdict on a whole interview, as the server applies it. */
export const problemsOf = (def: Definition, answers: Answers): AnswerErrors => validateAnswers(def, answers, { strict: true, today: TODAY });

// Reaching skip conditions --------------------------------------------------------------------

/** A section or question that has a visibleIf. */
export interface Conditional {
  kind: 'section' | 'question';
  id: string;
  condition: Condition;
}

export function conditionals(def: Definition): Conditional[] {
  const out: Conditional[] = [];
  for (const s of def.sections) {
    if (s.visibleIf) out.push({ kind: 'section', id: s.id, condition: s.visibleIf });
    for (const q of s.questions) if (q.visibleIf) out.push({ kind: 'question', id: q.id, condition: q.visibleIf });
  }
  return out;
}

function sectionOf(def: Definition, questionId: string): Section | undefined {
  return questionIndex(def).get(questionId)?.section;
}

/** Every condition that decides whether `target` is shown: its own, its section's, and those of the questions they read, transitively. */
function deciding(def: Definition, target: Conditional): Condition[] {
  const conditions: Condition[] = [];
  const seen = new Set<string>();
  const add = (c: Condition | undefined) => {
    if (!c) return;
    conditions.push(c);
    for (const { q } of references(c)) {
      if (seen.has(q)) continue;
      seen.add(q);
      add(questionIndex(def).get(q)?.question.visibleIf);
      add(sectionOf(def, q)?.visibleIf);
    }
  };
  add(target.condition);
  if (target.kind === 'question') add(sectionOf(def, target.id)?.visibleIf);
  return conditions;
}

interface Comparison {
  row?: string | undefined;
  values: (string | number | boolean)[];
  numbers: number[];
}

function comparisons(conditions: readonly Condition[]): Map<string, Comparison[]> {
  const out = new Map<string, Comparison[]>();
  const visit = (c: Condition) => {
    c.all?.forEach(visit);
    c.any?.forEach(visit);
    if (c.not) visit(c.not);
    if (c.q === undefined) return;
    const values = [c.equals, c.notEquals, ...(c.oneOf ?? []), c.includes].filter((v) => v !== undefined);
    const numbers = [c.gt, c.gte, c.lt, c.lte, ...values.filter((v): v is number => typeof v === 'number')].filter((v): v is number => v !== undefined);
    out.set(c.q, [...(out.get(c.q) ?? []), { row: c.row, values, numbers }]);
  };
  conditions.forEach(visit);
  return out;
}

/**
 * The values worth trying for a question that a condition reads: each value the conditions name,
 * one they do not name, numbers on both sides of every bound, and no answer at all.
 */
function probeValues(def: Definition, q: Question, seen: readonly Comparison[]): (AnswerValue | typeof UNANSWERED)[] {
  if (!isAnswerable(q)) return [UNANSWERED];
  const named = new Set(seen.flatMap((c) => c.values.map(String)));
  const out: (AnswerValue | typeof UNANSWERED)[] = [UNANSWERED];
  switch (q.type) {
    case 'single':
    case 'multiple': {
      const options = optionsOf(def, q).map((o) => o.value);
      const chosen = [...options.filter((v) => named.has(v)), ...options.filter((v) => !named.has(v)).slice(0, 1)];
      for (const v of chosen) out.push(q.type === 'single' ? v : [v]);
      break;
    }
    case 'matrix': {
      // Every row answered (a required matrix needs them all), the rows the conditions name set to each option.
      const options = optionsOf(def, q);
      const base = options.find((o) => !o.missing)?.value ?? options[0]?.value ?? '';
      const namedRows = new Set(seen.map((c) => c.row).filter((r): r is string => r !== undefined));
      const rows = rowsOf(def, q).map((r) => r.value);
      for (const o of options) out.push(Object.fromEntries(rows.map((r) => [r, namedRows.size === 0 || namedRows.has(r) ? o.value : base])));
      break;
    }
    case 'integer':
    case 'decimal': {
      const step = q.type === 'integer' ? 1 : 0.5;
      const bounds = seen.flatMap((c) => c.numbers).flatMap((n) => [n - step, n, n + step]);
      const values = [...bounds, q.min ?? 0, q.max ?? (q.min ?? 0) + 10].filter((n) => (q.min === undefined || n >= q.min) && (q.max === undefined || n <= q.max));
      out.push(...new Set(values));
      break;
    }
    case 'date':
    case 'text':
    case 'longtext':
      out.push(...fillValues(def, q), ...[...named].filter((v) => !fillValues(def, q).includes(v)));
      break;
  }
  return out;
}

export interface Reach {
  /** A complete answer set the engine accepts in which the target is shown. */
  shown?: Answers;
  /** An answer set in which it is hidden (a complete, accepted one when there is one). */
  hidden?: Answers;
  hiddenValid: boolean;
  /** Answer combinations tried. */
  tried: number;
}

const MAX_COMBINATIONS = 20_000;

/**
 * Searches the answers to the questions that decide `target` (completing everything else as a
 * respondent would) for a set that shows it and one that hides it.
 */
export function reach(def: Definition, target: Conditional): Reach {
  const decidingConditions = deciding(def, target);
  const seen = comparisons(decidingConditions);
  const ids = [...seen.keys()];
  const index = questionIndex(def);
  const choices = ids.map((id) => {
    const q = index.get(id)?.question;
    if (!q) throw new Error(`${def.id}: condition of ${target.id} reads unknown question ${id}`);
    return probeValues(def, q, seen.get(id) ?? []);
  });
  const total = choices.reduce((n, c) => n * c.length, 1);
  if (total > MAX_COMBINATIONS) throw new Error(`${def.id}: ${total} combinations decide ${target.id}; the search stops at ${MAX_COMBINATIONS}`);

  const result: Reach = { hiddenValid: false, tried: 0 };
  const pick = new Array<number>(ids.length).fill(0);
  for (let n = 0; n < total; n++) {
    let rest = n;
    for (let i = 0; i < ids.length; i++) {
      pick[i] = rest % choices[i]!.length;
      rest = Math.floor(rest / choices[i]!.length);
    }
    const fixed = new Map(ids.map((id, i) => [id, choices[i]![pick[i]!]!] as const));
    const answers = completeAnswers(def, fixed);
    const state = resolve(def, answers);
    const visible = target.kind === 'section' ? state.sections.has(target.id) : state.questions.has(target.id);
    const valid = Object.keys(problemsOf(def, answers)).length === 0;
    result.tried += 1;
    if (visible && valid && !result.shown) result.shown = answers;
    if (!visible && (!result.hidden || (valid && !result.hiddenValid))) {
      result.hidden = answers;
      result.hiddenValid = valid;
    }
    if (result.shown && result.hiddenValid) break;
  }
  return result;
}
