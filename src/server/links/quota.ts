/**
 * The quota a link's interviews count towards: its campaign group's policy, and the target and
 * accepted count of its stratum (of the whole group when the group has one target), read from
 * the counters kept at ingest. Policy "stop" refuses a new interview when this is full.
 *
 * The database enforces it under concurrency: a transaction that may admit a new interview first
 * locks the stratum's counter row (lockedLinkQuota) and keeps the lock until it commits, having
 * counted the interview on that row. Concurrent requests for the same stratum, in this process or
 * any other sharing the database, therefore decide one after the other, each on the count the
 * previous one committed.
 */
import type { Kysely, Transaction } from 'kysely';
import type { LinkInfo } from '../../contract';
import type { DatabaseSchema, RespondentLinkRow } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { campaignGroupOf } from './describe';

export type LinkQuota = LinkInfo['quota'];

export async function linkQuota(
  db: Kysely<DatabaseSchema>,
  catalog: Catalog,
  link: Pick<RespondentLinkRow, 'campaign_id' | 'respondent_group' | 'stratum'>,
): Promise<LinkQuota> {
  const found = campaignGroupOf(catalog, link.campaign_id, link.respondent_group);
  // A campaign that left the server no longer limits anything.
  if (!found) return { policy: 'continue', target: 0, accepted: 0, full: false };
  const { group } = found;
  let query = db
    .selectFrom('quota_counts')
    .select(({ fn }) => fn.sum<string | number>('count').as('n'))
    .where('campaign_id', '=', link.campaign_id)
    .where('group_id', '=', link.respondent_group);
  if (group.strata) query = query.where('stratum', '=', link.stratum ?? '');
  const accepted = Number((await query.executeTakeFirst())?.n ?? 0);
  const target = group.strata ? (group.strata.find((s) => s.value === link.stratum)?.target ?? 0) : (group.target ?? 0);
  return { policy: group.policy, target, accepted, full: accepted >= target };
}

/**
 * The link's quota read under a lock on its stratum's counter row, held until the transaction
 * ends: the row is created if missing, and updated to itself (`ON CONFLICT DO UPDATE`), which on
 * PostgreSQL locks it (waiting for any transaction holding it, then seeing what that one
 * committed) and on SQLite makes the transaction the database's one writer. Undefined when the
 * link's campaign group is no longer on the server (nothing to enforce, nothing locked).
 *
 * Link transactions take this lock first, before the link's row: always in the same order, so
 * they never deadlock one another.
 */
export async function lockedLinkQuota(
  trx: Transaction<DatabaseSchema>,
  catalog: Catalog,
  link: Pick<RespondentLinkRow, 'campaign_id' | 'respondent_group' | 'stratum'>,
): Promise<LinkQuota | undefined> {
  if (!campaignGroupOf(catalog, link.campaign_id, link.respondent_group)) return undefined;
  await trx
    .insertInto('quota_counts')
    .values({ campaign_id: link.campaign_id, group_id: link.respondent_group, stratum: link.stratum ?? '', count: 0 })
    .onConflict((oc) => oc.columns(['campaign_id', 'group_id', 'stratum']).doUpdateSet((eb) => ({ count: eb.ref('quota_counts.count') })))
    .execute();
  // A statement after the lock: it reads what the transactions before this one committed.
  return linkQuota(trx, catalog, link);
}

/** True when policy "stop" refuses a new interview through the link now. */
export const refusesNewInterview = (quota: LinkQuota): boolean => quota.policy === 'stop' && quota.full;
