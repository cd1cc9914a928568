/**
 * Quotas on the device: the server's last quota snapshot (kept in the meta table, so the start
 * page can warn offline) and the completed interviews not yet acknowledged by the server, counted
 * per questionnaire, respondent group and stratum.
 */
import type { QuotaSnapshot } from '../contract';
import { getDb, type SurveyDb } from './db';
import { withDb } from './reopen';

export async function getQuotaSnapshot(db: SurveyDb = getDb()): Promise<QuotaSnapshot | undefined> {
  const row = await withDb(() => db.meta.get('quota'));
  return row?.key === 'quota' ? row.value : undefined;
}

/**
 * Keeps `snapshot` unless the stored one was taken later (replies can arrive out of order);
 * returns whether it was saved.
 */
export async function saveQuotaSnapshot(snapshot: QuotaSnapshot, db: SurveyDb = getDb()): Promise<boolean> {
  return withDb(() =>
    db.transaction('rw', db.meta, async () => {
      const stored = await getQuotaSnapshot(db);
      if (stored && stored.campaignId === snapshot.campaignId && Date.parse(stored.takenAt) > Date.parse(snapshot.takenAt)) return false;
      await db.meta.put({ key: 'quota', value: snapshot });
      return true;
    }),
  );
}

export interface UnsentCount {
  surveyId: string;
  respondentGroup: string;
  stratum: string | undefined;
  count: number;
}

/**
 * Completed interviews still in the outbox (waiting, or refused and kept), per questionnaire,
 * group and stratum: done here, not yet counted by the server.
 */
export async function unsentCounts(db: SurveyDb = getDb()): Promise<UnsentCount[]> {
  return withDb(() =>
    db.transaction('r', db.outbox, db.records, async () => {
      const ids = (await db.outbox.toCollection().primaryKeys()) as string[];
      const records = await db.records.bulkGet(ids);
      const counts = new Map<string, UnsentCount>();
      for (const r of records) {
        if (!r || r.status !== 'completed') continue;
        const key = JSON.stringify([r.surveyId, r.respondentGroup, r.stratum ?? null]);
        const seen = counts.get(key);
        if (seen) seen.count += 1;
        else counts.set(key, { surveyId: r.surveyId, respondentGroup: r.respondentGroup, stratum: r.stratum, count: 1 });
      }
      return [...counts.values()];
    }),
  );
}
