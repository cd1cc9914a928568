/**
 * Quota and activity counters: incremented in the transaction that inserts interviews, only for
 * rows that insert actually wrote, with one multi-row upsert per table (`ON CONFLICT … DO UPDATE
 * SET count = count + n`) so the database adds, never this code. Increments are applied in a fixed
 * key order, so concurrent batches lock counter rows in the same order and never deadlock (PostgreSQL).
 */
import { chunksOf } from '../db/chunks';
import type { Kysely, Transaction } from 'kysely';
import type { Campaigns } from '../campaigns/registry';
import type { DatabaseSchema } from '../db/schema';
import { vietnamDay } from '../campaigns/day';
import { countedAt } from './clock';

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/** What a stored interview adds to the counters. */
export interface Counted {
  /** '' when the interview counts towards no campaign. */
  campaignId: string;
  groupId: string;
  /** '' for none. */
  stratum: string;
  day: string;
  deviceId: string;
}

/**
 * The campaign id ('' for none) and day of an interview, as stored on its row. `at` is when it
 * counts: its completion, or its receipt when the device's clock is suspect (./clock countedAt).
 */
export function placeOf(campaigns: Campaigns, surveyId: string, groupId: string, at: string, receivedAt: string): { campaignId: string; day: string } {
  const day = vietnamDay(at) ?? vietnamDay(receivedAt) ?? receivedAt.slice(0, 10);
  return { campaignId: campaigns.forInterview(surveyId, groupId, day)?.campaign.id ?? '', day };
}


function tally<K>(items: readonly Counted[], key: (c: Counted) => string, make: (c: Counted) => K): [K, number][] {
  const out = new Map<string, [K, number]>();
  for (const c of items) {
    const k = key(c);
    const entry = out.get(k);
    if (entry) entry[1] += 1;
    else out.set(k, [make(c), 1]);
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/** Adds the interviews to quota_counts (those with a campaign) and activity_counts (all). */
export async function addToCounters(trx: Db, items: readonly Counted[]): Promise<void> {
  const quota = tally(
    items.filter((c) => c.campaignId !== ''),
    (c) => `${c.campaignId}\u0000${c.groupId}\u0000${c.stratum}`,
    (c) => ({ campaign_id: c.campaignId, group_id: c.groupId, stratum: c.stratum }),
  );
  // One row per key (tallied above), so no upsert touches a row twice (PostgreSQL refuses that).
  for (const chunk of chunksOf(quota, 4)) {
    await trx
      .insertInto('quota_counts')
      .values(chunk.map(([key, n]) => ({ ...key, count: n })))
      .onConflict((oc) =>
        oc.columns(['campaign_id', 'group_id', 'stratum']).doUpdateSet((eb) => ({ count: eb('quota_counts.count', '+', eb.ref('excluded.count')) })),
      )
      .execute();
  }
  const activity = tally(
    items,
    (c) => `${c.campaignId}\u0000${c.day}\u0000${c.deviceId}`,
    (c) => ({ campaign_id: c.campaignId, day: c.day, device_id: c.deviceId }),
  );
  for (const chunk of chunksOf(activity, 4)) {
    await trx
      .insertInto('activity_counts')
      .values(chunk.map(([key, n]) => ({ ...key, count: n })))
      .onConflict((oc) =>
        oc.columns(['campaign_id', 'day', 'device_id']).doUpdateSet((eb) => ({ count: eb('activity_counts.count', '+', eb.ref('excluded.count')) })),
      )
      .execute();
  }
}

const CLAIM_BATCH = 500;

/**
 * Assigns a campaign to the interviews stored without one (before migration 0002, or by a caller
 * that did not pass the campaigns) and counts them. Each row is claimed by a conditional update
 * (`campaign_id IS NULL`) in the transaction that counts it, so it is counted once even if two
 * servers do this at the same time. Returns how many rows it counted.
 */
export async function countUnassigned(db: Kysely<DatabaseSchema>, campaigns: Campaigns): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db
      .selectFrom('submissions')
      .select(['id', 'survey_id', 'respondent_group', 'stratum', 'completed_at', 'received_at', 'device_id', 'clock_suspect'])
      .where('campaign_id', 'is', null)
      .orderBy('id')
      .limit(CLAIM_BATCH)
      .execute();
    if (rows.length === 0) return total;
    await db.transaction().execute(async (trx) => {
      const counted: Counted[] = [];
      for (const r of rows) {
        const at = countedAt(r.completed_at, r.received_at, r.clock_suspect);
        const { campaignId, day } = placeOf(campaigns, r.survey_id, r.respondent_group, at, r.received_at);
        const claimed = await trx
          .updateTable('submissions')
          .set({ campaign_id: campaignId, completed_day: day })
          .where('id', '=', r.id)
          .where('campaign_id', 'is', null)
          .executeTakeFirst();
        if (claimed.numUpdatedRows === 1n)
          counted.push({ campaignId, groupId: r.respondent_group, stratum: r.stratum ?? '', day, deviceId: r.device_id });
      }
      await addToCounters(trx, counted);
      total += counted.length;
    });
  }
}
