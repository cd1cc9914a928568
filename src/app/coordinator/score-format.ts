/**
 * Scores as people read them, in the page's language's number format (62,5 in Vietnamese, 62.5 in
 * English): a percentage (share), points out of the maximum (points), 1–10 (papi); a 95 %
 * interval as "(58,1–66,7)" or, where space is short, "±4,3"; a change with its sign. Pure.
 */
import type { Lang } from '../../survey';
import type { ScoringMethod } from '../../contract';

export type Method = ReturnType<typeof ScoringMethod.parse>;

/** Digits after the decimal separator: one for percentages, two for points and 1–10. */
export const digitsOf = (method: Method): number => (method === 'share' ? 1 : 2);

export function formatNumber(n: number, lang: Lang, digits: number): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits, useGrouping: false }).format(n);
}

/** A score as people read it: a percentage (share), points out of the maximum (points, and any total), 1–10 (papi). */
export function formatScore(method: Method, score: number, max: number, lang: Lang, total = false): string {
  if (method === 'share') return `${formatNumber(score, lang, 1)}%`;
  if (method === 'points' || total) return `${formatNumber(score, lang, 2)}/${formatNumber(max, lang, 2)}`;
  return formatNumber(score, lang, 2);
}

/** A 95 % interval's bounds, "58,1–66,7" (en: "58.1–66.7"), on the figure's own scale. */
export function formatRange(method: Method, interval: { low: number; high: number }, lang: Lang): string {
  const d = digitsOf(method);
  return `${formatNumber(interval.low, lang, d)}–${formatNumber(interval.high, lang, d)}`;
}

/** The interval's half width, "±4,3": the compact form on a phone (Wilson intervals are not symmetric: it is their half width). */
export function formatPlusMinus(method: Method, interval: { low: number; high: number }, lang: Lang): string {
  return `±${formatNumber((interval.high - interval.low) / 2, lang, digitsOf(method))}`;
}

/** A signed figure: "+2,1", "−3,2" (a true minus sign), "0". */
export function formatSigned(n: number, lang: Lang, digits: number): string {
  const text = formatNumber(Math.abs(n), lang, digits);
  if (text === formatNumber(0, lang, digits)) return text;
  return `${n > 0 ? '+' : '−'}${text}`;
}

/** A target's threshold with its comparison as people write it: "> 82%", "≥ 90%". */
export function formatThreshold(op: '>' | '>=' | '<' | '<=', value: number, method: Method | undefined, lang: Lang): string {
  const sign = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' }[op];
  const shown = method === 'share' ? `${formatNumber(value, lang, 1)}%` : formatNumber(value, lang, 2);
  return `${sign} ${shown}`;
}
