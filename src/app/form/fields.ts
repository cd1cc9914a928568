/** Small helpers shared by the question components. */
import type { FieldErrors } from 'react-hook-form';
import { OTHER_SUFFIX, type Answers, type Lang } from '../../survey';

/** The question id of a form field name: `q`, its "specify" text `q__other` and a matrix row's `q.row` all give `q`. */
export function questionIdOfField(name: string): string {
  const base = name.split('.')[0] ?? name;
  return base.endsWith(OTHER_SUFFIX) ? base.slice(0, -OTHER_SUFFIX.length) : base;
}

/** The message of a field's error in the current language. */
export function errorText(errors: FieldErrors<Answers>, name: string, lang: Lang): string | undefined {
  const e = errors[name] as { message?: string; types?: Record<string, unknown> } | undefined;
  if (!e) return undefined;
  const localized = e.types?.[lang];
  return typeof localized === 'string' ? localized : e.message;
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
