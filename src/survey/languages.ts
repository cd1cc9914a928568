/**
 * The languages of a questionnaire's texts. Every text is in Vietnamese (`vi`) and English (`en`);
 * it may carry more translations beside them, each under its language code (`km`, `hmn`, `fr`,
 * `zh-hant`): PAPI-style interviews in ethnic-minority areas are read out in Khmer, Hmong, Tày,
 * Thái, Ê Đê… A text lacking the language asked for shows in the questionnaire's default language,
 * then in Vietnamese, then in English: never empty. The app's own interface stays Vietnamese or
 * English. Pure and tiny: the enumerator's first load imports it. The languages' names are in
 * ./language-names and what a definition's languages are in ./definition-languages, both loaded
 * with the pages that need them.
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

/** Whether `lang` is one of the app's interface languages (Vietnamese, English). */
export const isInterfaceLanguage = (lang: string): lang is 'vi' | 'en' => lang === 'vi' || lang === 'en';

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

