/**
 * The languages of a definition's texts: every text of a definition in document order, the
 * languages they carry, picking a text for a form, and the texts a language is missing from.
 */
import { BASE_LANGUAGES, defaultLanguageOf, pickText } from './languages';
import type { Definition, Text } from './types';

/** A place of a text in a definition: its path (as the schema's issues name it) and the text. */
export type TextVisitor = (text: Text, path: (string | number)[]) => void;

/** Calls `visit` with every text of a definition, in document order (title first, scoring last). */
export function eachText(def: Definition, visit: TextVisitor): void {
  const maybe = (text: Text | undefined, path: (string | number)[]) => {
    if (text) visit(text, path);
  };
  visit(def.title, ['title']);
  maybe(def.description, ['description']);
  maybe(def.scoringNote, ['scoringNote']);
  def.respondentGroups.forEach((g, i) => visit(g.label, ['respondentGroups', i, 'label']));
  for (const [name, scale] of Object.entries(def.scales ?? {})) {
    maybe(scale.label, ['scales', name, 'label']);
    scale.options.forEach((o, i) => visit(o.label, ['scales', name, 'options', i, 'label']));
  }
  for (const [name, items] of Object.entries(def.lists ?? {})) items.forEach((item, i) => visit(item.label, ['lists', name, i, 'label']));
  def.sections.forEach((s, si) => {
    const sPath = ['sections', si];
    visit(s.title, [...sPath, 'title']);
    maybe(s.description, [...sPath, 'description']);
    s.questions.forEach((q, qi) => {
      const qPath = [...sPath, 'questions', qi];
      visit(q.label, [...qPath, 'label']);
      maybe(q.hint, [...qPath, 'hint']);
      if (q.type === 'note') return;
      maybe(q.requiredMessage, [...qPath, 'requiredMessage']);
      q.constraints?.forEach((c, ci) => visit(c.message, [...qPath, 'constraints', ci, 'message']));
      if (q.type === 'single' || q.type === 'multiple') q.options?.forEach((o, oi) => visit(o.label, [...qPath, 'options', oi, 'label']));
      if (q.type === 'matrix') q.rows?.forEach((r, ri) => visit(r.label, [...qPath, 'rows', ri, 'label']));
      if (q.type === 'integer' || q.type === 'decimal') maybe(q.unit, [...qPath, 'unit']);
      if (q.type === 'text') maybe(q.patternMessage, [...qPath, 'patternMessage']);
      if (q.type === 'text' || q.type === 'longtext' || q.type === 'multiple' || q.type === 'date') maybe(q.limitMessage, [...qPath, 'limitMessage']);
    });
  });
  def.scoring?.components.forEach((c, ci) => {
    visit(c.label, ['scoring', 'components', ci, 'label']);
    if ('parts' in c && Array.isArray(c.parts)) c.parts.forEach((p, pi) => visit(p.label, ['scoring', 'components', ci, 'parts', pi, 'label']));
  });
}

/** The languages of a text besides vi and en, in its order. */
export const extraLanguages = (text: Text): string[] => Object.keys(text).filter((k) => k !== 'vi' && k !== 'en');

const languagesCache = new WeakMap<Definition, readonly string[]>();

/**
 * The languages of a definition: vi and en (every text has them), then the others in the order
 * the texts name them first. Cached per definition object.
 */
export function definitionLanguages(def: Definition): readonly string[] {
  let found = languagesCache.get(def);
  if (!found) {
    const all = new Set<string>(BASE_LANGUAGES);
    eachText(def, (text) => {
      for (const lang of extraLanguages(text)) all.add(lang);
    });
    found = Object.freeze([...all]);
    languagesCache.set(def, found);
  }
  return found;
}

/** A picker of texts in `lang` with the definition's fallback, for a whole form. */
export function textPicker(def: Definition, lang: string): (text: Text) => string {
  const fallback = defaultLanguageOf(def);
  return (text) => pickText(text, lang, fallback);
}

/** A text of the definition that lacks a translation in one of its languages. */
export interface TranslationGap {
  lang: string;
  path: (string | number)[];
}

/**
 * The texts lacking a language of the definition other than vi and en (those two every text
 * has): each shows in the fallback language instead. Partial translations are common; they are
 * worth a note to whoever maintains the questionnaire, never a refusal.
 */
export function translationGaps(def: Definition): TranslationGap[] {
  const extras = definitionLanguages(def).slice(BASE_LANGUAGES.length);
  if (extras.length === 0) return [];
  const gaps: TranslationGap[] = [];
  eachText(def, (text, path) => {
    for (const lang of extras) if (!text[lang]) gaps.push({ lang, path });
  });
  return gaps;
}
