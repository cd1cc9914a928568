/**
 * A tiny DSL to build survey definitions in tests. Every label is filled in automatically in both
 * languages, so a test names only what matters to it:
 *
 *   def({ sections: [section('a', [single('q1', ['yes', 'no']), integer('age', { min: 18 })])] })
 */
import { parseDefinition } from '../../src/survey/load';
import type { DefinitionError } from '../../src/survey/load';
import type {
  Comparison,
  DateQuestion,
  DecimalQuestion,
  Definition,
  IntegerQuestion,
  ListItem,
  LongTextQuestion,
  MatrixQuestion,
  MultipleQuestion,
  NoteQuestion,
  Option,
  Question,
  RespondentGroup,
  Scale,
  Scoring,
  Section,
  SingleQuestion,
  Text,
  TextQuestion,
} from '../../src/survey/types';

/** A bilingual text: the English given, the Vietnamese derived from it. */
export const t = (en: string): Text => ({ vi: `${en} (vi)`, en });

/** An option with its label filled in; `extra` sets other / exclusive / missing. */
export const opt = (value: string, extra: Partial<Omit<Option, 'value'>> = {}): Option => ({
  value,
  label: t(`option ${value}`),
  ...extra,
});

export type OptionSpec = string | Option;
export const opts = (specs: readonly OptionSpec[]): Option[] =>
  specs.map((s) => (typeof s === 'string' ? opt(s) : s));

export const item = (value: string): ListItem => ({ value, label: t(`item ${value}`) });
export const items = (values: readonly string[]): ListItem[] => values.map(item);

export const scale = (values: readonly OptionSpec[]): Scale => ({ label: t('scale'), options: opts(values) });

type Extra<Q> = Partial<Omit<Q, 'type' | 'id'>>;

export const note = (id: string, extra: Extra<NoteQuestion> = {}): NoteQuestion => ({
  type: 'note',
  id,
  label: t(`note ${id}`),
  ...extra,
});

/** A single choice with its own options; pass `[]` and `{ scale }` or `{ optionsFrom }` for the others. */
export const single = (id: string, options: readonly OptionSpec[], extra: Extra<SingleQuestion> = {}): SingleQuestion => ({
  type: 'single',
  id,
  label: t(`question ${id}`),
  ...(options.length > 0 ? { options: opts(options) } : {}),
  ...extra,
});

export const multiple = (
  id: string,
  options: readonly OptionSpec[],
  extra: Extra<MultipleQuestion> = {},
): MultipleQuestion => ({
  type: 'multiple',
  id,
  label: t(`question ${id}`),
  ...(options.length > 0 ? { options: opts(options) } : {}),
  ...extra,
});

/** A matrix on a named scale, with its own rows; pass `[]` and `{ rowsFrom }` for list rows. */
export const matrix = (
  id: string,
  scaleName: string,
  rows: readonly string[],
  extra: Extra<MatrixQuestion> = {},
): MatrixQuestion => ({
  type: 'matrix',
  id,
  label: t(`question ${id}`),
  scale: scaleName,
  ...(rows.length > 0 ? { rows: items(rows) } : {}),
  ...extra,
});

export const integer = (id: string, extra: Extra<IntegerQuestion> = {}): IntegerQuestion => ({
  type: 'integer',
  id,
  label: t(`question ${id}`),
  ...extra,
});

export const decimal = (id: string, extra: Extra<DecimalQuestion> = {}): DecimalQuestion => ({
  type: 'decimal',
  id,
  label: t(`question ${id}`),
  ...extra,
});

export const text = (id: string, extra: Extra<TextQuestion> = {}): TextQuestion => ({
  type: 'text',
  id,
  label: t(`question ${id}`),
  ...extra,
});

export const longtext = (id: string, extra: Extra<LongTextQuestion> = {}): LongTextQuestion => ({
  type: 'longtext',
  id,
  label: t(`question ${id}`),
  ...extra,
});

