/**
 * Dates and times on the coordinators' pages, one format in both languages: dd/mm/yyyy for a day,
 * HH:MM (24-hour) for a time, "dd/mm/yyyy HH:MM" for both. Times are Vietnam's (UTC+7, no daylight
 * saving), the zone the server counts its days in (interviews per day, today, a campaign's period),
 * so a sync at 06:30 on the 12th is on the day the dashboard counts it, wherever the browser is.
 * Pure: no Intl, so every browser and the tests write the same.
 */
import type { Lang } from '../../survey';

const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant's calendar day and clock in Vietnam, or undefined for a value that is not a date. */
function vietnam(iso: string): { day: string; clock: string } | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const t = new Date(ms + VIETNAM_OFFSET_MS);
  return {
    day: `${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`,
    clock: `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`,
  };
}

/**
 * A day as dd/mm/yyyy: a calendar day from the server (YYYY-MM-DD, taken as it is, no zone shift)
 * or an instant (ISO timestamp, its day in Vietnam). Anything else is returned unchanged.
 */
export function formatDate(value: string): string {
  const m = DAY.exec(value);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  return vietnam(value)?.day ?? value;
}

/** A calendar day (YYYY-MM-DD) as dd/mm, where the year is plain from around it (a chart's axis). */
export function formatDayMonth(day: string): string {
  const m = DAY.exec(day);
  return m ? `${m[3]}/${m[2]}` : day;
}

/** An instant's time in Vietnam, HH:MM. */
export function formatClock(iso: string): string {
  return vietnam(iso)?.clock ?? iso;
}

/**
 * An instant as "dd/mm/yyyy HH:MM" in Vietnam. `_lang` is the page's language, taken so every
 * caller passes it: both languages write the same today.
 */
export function formatDateTime(iso: string, _lang?: Lang): string {
  const v = vietnam(iso);
  return v ? `${v.day} ${v.clock}` : iso;
}

/**
 * The first and the last instant (UTC timestamps, as the server compares them) of a calendar day
 * YYYY-MM-DD in Vietnam: the day a page's dd/mm/yyyy dates are written in. Undefined for anything else.
 */
export function vietnamDayBounds(day: string): { start: string; end: string } | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const midnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - VIETNAM_OFFSET_MS;
  if (Number.isNaN(midnight)) return undefined;
  return { start: new Date(midnight).toISOString(), end: new Date(midnight + 86_400_000 - 1).toISOString() };
}
