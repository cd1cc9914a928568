/**
 * The live state of an open questionnaire derived from its answers: which sections and questions
 * are shown, which answers are kept, progress. Components subscribe to just the piece they show
 * (useSyncExternalStore), so answering one question re-renders only what that answer changes.
 *
 * A change to a question that no condition reads cannot show or hide anything: then only that
 * answer and its section's count are updated, instead of resolving the whole questionnaire on
 * every tap.
 */
import {
  choiceFilterParents,
  isAnswerable,
  isAnswered,
  offeredOptions,
  otherKey,
  otherSelected,
  questionIndex,
  references,
  resolve,
  type AnswerValue,
  type Answers,
  type ChoiceQuestion,
  type Condition,
  type Definition,
  type VisibleState,
} from '../../survey';
import { questionIdOfField } from './fields';
import { afterPaint } from './taps';

export interface SectionProgress {
  answered: number;
  total: number;
}

export class FormRuntime {
  private state: VisibleState;
  private listeners = new Set<() => void>();
  private progressListeners = new Set<() => void>();
  private progressPending = false;
  private sectionsCache: readonly string[] = [];
  private progressCache = { answered: 0, total: 0 };
  private perSectionCache = new Map<string, SectionProgress>();

  /**
   * Questions that some condition reads: a change to one of them may show or hide others. For a
   * matrix whose conditions all name rows, the rows they read; `true` when the whole answer is read.
   */
  private readonly drivers: ReadonlyMap<string, ReadonlySet<string> | true>;

  /** Questions with a choice filter, by each question their filter reads (see `unoffered`). */
  private readonly filtered: ReadonlyMap<string, readonly ChoiceQuestion[]>;

  constructor(readonly definition: Definition, answers: Answers) {
    this.drivers = conditionInputs(definition);
    this.filtered = filteredBy(definition);
    this.state = resolve(definition, answers);
    this.derive();
  }

  /**
   * Recomputes from the form's values; `changed` names the field that changed when it is known.
   * `painted`: the change comes after the frame that showed it (a tap, see taps.ts), so its counts
   * are told at once and render with it; otherwise (typing) after the next paint.
   * Returns the answered fields that are now hidden.
   */
  update(values: Answers, changed?: string, painted = false): string[] {
    const id = changed === undefined ? undefined : questionIdOfField(changed);
    const place = id === undefined ? undefined : questionIndex(this.definition).get(id);
    if (id !== undefined && place && isAnswerable(place.question) && !this.mayChangeVisibility(id, values)) return this.updateOne(values, id, place.section.id, painted);
    const before = this.state;
    this.state = resolve(this.definition, values);
    const hidden = Object.keys(values).filter((k) => isAnswered(values[k]) && !(k in this.state.kept));
    const derived = this.derive();
    if (derived.sections || !sameSet(before.questions, this.state.questions)) {
      // Something appeared or disappeared: the page and its counts change together, now.
      this.listeners.forEach((l) => l());
      this.progressListeners.forEach((l) => l());
    } else if (derived.counts) this.scheduleProgress(painted);
    return hidden;
  }

  /** True when a change to `field` (any field when unknown) may leave an answer outside its choice filter. */
  readByChoiceFilter(field: string | undefined): boolean {
    return field === undefined ? this.filtered.size > 0 : this.filtered.has(questionIdOfField(field));
  }

  /**
   * The answers a change to `changed` leaves outside what their choice filters offer (a commune
   * of the province no longer chosen), each with what it becomes: nothing, or for a multiple
   * choice the options still offered. Every filtered question when `changed` is unknown.
   */
  unoffered(values: Answers, changed: string | undefined): [string, AnswerValue | undefined][] {
    const questions =
      changed === undefined ? new Set([...this.filtered.values()].flat()) : (this.filtered.get(questionIdOfField(changed)) ?? []);
    const out: [string, AnswerValue | undefined][] = [];
    for (const q of questions) {
      const value = values[q.id];
      if (!isAnswered(value)) continue;
      const offered = offeredOptions(this.definition, q, values);
      const chosen = Array.isArray(value) ? value : [value];
      const still = chosen.filter((v) => offered.some((o) => o.value === v));
      if (still.length === chosen.length) continue;
      out.push([q.id, q.type === 'multiple' && still.length > 0 ? (still as string[]) : undefined]);
    }
    return out;
  }

  private mayChangeVisibility(id: string, values: Answers): boolean {
    const read = this.drivers.get(id);
    if (read === undefined) return false;
    if (read === true) return true;
    const before = rowValues(this.state.kept[id]);
    const after = rowValues(values[id]);
    for (const row of read) if (before[row] !== after[row]) return true;
    return false;
  }

