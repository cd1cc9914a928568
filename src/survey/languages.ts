/**
 * The languages of a questionnaire's texts. Every text is in Vietnamese (`vi`) and English (`en`);
 * it may carry more translations beside them, each under its language code (`km`, `hmn`, `fr`,
 * `zh-hant`): PAPI-style interviews in ethnic-minority areas are read out in Khmer, Hmong, Tày,
 * Thái, Ê Đê… A text lacking the language asked for shows in the questionnaire's default language,
 * then in Vietnamese, then in English: never empty. The app's own interface stays Vietnamese or
 * English. Pure and small: the enumerator's first load imports it.
 */
import type { Definition, Text } from './types';

/** A language code as texts and interviews carry it: BCP-47-like, lower case, e.g. km, hmn, zh-hant. */
export const LANGUAGE_CODE_PATTERN = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/;
/** The longest language code accepted. */
export const MAX_LANGUAGE_CODE = 35;

export function isLanguageCode(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_LANGUAGE_CODE && LANGUAGE_CODE_PATTERN.test(value);
}

/** The two languages every text has, in their order. */
export const BASE_LANGUAGES = ['vi', 'en'] as const;

/**
 * Names of the languages a questionnaire in Vietnam is likely to carry: each in its own script or
 * as its speakers in Vietnam write it, and in English (for XLSForm's `label::Khmer (km)` columns).
 * A code missing here is shown as the code itself.
 */
const NAMES: Record<string, readonly [own: string, english: string]> = {
  vi: ['Tiếng Việt', 'Vietnamese'],
  en: ['English', 'English'],
  km: ['ភាសាខ្មែរ', 'Khmer'],
  hmn: ['Hmoob', 'Hmong'],
  tyz: ['Tày', 'Tay'],
  blt: ['Thái Đen', 'Tai Dam'],
  twh: ['Thái Trắng', 'Tai Don'],
  nut: ['Nùng', 'Nung'],
  mtq: ['Mường', 'Muong'],
  rad: ['Ê Đê', 'Rade'],
  jra: ['Gia Rai', 'Jarai'],
  bdq: ['Ba Na', 'Bahnar'],
  sed: ['Xơ Đăng', 'Sedang'],
  kpm: ['Cơ Ho', 'Koho'],
  cjm: ['Chăm', 'Eastern Cham'],
  ium: ['Dao (Iu Mien)', 'Iu Mien'],
  zh: ['中文', 'Chinese'],
  lo: ['ພາສາລາວ', 'Lao'],
  th: ['ภาษาไทย', 'Thai'],
  fr: ['Français', 'French'],
  ko: ['한국어', 'Korean'],
  ja: ['日本語', 'Japanese'],
};

/** How a language is offered on the device: "Tiếng Việt", "English", "ភាសាខ្មែរ (km)", or the code. */
export function languageLabel(code: string): string {
  const own = NAMES[code]?.[0];
  if (code === 'vi' || code === 'en') return own!;
  return own === undefined ? code : `${own} (${code})`;
}

/** The language's name in English ("Khmer"), or the code when this table lacks it. */
export const languageEnglishName = (code: string): string => NAMES[code]?.[1] ?? code;

/** The code of a language named in English or in its own name ("Khmer", "ភាសាខ្មែរ", "français"), if known. */
export function languageCodeOfName(name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  for (const [code, [own, english]] of Object.entries(NAMES)) if (own.toLowerCase() === wanted || english.toLowerCase() === wanted) return code;
  return undefined;
}

/** Whether `lang` is one of the app's interface languages (Vietnamese, English). */
export const isInterfaceLanguage = (lang: string): lang is 'vi' | 'en' => lang === 'vi' || lang === 'en';

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

/** The language a text without the requested translation falls back to first: the definition's `defaultLanguage`, else vi. */
export const defaultLanguageOf = (def: Definition | undefined): string => def?.defaultLanguage ?? 'vi';

/**
 * The text in `lang`; lacking it, in `fallback` (the questionnaire's default language), then in
 * Vietnamese, then in English. Never empty while any of them is not.
 */
export function pickText(text: Text, lang: string, fallback = 'vi'): string {
  const wanted = text[lang];
  if (wanted) return wanted;
  const other = text[fallback];
  if (other) return other;
  return text.vi || text.en;
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
