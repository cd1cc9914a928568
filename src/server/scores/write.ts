/**
 * Writing scores: each interview's contributions are kept on its row (submissions.scores, one JSON
 * text: no row per contribution) and their sums in score_totals. The ingest transaction
 * (../ingest/transaction) adds the totals at its end in key order with one multi-row upsert, like
 * the quota counters, so concurrent batches lock total rows in the same order and never deadlock
 * (PostgreSQL).
 */
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { isSqlite } from '../db/locks';
import { contributionTotal, scoreKeptContributions } from '../../survey';
import type { Answers, Definition, ScoreContribution } from '../../survey';
import type { DatabaseSchema, NewSubmission } from '../db/schema';
import { scoringHash } from './hash';

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/** Where an interview's contributions are totalled. */
export interface ScorePlace {
  campaignId: string;
  surveyId: string;
  surveyVersion: number;
  groupId: string;
  /** '' for none. */
  stratum: string;
}

export interface ScoredInterview {
  hash: string;
  place: ScorePlace;
  parts: ScoreContribution[];
}

/**
 * An interview's scores, or null when it is not scored now: its questionnaire has no scoring, or
 * the row has no campaign yet (then it is scored at the next start, after it has one). `kept`:
 * the answers the engine keeps (checkAnswers' `kept`), as stored on the row.
 */
export function scoresOf(definition: Definition, kept: Answers, row: NewSubmission): ScoredInterview | null {
  const hash = scoringHash(definition);
  if (hash === '' || row.campaign_id == null) return null;
  return {
    hash,
    place: { campaignId: row.campaign_id, surveyId: row.survey_id, surveyVersion: row.survey_version, groupId: row.respondent_group, stratum: row.stratum ?? '' },
    parts: scoreKeptContributions(definition, kept),
  };
}


export interface Delta {
  place: ScorePlace;
  key: string;
  sum: number;
  count: number;
  interviews: number;
  /** Respondents under the key, and the sum and square sum of their own values. */
  n: number;
  vSum: number;
  vSq: number;
}

/** The key of a place and a part, in the order the database locks score_totals rows. */
const placeKey = (p: ScorePlace): string => [p.campaignId, p.surveyId, String(p.surveyVersion).padStart(10, '0'), p.groupId, p.stratum].join('\u0000');

/**
 * What a transaction adds to score_totals, merged per row as interviews are added (an interview
 * adds a few dozen keys; merging as it goes keeps one object per row, not one per key and interview).
 * An interview adds: key '' counts it; each contribution adds under its key; each breakdown marker
 * ("sex=2@") counts it and adds every other contribution again under "<marker><key>". Breakdowns
 * are read over the whole questionnaire (./report), so their totals are kept per campaign, version
 * and group, not per stratum (stratum ''): a batch spread over many strata then upserts a few
 * hundred breakdown rows, not several per interview.
 */
export class ScoreTotals {
  /** Per place (its key), its rows by part key. */
  private readonly places = new Map<string, { place: ScorePlace; rows: Map<string, Delta> }>();
  private rowCount = 0;

  /**
   * Adds one interview's contributions at `place` `times` times: 1, or -1 to take an interview off
   * (re-scored), or n for n interviews with the same answers.
   */
  add(place: ScorePlace, parts: readonly Pick<ScoreContribution, 'key' | 'sum' | 'count'>[], times = 1): void {
    const here = this.rowsAt(place);
    this.one(here, place, '', 0, 0, times);
    for (const p of parts) if (!p.key.includes('@')) this.one(here, place, p.key, p.sum, p.count, times);
    const markers = parts.filter((m) => m.key.endsWith('@'));
    if (markers.length === 0) return;
    const acrossPlace = place.stratum === '' ? place : { ...place, stratum: '' };
    const across = this.rowsAt(acrossPlace);
    for (const m of markers) {
      this.one(across, acrossPlace, m.key, 0, 0, times);
      for (const p of parts) if (!p.key.includes('@')) this.one(across, acrossPlace, m.key + p.key, p.sum, p.count, times);
    }
  }

