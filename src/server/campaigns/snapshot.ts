/**
 * The quota snapshot of a campaign: its targets (from the file) beside the counts of quota_counts,
 * read with one query. Strata that interviews arrived for but the campaign does not plan are shown
 * with target 0, so a group's accepted always equals the sum over its strata: among them a stratum
 * the campaign planned outside the questionnaire's list and dropped after a tablet had it.
 */
import type { Kysely } from 'kysely';
import type { QuotaGroup, QuotaSnapshot, QuotaStratum } from '../../contract';
import { groupTarget } from '../../survey';
import type { CampaignGroup, Text } from '../../survey';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { vietnamToday } from './day';
import type { CampaignEntry } from './registry';

export interface CountRow {
  group_id: string;
  stratum: string;
  count: number | string;
}

const NO_STRATUM: Text = { vi: '(không ghi tầng)', en: '(no stratum)' };

/**
 * Labels of a questionnaire list, by value (for unplanned strata and parents): the group's version
 * first, then the questionnaire's other versions' stratum lists (an interview begun on an older
 * version, by district, counted in a campaign by commune is shown by its district's name). For
 * strata, `planned` adds the strata campaigns plan for the group outside the lists (a stratum this
 * campaign no longer plans, another campaign's own unit), the latest campaign's label first.
 */
function listLabels(catalog: Catalog, group: CampaignGroup, list: string | undefined, planned = false): Map<string, Text> {
  const def = catalog.get(group.questionnaire.id, group.questionnaire.version)?.definition;
  const labels = new Map<string, Text>();
  for (const other of catalog.list()) {
    if (other.definition.id !== group.questionnaire.id || other.definition === def) continue;
    const stratumList = other.definition.respondentGroups.find((g) => g.id === group.id)?.stratumList;
    for (const item of stratumList !== undefined ? (other.definition.lists?.[stratumList] ?? []) : []) labels.set(item.value, item.label);
  }
  if (planned)
    for (const { campaign } of [...catalog.campaigns.list()].sort((a, b) => (a.campaign.start < b.campaign.start ? -1 : a.campaign.start > b.campaign.start ? 1 : 0)))
      for (const g of campaign.groups)
        if (g.id === group.id && g.questionnaire.id === group.questionnaire.id) for (const s of g.strata ?? []) labels.set(s.value, s.label);
  for (const item of list !== undefined ? (def?.lists?.[list] ?? []) : []) labels.set(item.value, item.label);
  return labels;
}

function stratumListOf(catalog: Catalog, group: CampaignGroup): string | undefined {
  const def = catalog.get(group.questionnaire.id, group.questionnaire.version)?.definition;
  return def?.respondentGroups.find((g) => g.id === group.id)?.stratumList;
}

function groupOf(catalog: Catalog, g: CampaignGroup, counts: Map<string, number>): QuotaGroup {
  const target = groupTarget(g);
  const base = {
    id: g.id,
    label: g.label,
    ...(g.description ? { description: g.description } : {}),
    policy: g.policy,
    questionnaire: { id: g.questionnaire.id, version: g.questionnaire.version },
    target,
    ...(g.declaredTarget !== undefined ? { declaredTarget: g.declaredTarget } : {}),
  };
  if (!g.strata) {
    const accepted = [...counts.values()].reduce((n, c) => n + c, 0);
    return { ...base, accepted, over: Math.max(0, accepted - target), full: accepted >= target, strata: [] };
  }
  const strata: QuotaStratum[] = g.strata.map((s) => {
    const accepted = counts.get(s.value) ?? 0;
    return {
      value: s.value,
      label: s.label,
      ...(s.parent !== undefined ? { parent: s.parent } : {}),
      target: s.target,
      accepted,
      over: Math.max(0, accepted - s.target),
      full: accepted >= s.target,
    };
  });
  const planned = new Set(g.strata.map((s) => s.value));
  const unplanned = [...counts.entries()].filter(([value, n]) => !planned.has(value) && n > 0).sort(([a], [b]) => (a < b ? -1 : 1));
  if (unplanned.length > 0) {
    const labels = listLabels(catalog, g, stratumListOf(catalog, g), true);
    for (const [value, accepted] of unplanned)
      strata.push({ value, label: value === '' ? NO_STRATUM : (labels.get(value) ?? { vi: value, en: value }), target: 0, accepted, over: accepted, full: true });
  }
  const accepted = strata.reduce((n, s) => n + s.accepted, 0);
  const group: QuotaGroup = {
    ...base,
    accepted,
    over: strata.reduce((n, s) => n + s.over, 0),
    full: strata.every((s) => s.full),
    strata,
  };
  if (g.parentList !== undefined) {
    const labels = listLabels(catalog, g, g.parentList);
    const values = [...new Set(g.strata.flatMap((s) => (s.parent !== undefined ? [s.parent] : [])))];
    group.parents = values.map((value) => ({ value, label: labels.get(value) ?? { vi: value, en: value } }));
  }
  return group;
}

/** Builds a snapshot from count rows (pure, for tests and the bench). */
export function buildSnapshot(entry: CampaignEntry, catalog: Catalog, rows: readonly CountRow[], now = new Date()): QuotaSnapshot {
  const { campaign } = entry;
  const byGroup = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const counts = byGroup.get(r.group_id) ?? new Map<string, number>();
    counts.set(r.stratum, (counts.get(r.stratum) ?? 0) + Number(r.count));
    byGroup.set(r.group_id, counts);
  }
  const today = vietnamToday(now);
  return {
    campaignId: campaign.id,
    title: campaign.title,
    start: campaign.start,
    end: campaign.end,
    status: today < campaign.start ? 'upcoming' : today > campaign.end ? 'ended' : 'running',
    takenAt: now.toISOString(),
    groups: campaign.groups.map((g) => groupOf(catalog, g, byGroup.get(g.id) ?? new Map())),
    discrepancies: entry.discrepancies,
  };
}

/** The campaign's snapshot now: one query over quota_counts. */
export async function quotaSnapshot(db: Kysely<DatabaseSchema>, catalog: Catalog, entry: CampaignEntry, now = new Date()): Promise<QuotaSnapshot> {
  const rows = await db
    .selectFrom('quota_counts')
    .select(['group_id', 'stratum', 'count'])
    .where('campaign_id', '=', entry.campaign.id)
    .execute();
  return buildSnapshot(entry, catalog, rows, now);
}

/** The campaign named by `?campaign=`, else the current one; undefined when there is none. */
export function chosenCampaign(catalog: Catalog, id: string | undefined, now = new Date()): CampaignEntry | undefined {
  return id !== undefined ? catalog.campaigns.get(id) : catalog.campaigns.current(vietnamToday(now));
}
