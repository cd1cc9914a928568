/**
 * The dashboard's figures, read from the counters kept at ingest (activity_counts, quota_counts,
 * score_totals) and the devices table: a few grouped queries over small tables, whatever the number of interviews.
 */
import type { Kysely } from 'kysely';
import type { CoordinatorDashboard, DeviceSummary } from '../../contract';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { LINK_DEVICE_ID } from '../auth/devices';
import { vietnamToday } from '../campaigns/day';
import type { CampaignEntry } from '../campaigns/registry';
import { quotaSnapshot } from '../campaigns/snapshot';
import { scoringPending } from '../scores/backfill';
import { dashboardScores } from '../scores/report';

type Db = Kysely<DatabaseSchema>;

/**
 * Every device with its interviews (all campaigns), oldest enrolment first; with `links`, also the
 * reserved row of the interviews sent through respondent links.
 */
export async function deviceSummaries(db: Db, { links = false } = {}): Promise<DeviceSummary[]> {
  const totals = db
    .selectFrom('activity_counts')
    .select(({ fn }) => ['device_id', fn.sum<string | number>('count').as('interviews')])
    .groupBy('device_id')
    .as('totals');
  const rows = await db
    .selectFrom('devices')
    .leftJoin(totals, 'totals.device_id', 'devices.id')
    .select(['devices.id', 'devices.name', 'devices.label', 'devices.created_at', 'devices.last_seen_at', 'devices.last_sync_at', 'devices.revoked_at', 'totals.interviews'])
    .$if(!links, (q) => q.where('devices.id', '!=', LINK_DEVICE_ID))
    .orderBy('devices.created_at')
    .orderBy('devices.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    label: r.label,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    lastSyncAt: r.last_sync_at,
    revokedAt: r.revoked_at,
    interviews: Number(r.interviews ?? 0),
  }));
}

export async function dashboard(db: Db, catalog: Catalog, entry: CampaignEntry | undefined, now = new Date()): Promise<CoordinatorDashboard> {
  const campaignId = entry?.campaign.id;
  // Read before the scores: "not pending" then means the scores read next include every interview.
  const scoresPending = await scoringPending(db, catalog);
  const [quota, devices, days, perDevice, scores] = await Promise.all([
    entry ? quotaSnapshot(db, catalog, entry, now) : null,
    deviceSummaries(db, { links: true }),
    campaignId === undefined
      ? []
      : db
          .selectFrom('activity_counts')
          .select(({ fn }) => ['day', fn.sum<string | number>('count').as('n')])
          .where('campaign_id', '=', campaignId)
          .groupBy('day')
          .orderBy('day')
          .execute(),
    campaignId === undefined
      ? []
      : db
          .selectFrom('activity_counts')
          .select(({ fn }) => ['device_id', fn.sum<string | number>('count').as('n')])
          .where('campaign_id', '=', campaignId)
          .groupBy('device_id')
          .execute(),
    dashboardScores(db, catalog, entry),
  ]);
  const perDay = days.map((d) => ({ date: d.day, count: Number(d.n) }));
  const counts = new Map(perDevice.map((d) => [d.device_id, Number(d.n)]));
  const perEnumerator = devices
    .filter((d) => counts.has(d.id) || d.revokedAt === null)
    .map((d) => ({ deviceId: d.id, name: d.name, count: counts.get(d.id) ?? 0, lastSyncAt: d.lastSyncAt }));
  const today = vietnamToday(now);
  return {
    quota,
    campaigns: catalog.campaigns.list().map(({ campaign: c }) => ({ id: c.id, title: c.title, start: c.start, end: c.end })),
    perDay,
    perEnumerator,
    devices: devices.filter((d) => d.id !== LINK_DEVICE_ID),
    totals: {
      interviews: perDay.reduce((n, d) => n + d.count, 0),
      today: perDay.find((d) => d.date === today)?.count ?? 0,
    },
    scores,
    scoresPending,
    takenAt: now.toISOString(),
  };
}