  /** The same result as a full resolve when `id` is read by no condition (see `drivers`). */
  private updateOne(values: Answers, id: string, sectionId: string, painted: boolean): string[] {
    const other = otherKey(id);
    if (!this.state.questions.has(id)) return [id, other].filter((k) => isAnswered(values[k]));
    const kept: Answers = { ...this.state.kept };
    if (isAnswered(values[id])) kept[id] = values[id]!;
    else delete kept[id];
    if (values[other] !== undefined && otherSelected(this.definition, id, kept)) kept[other] = values[other]!;
    else delete kept[other];
    const hidden = isAnswered(values[other]) && !(other in kept) ? [other] : [];
    const wasAnswered = isAnswered(this.state.kept[id]);
    this.state = { ...this.state, kept };
    const delta = Number(isAnswered(kept[id])) - Number(wasAnswered);
    if (delta !== 0) {
      const section = this.perSectionCache.get(sectionId);
      if (section) this.perSectionCache.set(sectionId, { answered: section.answered + delta, total: section.total });
      this.progressCache = { answered: this.progressCache.answered + delta, total: this.progressCache.total };
      this.scheduleProgress(painted);
    }
    return hidden;
  }

  get kept(): Answers {
    return this.state.kept;
  }

  /** Which sections and questions are shown: told synchronously, in the render of the change. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * The counts (progress bar, the jump list's per-section counts). A count that changes because an
   * answer was given is told after the frame that shows the answer has been painted: the tap's own
   * feedback never waits for the progress bar.
   */
  subscribeProgress = (listener: () => void): (() => void) => {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  };

  isQuestionVisible = (id: string): boolean => this.state.questions.has(id);
  /** Visible section ids in order; the same array until the set changes. */
  visibleSections = (): readonly string[] => this.sectionsCache;
  progress = (): SectionProgress => this.progressCache;
  sectionProgress = (sectionId: string): SectionProgress | undefined => this.perSectionCache.get(sectionId);

  /** Field names of the visible questions of a section (for page validation). */
  fieldNames(sectionId?: string): string[] {
    const names: string[] = [];
    for (const section of this.definition.sections) {
      if (sectionId !== undefined && section.id !== sectionId) continue;
      if (!this.state.sections.has(section.id)) continue;
      for (const q of section.questions) {
        if (isAnswerable(q) && this.state.questions.has(q.id)) names.push(q.id, q.id + '__other');
      }
    }
    return names;
  }

  sectionOf(questionId: string): string | undefined {
    return questionIndex(this.definition).get(questionIdOfField(questionId))?.section.id;
  }

  private scheduleProgress(now: boolean): void {
    if (now) {
      this.progressListeners.forEach((l) => l());
      return;
    }
    if (this.progressPending) return;
    this.progressPending = true;
    afterPaint(() => {
      this.progressPending = false;
      this.progressListeners.forEach((l) => l());
    });
  }

  /** Updates cached snapshots; says which of them changed. */
  private derive(): { sections: boolean; counts: boolean } {
    let changed = false;
    let sectionsChanged = false;
    const sections = this.definition.sections.filter((s) => this.state.sections.has(s.id)).map((s) => s.id);
    if (sections.join('\n') !== this.sectionsCache.join('\n')) {
      this.sectionsCache = sections;
      sectionsChanged = true;
    }
    let answered = 0;
    let total = 0;
    for (const section of this.definition.sections) {
      let a = 0;
      let t = 0;
      if (this.state.sections.has(section.id)) {
        for (const q of section.questions) {
          if (!isAnswerable(q) || !this.state.questions.has(q.id)) continue;
          t += 1;
          if (isAnswered(this.state.kept[q.id])) a += 1;
        }
      }
      const prev = this.perSectionCache.get(section.id);
      if (!prev || prev.answered !== a || prev.total !== t) {
        this.perSectionCache.set(section.id, { answered: a, total: t });
        changed = true;
      }
      answered += a;
      total += t;
    }
    if (answered !== this.progressCache.answered || total !== this.progressCache.total) {
      this.progressCache = { answered, total };
      changed = true;
    }
    return { sections: sectionsChanged, counts: changed };
  }
}

const rowValues = (value: unknown): Readonly<Record<string, unknown>> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function conditionInputs(def: Definition): Map<string, Set<string> | true> {
  const ids = new Map<string, Set<string> | true>();
  const add = (c: Condition | undefined) => {
    if (!c) return;
    for (const { q, row } of references(c)) {
      const read = ids.get(q);
      if (read === true) continue;
      if (row === undefined) ids.set(q, true);
      else if (read) read.add(row);
      else ids.set(q, new Set([row]));
    }
  };
  for (const section of def.sections) {
    add(section.visibleIf);
    for (const q of section.questions) add(q.visibleIf);
  }
  return ids;
}

function filteredBy(def: Definition): Map<string, ChoiceQuestion[]> {
  const by = new Map<string, ChoiceQuestion[]>();
  for (const section of def.sections)
    for (const q of section.questions) {
      if (q.type !== 'single' && q.type !== 'multiple') continue;
      for (const parent of new Set(choiceFilterParents(def, q))) {
        const list = by.get(parent);
        if (list) list.push(q);
        else by.set(parent, [q]);
      }
    }
  return by;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
