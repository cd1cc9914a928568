/**
 * Writing scores: the contributions of the interviews a transaction stores into score_parts (one
 * multi-row insert) and their sums into score_totals. The ingest transaction (../ingest/transaction)
 * adds the totals at its end in key order with one multi-row upsert, like the quota counters, so
 * concurrent batches lock total rows in the same order and never deadlock (PostgreSQL).
 */
import { chunksOf } from '../db/chunks';
import type { Kysely, Transaction } from 'kysely';
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


async function insertScoreParts(trx: Db, stored: readonly { submissionId: string; scored: ScoredInterview }[]): Promise<void> {
  const rows = stored.flatMap(({ submissionId, scored }) => scored.parts.map((p) => ({ submission_id: submissionId, part_key: p.key, sum: p.sum, count: p.count })));
  for (const chunk of chunksOf(rows, 4)) await trx.insertInto('score_parts').values(chunk).execute();
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

/** A delta taken off instead of added (an interview re-scored). */
export const negated = (d: Delta): Delta => ({ ...d, sum: -d.sum, count: -d.count, interviews: -d.interviews, n: -d.n, vSum: -d.vSum, vSq: -d.vSq });

/**
 * What an interview adds to the totals: key '' counts it; each contribution adds under its key;
 * each breakdown marker ("sex=2@") counts it and adds every other contribution again under
 * "<marker><key>". Breakdowns are read over the whole questionnaire (../scores/report), so their
 * totals are kept per campaign, version and group, not per stratum (stratum ''): a batch spread
 * over many strata then upserts a few hundred breakdown rows, not several per interview.
 */
export function deltasOf(place: ScorePlace, parts: readonly Pick<ScoreContribution, 'key' | 'sum' | 'count'>[]): Delta[] {
  const plain = parts.filter((p) => !p.key.includes('@'));
  const markers = parts.filter((p) => p.key.endsWith('@'));
  const across = place.stratum === '' ? place : { ...place, stratum: '' };
  const one = (at: ScorePlace, key: string, p: Pick<ScoreContribution, 'sum' | 'count'>): Delta => ({ place: at, key, ...contributionTotal(p), interviews: 1 });
  const none = { sum: 0, count: 0 };
  return [
    one(place, '', none),
    ...plain.map((p) => one(place, p.key, p)),
    ...markers.flatMap((m) => [one(across, m.key, none), ...plain.map((p) => one(across, m.key + p.key, p))]),
  ];
}

export async function addScoreTotals(trx: Db, deltas: readonly Delta[]): Promise<void> {
  const merged = new Map<string, Delta>();
  for (const d of deltas) {
    const p = d.place;
    const k = [p.campaignId, p.surveyId, String(p.surveyVersion).padStart(10, '0'), p.groupId, p.stratum, d.key].join('\u0000');
    const into = merged.get(k);
    if (into) {
      into.sum += d.sum;
      into.count += d.count;
      into.interviews += d.interviews;
      into.n += d.n;
      into.vSum += d.vSum;
      into.vSq += d.vSq;
    } else merged.set(k, { ...d });
  }
  // One row per key (merged above), so one upsert never touches a row twice (PostgreSQL refuses
  // that); the rows go in key order, which is the order the database locks them in.
  const rows = [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => ({
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
  for (const chunk of chunksOf(rows, 12)) {
    await trx
      .insertInto('score_totals')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['campaign_id', 'survey_id', 'survey_version', 'group_id', 'stratum', 'part_key']).doUpdateSet((eb) => ({
          sum: eb('score_totals.sum', '+', eb.ref('excluded.sum')),
          count: eb('score_totals.count', '+', eb.ref('excluded.count')),
          interviews: eb('score_totals.interviews', '+', eb.ref('excluded.interviews')),
          resp_n: eb('score_totals.resp_n', '+', eb.ref('excluded.resp_n')),
          resp_sum: eb('score_totals.resp_sum', '+', eb.ref('excluded.resp_sum')),
          resp_sq: eb('score_totals.resp_sq', '+', eb.ref('excluded.resp_sq')),
        })),
      )
      .execute();
  }
}

/**
 * What scoring writes for interviews just inserted in `trx` (with `scoring_hash` on their rows):
 * their contributions. Returns what they add to the totals, which the ingest transaction adds at
 * its end (../ingest/transaction).
 */
export async function recordScores(trx: Db, stored: readonly { submissionId: string; scored: ScoredInterview }[]): Promise<Delta[]> {
  if (stored.length === 0) return [];
  await insertScoreParts(trx, stored);
  return stored.flatMap(({ scored }) => deltasOf(scored.place, scored.parts));
}
