/**
 * Targets of a campaign computed from its strata, and the totals its file declares that disagree
 * with them (the Quảng Bình plan says 169 for groups that add up to 199): reported, never resolved
 * silently. Pure, no zod: types only from ./campaign.
 */
import type { Campaign, CampaignGroup } from './campaign';
import type { Text } from './types';

/** A group's target: its one number, or the sum of its strata's targets. */
export function groupTarget(group: CampaignGroup): number {
  return group.strata ? group.strata.reduce((n, s) => n + s.target, 0) : (group.target ?? 0);
}

export interface Discrepancy {
  /** 'campaign' for the declared total, else the group id. */
  scope: string;
  declared: number;
  computed: number;
  message: Text;
}

const more = (declared: number, computed: number): Text => {
  const d = Math.abs(computed - declared);
  return computed > declared ? { vi: `nhiều hơn ${d}`, en: `${d} more` } : { vi: `ít hơn ${d}`, en: `${d} fewer` };
};

/** Every declared number that disagrees with the targets computed from the groups and strata. */
export function campaignDiscrepancies(campaign: Campaign): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const g of campaign.groups) {
    const computed = groupTarget(g);
    if (g.declaredTarget === undefined || g.declaredTarget === computed) continue;
    const diff = more(g.declaredTarget, computed);
    out.push({
      scope: g.id,
      declared: g.declaredTarget,
      computed,
      message: {
        vi: `Nhóm “${g.label.vi}”: kế hoạch ghi ${g.declaredTarget} phiếu, nhưng chỉ tiêu các tầng cộng lại là ${computed} (${diff.vi}). Tiến độ được tính theo chỉ tiêu các tầng (${computed}).`,
        en: `Group “${g.label.en}”: the plan states ${g.declaredTarget} questionnaires, but its strata's targets add up to ${computed} (${diff.en}). Progress is measured against the strata's targets (${computed}).`,
      },
    });
  }
  const total = campaign.declaredTotal;
  if (total) {
    const ids = total.groups ?? campaign.groups.map((g) => g.id);
    const groups = campaign.groups.filter((g) => ids.includes(g.id));
    const computed = groups.reduce((n, g) => n + groupTarget(g), 0);
    if (computed !== total.value) {
      const diff = more(total.value, computed);
      const sum = groups.map((g) => groupTarget(g)).join(' + ');
      const source = total.source ? { vi: ` (${total.source.vi})`, en: ` (${total.source.en})` } : { vi: '', en: '' };
      out.push({
        scope: 'campaign',
        declared: total.value,
        computed,
        message: {
          vi: `Kế hoạch ghi tổng ${total.value} phiếu${source.vi} cho các nhóm ${groups.map((g) => `“${g.label.vi}”`).join(', ')}, nhưng chỉ tiêu các nhóm cộng lại là ${sum} = ${computed} (${diff.vi}). Tiến độ được tính theo chỉ tiêu từng nhóm (${computed}); hãy kiểm tra lại kế hoạch.`,
          en: `The plan states a total of ${total.value} questionnaires${source.en} for ${groups.map((g) => `“${g.label.en}”`).join(', ')}, but the groups' targets add up to ${sum} = ${computed} (${diff.en}). Progress is measured against the groups' targets (${computed}); check the plan.`,
        },
      });
    }
  }
  return out;
}
