/**
 * Quotas on the device: the server's last quota snapshot (kept in the meta table, so the start
 * page can warn offline) and the completed interviews not yet acknowledged by the server, counted
 * per questionnaire, respondent group and stratum.
 */
import type { QuotaSnapshot } from '../contract';
import { getDb, type SurveyDb } from './db';
import { NO_STRATUM, quotaKeyOf } from './quota-key';
import { readable } from './records';
import { withDb } from './reopen';
import type { QuotaKey } from './types';

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

const isQuotaKey = (k: unknown): k is QuotaKey => Array.isArray(k) && k.length === 3 && k.every((part) => typeof part === 'string');

/**
 * Completed interviews still in the outbox (waiting, or refused and kept), per questionnaire,
 * group and stratum: done here, not yet counted by the server. Counted on the outbox's quota key
 * index (a few counts, however many interviews wait), so a live query of it stays cheap while an
 * upload empties the outbox batch by batch.
 */
export async function unsentCounts(db: SurveyDb = getDb()): Promise<UnsentCount[]> {
  return withDb(() =>
    db.transaction('r', db.outbox, db.records, async () => {
      const indexed: unknown[] = await db.outbox.orderBy('quotaKey').uniqueKeys();
      const keys = indexed.filter(isQuotaKey);
      const [total, ...perKey] = await Promise.all([db.outbox.count(), ...keys.map((k) => db.outbox.where('quotaKey').equals(k).count())]);
      const counts = new Map<string, UnsentCount>();
      const add = ([surveyId, respondentGroup, stratum]: QuotaKey, count: number) => {
        const id = JSON.stringify([surveyId, respondentGroup, stratum]);
        const seen = counts.get(id);
        if (seen) seen.count += count;
        else counts.set(id, { surveyId, respondentGroup, stratum: stratum === NO_STRATUM ? undefined : stratum, count });
      };
      keys.forEach((k, i) => add(k, perKey[i] ?? 0));
      const keyed = perKey.reduce((n, c) => n + c, 0);
      if (total !== undefined && total > keyed) {
        // Entries without a key (not queued by this app's commands): counted from their records.
        const unkeyed = (await db.outbox.toArray()).filter((e) => e.quotaKey === undefined);
        for (const r of readable(await db.records.bulkGet(unkeyed.map((e) => e.id)))) if (r.status === 'completed') add(quotaKeyOf(r), 1);
      }
      return [...counts.values()];
    }),
  );
}
