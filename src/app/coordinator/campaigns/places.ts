/**
 * A problem's path in the user's words, for the list at the top of the editor:
 * `groups[1].strata[3].value` → “Nhóm 2 (Lãnh đạo sở) › tầng 4 (Sở Tư pháp) › mã”.
 */
import { useCallback } from 'react';
import { tr } from '../../../survey';
import { useCT } from '../i18n';
import { CAMPAIGN_FIELDS, GROUP_FIELDS, STRATUM_FIELDS, type Draft } from './draft';

/** The longest of `fields` that `rest` starts with. */
function fieldOf<T extends string>(rest: string, fields: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const f of fields) if ((rest === f || rest.startsWith(`${f}.`) || rest.startsWith(`${f}[`)) && f.length > (best?.length ?? 0)) best = f;
  return best;
}

/** `draft`: the campaign the path is in, to name its groups and strata; without it, they are numbered only. */
export function useTranslatedPlace(): (path: string, draft?: Draft) => string {
  const { t, lang } = useCT();
  return useCallback(
    (path: string, draft?: Draft) => {
      const target = /^scoreTargets\[(\d+)\]/.exec(path);
      if (target) return `${t('campaigns.place.campaign.scoreTargets')} › ${t('campaigns.place.target', { n: Number(target[1]) + 1 })}`;
      const m = /^groups\[(\d+)\](?:\.strata\[(\d+)\])?(?:\.(.*))?$/.exec(path);
      if (!m) {
        const field = fieldOf(path, CAMPAIGN_FIELDS);
        return field ? t(`campaigns.place.campaign.${field}`) : path === '(top level)' || path === '' ? t('campaigns.place.campaignWhole') : path;
      }
      const gi = Number(m[1]);
      const g = draft?.groups[gi];
      const groupLabel = g ? tr({ vi: g.labelVi, en: g.labelEn }, lang) || g.id : '';
      const parts: string[] = [groupLabel ? t('campaigns.place.group', { n: gi + 1, label: groupLabel }) : t('campaigns.place.groupN', { n: gi + 1 })];
      const rest = m[3] ?? '';
      if (m[2] !== undefined) {
        const si = Number(m[2]);
        const s = g?.strata[si];
        const stratumLabel = s ? tr({ vi: s.labelVi, en: s.labelEn }, lang) || s.value : '';
        parts.push(stratumLabel ? t('campaigns.place.stratum', { n: si + 1, label: stratumLabel }) : t('campaigns.place.stratumN', { n: si + 1 }));
        const field = fieldOf(rest, STRATUM_FIELDS);
        if (field) parts.push(t(`campaigns.place.stratumField.${field}`));
      } else {
        const field = fieldOf(rest, GROUP_FIELDS);
        if (field) parts.push(t(`campaigns.place.groupField.${field}`));
      }
      return parts.join(' › ');
    },
    [t, lang],
  );
}
