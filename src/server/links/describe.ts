/**
 * What a link is for, in words (labels of its campaign, group and stratum) and its state, as
 * coordinators and respondents see them; pure functions over a link's row.
 */
import type { LinkState, LinkSummary } from '../../contract';
import type { CampaignGroup, Text } from '../../survey';
import type { CampaignEntry } from '../campaigns/registry';
import type { RespondentLinkRow } from '../db/schema';
import type { Catalog } from '../definitions/catalog';

/** A link's row with the number of interviews started through it. */
export type LinkWithStarts = RespondentLinkRow & { starts: number };

/** The first state that applies: see LinkState in src/contract/links.ts. */
export function linkState(link: Pick<RespondentLinkRow, 'revoked_at' | 'uses' | 'max_uses' | 'kind' | 'started_at' | 'opened_at'>): LinkState {
  const uses = Number(link.uses);
  if (link.revoked_at !== null) return 'revoked';
  if (uses >= Number(link.max_uses)) return link.kind === 'single' ? 'completed' : 'exhausted';
  if (link.started_at !== null || uses > 0) return 'in_progress';
  if (link.opened_at !== null) return 'opened';
  return 'unopened';
}

export function campaignGroupOf(catalog: Catalog, campaignId: string, groupId: string): { entry: CampaignEntry; group: CampaignGroup } | undefined {
  const entry = catalog.campaigns.get(campaignId);
  const group = entry?.campaign.groups.find((g) => g.id === groupId);
  return entry && group ? { entry, group } : undefined;
}

/** The stratum's label: the campaign's, else the questionnaire list's, else the value itself. */
export function stratumLabel(catalog: Catalog, link: Pick<RespondentLinkRow, 'campaign_id' | 'survey_id' | 'survey_version' | 'respondent_group' | 'stratum'>): Text | undefined {
  const value = link.stratum;
  if (value === null) return undefined;
  const planned = campaignGroupOf(catalog, link.campaign_id, link.respondent_group)?.group.strata?.find((s) => s.value === value);
  if (planned) return planned.label;
  const def = catalog.get(link.survey_id, Number(link.survey_version))?.definition;
  const list = def?.respondentGroups.find((g) => g.id === link.respondent_group)?.stratumList;
  const item = list !== undefined ? def?.lists?.[list]?.find((i) => i.value === value) : undefined;
  return item?.label ?? { vi: value, en: value };
}

export function groupLabel(catalog: Catalog, link: Pick<RespondentLinkRow, 'campaign_id' | 'survey_id' | 'survey_version' | 'respondent_group'>): Text {
  const planned = campaignGroupOf(catalog, link.campaign_id, link.respondent_group)?.group.label;
  if (planned) return planned;
  const def = catalog.get(link.survey_id, Number(link.survey_version))?.definition;
  return def?.respondentGroups.find((g) => g.id === link.respondent_group)?.label ?? { vi: link.respondent_group, en: link.respondent_group };
}

export function linkSummary(catalog: Catalog, link: LinkWithStarts): LinkSummary {
  const state = linkState(link);
  const uses = Number(link.uses);
  const stratum = stratumLabel(catalog, link);
  return {
    id: link.id,
    campaignId: link.campaign_id,
    survey: { id: link.survey_id, version: Number(link.survey_version) },
    group: { id: link.respondent_group, label: groupLabel(catalog, link) },
    stratum: link.stratum !== null && stratum ? { value: link.stratum, label: stratum } : null,
    kind: link.kind,
    label: link.label,
    state,
    uses,
    maxUses: Number(link.max_uses),
    // Every stored interview has its start recorded, so the difference is what is still open; a
    // link that takes no more interviews has nothing in progress.
    inProgress: state === 'opened' || state === 'in_progress' || state === 'unopened' ? Math.max(0, Number(link.starts) - uses) : 0,
    createdAt: link.created_at,
    openedAt: link.opened_at,
    startedAt: link.started_at,
    lastUsedAt: link.last_used_at,
    revokedAt: link.revoked_at,
  };
}
