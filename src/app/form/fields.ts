/** Small helpers shared by the question components. */
import type { FieldErrors } from 'react-hook-form';
import { OTHER_SUFFIX, type Answers, type Lang, type TextLang } from '../../survey';

/** The question id of a form field name: `q`, its "specify" text `q__other` and a matrix row's `q.row` all give `q`. */
export function questionIdOfField(name: string): string {
  const base = name.split('.')[0] ?? name;
  return base.endsWith(OTHER_SUFFIX) ? base.slice(0, -OTHER_SUFFIX.length) : base;
}

/**
 * The message of a field's error and its language: in the questionnaire's language when the
 * message is the questionnaire's own and has it (a constraint's message in Khmer), else in the
 * interface language.
 */
export function errorMessage(errors: FieldErrors<Answers>, name: string, textLang: TextLang, lang: Lang): { text: string; lang: string } | undefined {
  const e = errors[name] as { message?: string; types?: Record<string, unknown> } | undefined;
  if (!e) return undefined;
  for (const l of [textLang, lang]) {
    const localized = e.types?.[l];
    if (typeof localized === 'string' && localized !== '') return { text: localized, lang: l };
  }
  return e.message === undefined ? undefined : { text: e.message, lang: 'vi' };
}

/**
 * Numbers typed on a tablet: accepts a decimal comma (Vietnamese “3,5”) or point. Text that is
 * not a number is kept as typed so the validator can say what is wrong rather than losing it.
 */
export function parseNumber(raw: unknown): number | string | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim().replace(/\s/g, '');
  if (s === '') return undefined;
  const normalised = /^-?\d+(,\d+)?$/.test(s) ? s.replace(',', '.') : s;
  const n = Number(normalised);
  return /^-?(\d+\.?\d*|\.\d+)$/.test(normalised) && Number.isFinite(n) ? n : raw.trim();
}
