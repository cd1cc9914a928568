/**
 * Multi-row statements in pieces small enough for both databases: a statement binds rows × values
 * parameters, and SQLite (as better-sqlite3 builds it) takes at most 32,766, PostgreSQL 65,535. One
 * rule sizes every piece by the values each row binds, instead of a row count chosen per table.
 */

/** The parameters one statement may bind: under SQLite's 32,766, with room for a WHERE clause. */
const MAX_PARAMETERS = 30_000;

/** `items` in pieces of at most 30,000 / `valuesPerItem` items (at least one), in order. */
export function chunksOf<T>(items: readonly T[], valuesPerItem: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, valuesPerItem)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
