/** On the start page: the chosen group or stratum's quota, a warning when it is full, a refusal when full under policy "stop". */
import { tr } from '../../survey';
import { formatTime, useT } from '../i18n';
import type { QuotaCheck } from './quota-check';

export function QuotaNotice({ check }: { check: QuotaCheck | undefined }) {
  const { t, lang } = useT();
  if (!check) return null;
  const figures = { stratum: tr(check.label, lang), count: check.accepted + check.unsent, target: check.target };
  const basis = t('quota.basis', { time: formatTime(check.takenAt, lang), unsent: check.unsent });
  if (check.verdict === 'ok')
    return (
      <p className="quota-notice muted" data-verdict="ok">
        {t('quota.room', figures)} {basis}
      </p>
    );
  return (
    <div className={`quota-notice ${check.verdict}`} role={check.verdict === 'block' ? 'alert' : 'status'} data-verdict={check.verdict}>
      <p>{check.verdict === 'block' ? t('quota.blocked', figures) : t('quota.overQuota', figures)}</p>
      <p className="small">{basis}</p>
    </div>
  );
}