export const date = (id: string, extra: Extra<DateQuestion> = {}): DateQuestion => ({
  type: 'date',
  id,
  label: t(`question ${id}`),
  ...extra,
});

export const section = (id: string, questions: Question[], extra: Partial<Omit<Section, 'id' | 'questions'>> = {}): Section => ({
  id,
  title: t(`section ${id}`),
  questions,
  ...extra,
});

export const group = (id: string, extra: Partial<Omit<RespondentGroup, 'id'>> = {}): RespondentGroup => ({
  id,
  label: t(`group ${id}`),
  ...extra,
});

export interface DefSpec {
  id?: string;
  version?: number;
  respondentGroups?: RespondentGroup[];
  scales?: Record<string, Scale>;
  lists?: Record<string, ListItem[]>;
  sections: Section[];
  scoring?: Scoring;
}

/** A whole definition: id "test", version 1, one respondent group "citizens" unless given. */
export function def(spec: DefSpec): Definition {
  return {
    id: spec.id ?? 'test',
    version: spec.version ?? 1,
    title: t('Test questionnaire'),
    respondentGroups: spec.respondentGroups ?? [group('citizens')],
    ...(spec.scales ? { scales: spec.scales } : {}),
    ...(spec.lists ? { lists: spec.lists } : {}),
    sections: spec.sections,
    ...(spec.scoring ? { scoring: spec.scoring } : {}),
  };
}

/** Shorthand for a comparison condition. */
/** A comparison without its question, one operator: `when` adds the question. */
type Operation = Comparison extends infer C ? (C extends unknown ? Omit<C, 'q'> : never) : never;
export const when = (q: string, op: Operation): Comparison => ({ q, ...op });

/** The file name every broken-definition test loads under. */
export const FILE = 'survey-definitions/x.json';

/** Serialises (possibly deliberately broken) definition data and loads it as `survey-definitions/x.json`. */
export const load = (data: unknown) => parseDefinition(JSON.stringify(data), FILE);

/**
 * English words that give away an untranslated problem. The path, ids and field names are left out
 * before looking (see `untranslated`): they may be English.
 */
const ENGLISH = [/\bunknown\b/i, /\bduplicate\b/i, /\bmust\b/i, /\bcannot\b/i, /\bquestions?\b/i, /\boptions?\b/i, /\blists?\b/i, /\bthe\b/i, /\bis\b/i, /\bnot\b/i, /\bexpected\b/i, /\binvalid\b/i, /\bfields?\b/i, /\bneeds?\b/i];

/**
 * Why `vi` is not a Vietnamese message, or undefined when it is one: not empty, with Vietnamese
 * letters, without the English of the stop-list once what is quoted “…” and paths (a.b[0].c) are set aside.
 */
export function untranslated(vi: string | undefined): string | undefined {
  if (vi === undefined || vi.trim() === '') return 'no Vietnamese message';
  const words = vi.replace(/“[^”]*”/g, ' ').replace(/[A-Za-z_$][\w$]*(?:\[[^\]]*\]|\.[\w$]+)+/g, ' ');
  if (!/[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i.test(words)) return `no Vietnamese in “${vi}”`;
  const english = ENGLISH.find((w) => w.test(words));
  return english ? `English (${english.source}) in “${vi}”` : undefined;
}

/**
 * The errors loading `data` gives; fails the test when it loads cleanly, or when one of them has no
 * Vietnamese message (the coordinators' pages show it). The errors come back without `messageVi`,
 * so that tests compare the English as before.
 */
export function errorsOf(data: unknown): DefinitionError[] {
  const result = load(data);
  if (result.ok) throw new Error('expected the definition to be rejected, but it loaded without errors');
  for (const e of result.errors) {
    const why = untranslated(e.messageVi);
    if (why) throw new Error(`${e.path}: ${e.message}: ${why}`);
  }
  return result.errors.map(({ messageVi: _vi, ...e }) => e);
}
