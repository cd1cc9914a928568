/**
 * Writing scores: each interview's contributions are kept on its row (submissions.scores, one JSON
 * text: no row per contribution) and their sums in score_totals. The ingest transaction
 * (../ingest/transaction) merges what its interviews add (ScoreTotals) and writes it as one row of
 * score_deltas, which ./fold adds into score_totals in the background.
 */
import { scoreKeptContributions } from '../../survey';
import type { Answers, Definition, ScoreContribution } from '../../survey';
import type { NewSubmission } from '../db/schema';
import { scoringHash } from './hash';

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

/** The key of a place, in the order the database locks score_totals rows. */
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
  /** Breakdown keys by marker and key, made once (`add`). */
  private readonly joined = new Map<string, Map<string, string>>();

  /**
   * Adds one interview's contributions at `place` `times` times: 1, or -1 to take an interview off
   * (re-scored), or n for n interviews with the same answers.
   */
  add(place: ScorePlace, parts: readonly Pick<ScoreContribution, 'key' | 'sum' | 'count'>[], times = 1): void {
    const here = this.rowsAt(place);
    this.one(here, place, '', 0, 0, times);
    const plain: Pick<ScoreContribution, 'key' | 'sum' | 'count'>[] = [];
    const markers: string[] = [];
    for (const p of parts) {
      if (!p.key.includes('@')) plain.push(p);
      else if (p.key.endsWith('@')) markers.push(p.key);
    }
    for (const p of plain) this.one(here, place, p.key, p.sum, p.count, times);
    if (markers.length === 0) return;
    const acrossPlace = place.stratum === '' ? place : { ...place, stratum: '' };
    const across = this.rowsAt(acrossPlace);
    for (const m of markers) {
      this.one(across, acrossPlace, m, 0, 0, times);
      // "<marker><key>", made once per marker and key (an interview's keys recur in the next).
      let keys = this.joined.get(m);
      if (!keys) this.joined.set(m, (keys = new Map()));
      for (const p of plain) {
        let key = keys.get(p.key);
        if (key === undefined) keys.set(p.key, (key = m + p.key));
        this.one(across, acrossPlace, key, p.sum, p.count, times);
      }
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

  /** `contributionTotal({ sum, count })` added `times` times, without making it. */
  private one(rows: Map<string, Delta>, place: ScorePlace, key: string, sum: number, count: number, times: number): void {
    const v = count > 0 ? sum / count : 0;
    this.merge(rows, place, key, times * sum, times * count, times, times * (count > 0 ? 1 : 0), times * v, times * (v * v));
  }

  /** Adds values to a row of `rows`, made when missing. */
  private merge(rows: Map<string, Delta>, place: ScorePlace, key: string, sum: number, count: number, interviews: number, n: number, vSum: number, vSq: number): void {
    const into = rows.get(key);
    if (into) {
      into.sum += sum;
      into.count += count;
      into.interviews += interviews;
      into.n += n;
      into.vSum += vSum;
      into.vSq += vSq;
    } else {
      rows.set(key, { place, key, sum, count, interviews, n, vSum, vSq });
      this.rowCount += 1;
    }
  }

  get size(): number {
    return this.rowCount;
  }

  /**
   * The rows as one JSON text, as score_deltas keeps them (./fold): per place,
   * [campaign, survey, version, group, stratum, [[key, sum, count, interviews, n, vSum, vSq], …]].
   */
  encode(): string {
    const places: unknown[] = [];
    for (const { place, rows } of this.places.values()) {
      const parts: unknown[] = [];
      for (const d of rows.values()) parts.push([d.key, d.sum, d.count, d.interviews, d.n, d.vSum, d.vSq]);
      places.push([place.campaignId, place.surveyId, place.surveyVersion, place.groupId, place.stratum, parts]);
    }
    return JSON.stringify(places);
  }

  /** Adds an `encode()`d text's rows, as they are. A text not of that shape adds nothing. */
  addEncoded(text: string): void {
    const places: unknown = JSON.parse(text);
    if (!Array.isArray(places)) return;
    for (const p of places as unknown[]) {
      if (!Array.isArray(p) || !Array.isArray(p[5])) continue;
      const [campaignId, surveyId, surveyVersion, groupId, stratum] = p as [string, string, number, string, string];
      const place = { campaignId, surveyId, surveyVersion, groupId, stratum };
      const rows = this.rowsAt(place);
      for (const r of p[5] as unknown[]) {
        if (!Array.isArray(r) || typeof r[0] !== 'string') continue;
        const [key, sum, count, interviews, n, vSum, vSq] = r as [string, number, number, number, number, number, number];
        this.merge(rows, place, key, sum, count, interviews, n, vSum, vSq);
      }
    }
  }

  /** Every row, in the order the database locks them (place, then part key). */
  deltas(): Delta[] {
    const byKey = <T,>(entries: Iterable<[string, T]>): T[] => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
    return byKey(this.places).flatMap(({ rows }) => byKey(rows));
  }
}
