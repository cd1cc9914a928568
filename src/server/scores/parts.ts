/**
 * An interview's score contributions as stored: one JSON text on its row (submissions.scores), an
 * array of [key, sum, count]. Interviews scored before migration 0012 keep theirs as rows of
 * score_parts until they are scored again; `storedParts` reads both as one table.
 */
import { sql } from 'kysely';
import type { Kysely, RawBuilder, Transaction } from 'kysely';
import type { ScoreContribution } from '../../survey';
import { isSqlite } from '../db/locks';
import type { DatabaseSchema } from '../db/schema';

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

export type StoredPart = Pick<ScoreContribution, 'key' | 'sum' | 'count'>;

export const encodeParts = (parts: readonly StoredPart[]): string => JSON.stringify(parts.map((p) => [p.key, p.sum, p.count]));

/** The parts of a `scores` text; a text that is not such an array reads as no parts. */
export function decodeParts(text: string): StoredPart[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((e: unknown) =>
    Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number' && typeof e[2] === 'number' ? [{ key: e[0], sum: e[1], count: e[2] }] : [],
  );
}

/**
 * Every stored contribution as rows (submission_id, part_key, sum, count), for the totals' check
 * and rebuild (./backfill): the rows' JSON expanded by the database, and the older score_parts rows.
 */
export function storedParts(db: Db): RawBuilder<unknown> {
  const expanded = isSqlite(db)
    ? sql`select s.id as submission_id, json_extract(j.value, '$[0]') as part_key, cast(json_extract(j.value, '$[1]') as real) as sum, cast(json_extract(j.value, '$[2]') as integer) as count
          from submissions s, json_each(s.scores) j where s.scores is not null`
    : sql`select s.id as submission_id, j.value ->> 0 as part_key, (j.value ->> 1)::double precision as sum, (j.value ->> 2)::integer as count
          from submissions s cross join lateral json_array_elements(s.scores::json) j where s.scores is not null`;
  return sql`(${expanded} union all select submission_id, part_key, sum, count from score_parts)`;
}
