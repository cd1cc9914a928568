/**
 * The quota a link's interviews count towards: its campaign group's policy, and the target and
 * accepted count of its stratum (of the whole group when the group has one target), read from
 * the counters kept at ingest. Policy "stop" refuses a new interview when this is full.
 */
import type { Kysely } from 'kysely';
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

/** True when policy "stop" refuses a new interview through the link now. */
export const refusesNewInterview = (quota: LinkQuota): boolean => quota.policy === 'stop' && quota.full;
