/**
 * Whether an interview's device clock can be believed. Tablets often have a wrong clock (reset
 * to a factory date, set by hand, a year off): the interview is still stored, with the problem
 * on its row (clock_suspect), and counted on the day the server received it instead of the day
 * the device says it was completed, so quotas and the per-day chart never land on a day like
 * the year 10000.
 */

/**
 * future: started or completed more than a day after the server received it (time zones and
 *   clock drift stay well within a day);
 * too_early: started or completed before 2020, before any interview of this app;
 * before_start: completed before it started.
 */
export const CLOCK_PROBLEMS = ['future', 'too_early', 'before_start'] as const;
export type ClockProblem = (typeof CLOCK_PROBLEMS)[number];

/** How far ahead of the server a device's clock may be. */
export const CLOCK_AHEAD_MS = 24 * 3600 * 1000;
/** No interview of this app can be older. */
export const EARLIEST_INTERVIEW = '2020-01-01T00:00:00.000Z';
const EARLIEST_MS = Date.parse(EARLIEST_INTERVIEW);

/** The first problem of the interview's times, or undefined when they are plausible. */
export function clockProblem(startedAt: string, completedAt: string, receivedAt: string): ClockProblem | undefined {
  const started = Date.parse(startedAt);
  const completed = Date.parse(completedAt);
  const latest = Date.parse(receivedAt) + CLOCK_AHEAD_MS;
  if (started > latest || completed > latest) return 'future';
  // Written so that a time that cannot be read (NaN) is suspect too.
  if (!(started >= EARLIEST_MS && completed >= EARLIEST_MS)) return 'too_early';
  if (completed < started) return 'before_start';
  return undefined;
}

/** The instant an interview counts on: its completion, unless its clock is suspect. */
export const countedAt = (completedAt: string, receivedAt: string, problem: string | null | undefined): string =>
  problem ? receivedAt : completedAt;
