/**
 * The live state of an open questionnaire derived from its answers: which sections and questions
 * are shown, which answers are kept, progress. Components subscribe to just the piece they show
 * (useSyncExternalStore), so answering one question re-renders only what that answer changes.
 */
import { isAnswerable, isAnswered, questionIndex, resolve, type Answers, type Definition, type VisibleState } from '../../survey';

export interface SectionProgress {
  answered: number;
  total: number;
}

export class FormRuntime {
  private state: VisibleState;
  private listeners = new Set<() => void>();
  private sectionsCache: readonly string[] = [];
  private progressCache = { answered: 0, total: 0 };
  private perSectionCache = new Map<string, SectionProgress>();

  constructor(readonly definition: Definition, answers: Answers) {
    this.state = resolve(definition, answers);
    this.derive();
  }

  /** Recomputes from the form's values. Returns the answered fields that are now hidden. */
  update(values: Answers): string[] {
    const before = this.state;
    this.state = resolve(this.definition, values);
    const hidden = Object.keys(values).filter((k) => isAnswered(values[k]) && !(k in this.state.kept));
    if (this.derive() || !sameSet(before.questions, this.state.questions)) this.listeners.forEach((l) => l());
    return hidden;
  }

  get kept(): Answers {
    return this.state.kept;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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
    return questionIndex(this.definition).get(questionId.split('.')[0]!.replace(/__other$/, ''))?.section.id;
  }

  /** Updates cached snapshots; true when any of them changed. */
  private derive(): boolean {
    let changed = false;
    const sections = this.definition.sections.filter((s) => this.state.sections.has(s.id)).map((s) => s.id);
    if (sections.join('\n') !== this.sectionsCache.join('\n')) {
      this.sectionsCache = sections;
      changed = true;
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
    return changed;
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