  private rowsAt(place: ScorePlace): Map<string, Delta> {
    const k = placeKey(place);
    let entry = this.places.get(k);
    if (!entry) {
      entry = { place, rows: new Map() };
      this.places.set(k, entry);
    }
    return entry.rows;
  }

  private one(rows: Map<string, Delta>, place: ScorePlace, key: string, sum: number, count: number, times: number): void {
    const t = contributionTotal({ sum, count });
    const into = rows.get(key);
    if (into) {
      into.sum += times * t.sum;
      into.count += times * t.count;
      into.interviews += times;
      into.n += times * t.n;
      into.vSum += times * t.vSum;
      into.vSq += times * t.vSq;
    } else {
      rows.set(key, { place, key, sum: times * t.sum, count: times * t.count, interviews: times, n: times * t.n, vSum: times * t.vSum, vSq: times * t.vSq });
      this.rowCount += 1;
    }
  }

  get size(): number {
    return this.rowCount;
  }

  /** One delta per row, in the order the database locks them (place, then part key). */
  deltas(): Delta[] {
    const byKey = <T,>(entries: Iterable<[string, T]>): T[] => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
    return byKey(this.places).flatMap(({ rows }) => byKey(rows));
  }
}

/** score_totals' columns, in the order the upsert binds them, with their PostgreSQL types. */
const PG_TYPES = {
  campaign_id: 'text',
  survey_id: 'text',
  survey_version: 'integer',
  group_id: 'text',
  stratum: 'text',
  part_key: 'text',
  sum: 'double precision',
  count: 'integer',
  interviews: 'integer',
  resp_n: 'double precision',
  resp_sum: 'double precision',
  resp_sq: 'double precision',
} as const;
const COLUMNS = Object.keys(PG_TYPES) as (keyof typeof PG_TYPES)[];

export async function addScoreTotals(trx: Db, totals: ScoreTotals): Promise<void> {
  // One row per key (merged as added), so one upsert never touches a row twice (PostgreSQL refuses
  // that); the rows go in key order, which is the order the database locks them in.
  const rows = totals.deltas().map((d): Record<(typeof COLUMNS)[number], string | number> => ({
    campaign_id: d.place.campaignId,
    survey_id: d.place.surveyId,
    survey_version: d.place.surveyVersion,
    group_id: d.place.groupId,
    stratum: d.place.stratum,
    part_key: d.key,
    sum: d.sum,
    count: d.count,
    interviews: d.interviews,
    resp_n: d.n,
    resp_sum: d.vSum,
    resp_sq: d.vSq,
  }));
  if (rows.length === 0) return;
  // The rows go as one parameter or one per column, whatever their number: parsing, planning and
  // (for Kysely) building a VALUES list of thousands of rows costs more than the upsert itself.
  const source = isSqlite(trx)
    ? // SQLite: one JSON array of rows, expanded by the database.
      sql`select ${sql.join(COLUMNS.map((_, i) => sql.raw(`json_extract(value, '$[${i}]')`)))} from json_each(${JSON.stringify(rows.map((r) => COLUMNS.map((c) => r[c])))}) where true`
    : // PostgreSQL: one array per column.
      sql`select * from unnest(${sql.join(COLUMNS.map((c) => sql`${rows.map((r) => r[c])}::${sql.raw(PG_TYPES[c])}[]`))})`;
  await sql`insert into score_totals (${sql.join(COLUMNS.map((c) => sql.ref(c)))}) ${source}
    on conflict (campaign_id, survey_id, survey_version, group_id, stratum, part_key) do update set
      sum = score_totals.sum + excluded.sum, count = score_totals.count + excluded.count, interviews = score_totals.interviews + excluded.interviews,
      resp_n = score_totals.resp_n + excluded.resp_n, resp_sum = score_totals.resp_sum + excluded.resp_sum, resp_sq = score_totals.resp_sq + excluded.resp_sq`.execute(trx);
}
