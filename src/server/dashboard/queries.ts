/**
 * The dashboard's figures, read from the counters kept at ingest (activity_counts, quota_counts,
 * score_totals) and the devices table: a few grouped queries over small tables, whatever the number
 * of interviews; plus one index lookup per questionnaire version and the interviews outside every
 * campaign (./questionnaires).
 */
import type { Kysely } from 'kysely';
import type { CoordinatorDashboard } from '../../contract';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { deviceSummaries, LINK_DEVICE_ID } from '../auth/devices';
import { vietnamToday } from '../campaigns/day';
import type { CampaignEntry } from '../campaigns/registry';
import { quotaSnapshot } from '../campaigns/snapshot';
import { scoringPending } from '../scores/backfill';
import { targetResult } from '../report/build';
import { dashboardScores } from '../scores/report';
import { enumeratorRows, type DeviceCounts } from './enumerators';
import { outsideCampaigns, questionnaireVersions } from './questionnaires';

type Db = Kysely<DatabaseSchema>;

export async function dashboard(db: Db, catalog: Catalog, entry: CampaignEntry | undefined, now = new Date()): Promise<CoordinatorDashboard> {
  const campaignId = entry?.campaign.id;
  // Read before the scores: "not pending" then means the scores read next include every interview.
  const scoresPending = await scoringPending(db, catalog);
  const [quota, devices, days, perDevice, outside, questionnaires, scores] = await Promise.all([
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
    // Every campaign's (and none's): the campaign's and the outside ones per device, the rest in total.
    db
      .selectFrom('activity_counts')
      .select(({ fn }) => ['campaign_id', 'device_id', fn.sum<string | number>('count').as('n')])
      .groupBy(['campaign_id', 'device_id'])
      .execute(),
    outsideCampaigns(db, catalog),
    questionnaireVersions(db, catalog, entry),
    dashboardScores(db, catalog, entry),
  ]);
  const perDay = days.map((d) => ({ date: d.day, count: Number(d.n) }));
  const counts = new Map<string, DeviceCounts>();
  let otherCampaigns = 0;
  for (const r of perDevice) {
    const n = Number(r.n);
    if (r.campaign_id !== campaignId && r.campaign_id !== '') {
      otherCampaigns += n;
      continue;
    }
    const c = counts.get(r.device_id) ?? { campaign: 0, outside: 0 };
    if (r.campaign_id === '') c.outside += n;
    else c.campaign += n;
    counts.set(r.device_id, c);
  }
  const today = vietnamToday(now);
  const declared = entry?.campaign.declaredTotal;
  return {
    quota,
    campaigns: catalog.campaigns.list().map(({ campaign: c }) => ({ id: c.id, title: c.title, start: c.start, end: c.end })),
    perDay,
    perEnumerator: enumeratorRows(devices, counts),
    devices: devices.filter((d) => d.id !== LINK_DEVICE_ID),
    totals: {
      interviews: perDay.reduce((n, d) => n + d.count, 0),
      today: perDay.find((d) => d.date === today)?.count ?? 0,
      outsideCampaigns: outside,
      otherCampaigns,
    },
    ...(entry && declared ? { declaredTotal: { value: declared.value, groups: declared.groups ?? entry.campaign.groups.map((g) => g.id) } } : {}),
    questionnaires,
    scores,
    scoresPending,
    ...(entry?.campaign.scoreTargets ? { targets: entry.campaign.scoreTargets.map((t) => targetResult(t, scores)) } : {}),
    takenAt: now.toISOString(),
  };
}
