/** The answers a new interview starts with: each question's `default` (XLSForm's). */
import type { Answers, Definition } from './types';

/**
 * `answers` with the default of every question not answered yet; a date's "today" is `today`
 * (YYYY-MM-DD, the device's date). A default of a question hidden by skip logic is dropped at the
 * first save, like any hidden answer.
 */
export function withDefaults(def: Definition, answers: Answers, today: string): Answers {
  let out = answers;
  for (const section of def.sections)
    for (const q of section.questions) {
      if (q.type === 'note' || q.type === 'matrix' || q.default === undefined || answers[q.id] !== undefined) continue;
      if (out === answers) out = { ...answers };
      out[q.id] = q.type === 'date' && q.default === 'today' ? today : Array.isArray(q.default) ? [...q.default] : q.default;
    }
  return out;
}

/** YYYY-MM-DD of `date` in the device's own time zone. */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
