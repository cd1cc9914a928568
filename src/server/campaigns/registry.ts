/**
 * The loaded campaigns and the two choices the server makes with them: which campaign an
 * interview counts towards, and which campaign a snapshot shows when none is named.
 */
import { campaignDiscrepancies } from '../../survey';
import type { Campaign, Discrepancy } from '../../survey';
import type { LoadedCampaignFile } from '../../survey/campaign';

export interface CampaignEntry {
  campaign: Campaign;
  /** The file it came from, for messages. */
  file: string;
  /** Declared totals that disagree with the computed targets (fixed for the file, so computed once). */
  discrepancies: Discrepancy[];
}

export interface Campaigns {
  list(): readonly CampaignEntry[];
  get(id: string): CampaignEntry | undefined;
  /**
   * The campaign an interview of `surveyId` by `groupId` completed on `day` (in Vietnam) counts
   * towards, among the campaigns with that group on that questionnaire: see `pick`.
   */
  forInterview(surveyId: string, groupId: string, day: string): CampaignEntry | undefined;
  /** The campaign shown when none is named: see `pick`, over every campaign. */
  current(day: string): CampaignEntry | undefined;
  /** Replaces every campaign (the database's, after a save here or in another process). */
  replace(files: readonly LoadedCampaignFile[]): void;
}

/**
 * The campaign running on `day` (the latest to start if several); else the last one that started
 * before it (fieldwork over, late uploads still count); else the next one to start.
 */
export function pick(entries: readonly CampaignEntry[], day: string): CampaignEntry | undefined {
  const byStart = [...entries].sort((a, b) => (a.campaign.start === b.campaign.start ? (a.campaign.id < b.campaign.id ? -1 : 1) : a.campaign.start < b.campaign.start ? -1 : 1));
  const started = byStart.filter((e) => e.campaign.start <= day);
  const running = started.filter((e) => e.campaign.end >= day);
  return running.at(-1) ?? started.at(-1) ?? byStart[0];
}

interface Indexed {
  entries: CampaignEntry[];
  byId: Map<string, CampaignEntry>;
  byGroup: Map<string, CampaignEntry[]>;
}

function indexed(files: readonly LoadedCampaignFile[]): Indexed {
  const entries: CampaignEntry[] = files.map((f) => ({ campaign: f.campaign, file: f.file, discrepancies: campaignDiscrepancies(f.campaign) }));
  const byGroup = new Map<string, CampaignEntry[]>();
  for (const e of entries)
    for (const g of e.campaign.groups) {
      const key = `${g.questionnaire.id}\u0000${g.id}`;
      byGroup.set(key, [...(byGroup.get(key) ?? []), e]);
    }
  return { entries, byId: new Map(entries.map((e) => [e.campaign.id, e])), byGroup };
}

export function campaignsOf(files: readonly LoadedCampaignFile[]): Campaigns {
  // Swapped whole by replace(): a reader holds either the old set or the new one, never a mix.
  let index = indexed(files);
  return {
    list: () => index.entries,
    get: (id) => index.byId.get(id),
    forInterview: (surveyId, groupId, day) => pick(index.byGroup.get(`${surveyId}\u0000${groupId}`) ?? [], day),
    current: (day) => pick(index.entries, day),
    replace(next) {
      index = indexed(next);
    },
  };
}
