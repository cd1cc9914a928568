/** Calendar days in Vietnam (Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving time). */
const OFFSET_MS = 7 * 3600 * 1000;

/** The date (YYYY-MM-DD) in Vietnam at an instant; undefined for a time that cannot be read. */
export function vietnamDay(instant: string | Date): string | undefined {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's date in Vietnam. */
export const vietnamToday = (now = new Date()): string => vietnamDay(now) ?? now.toISOString().slice(0, 10);
