/** The home screen's quotas: per group and stratum, target, accepted on the server, done here and not yet sent, and when the server counted. */
import type { QuotaGroup } from '../../contract';
import { tr } from '../../survey';
import { formatTime, useT } from '../i18n';
import { unsentOf, type QuotaSituation } from './quota-check';
import { useQuotaSituation } from './useQuota';

export function QuotaPanel() {
  const { t, lang } = useT();
  const situation = useQuotaSituation();
  if (!situation) return null;
  const { snapshot } = situation;
  return (
    <section aria-labelledby="quota-heading" className="quota-panel">
      <h2 id="quota-heading">{t('quota.heading')}</h2>
      {!snapshot ? (
        <p className="muted">{t('quota.none')}</p>
      ) : (
        <>
          <p className="muted small">
            {tr(snapshot.title, lang)} · {t('quota.takenAt', { time: formatTime(snapshot.takenAt, lang) })}
          </p>
          {snapshot.groups.map((g) => (
            <GroupQuota key={`${g.questionnaire.id}/${g.id}`} group={g} situation={situation} />
          ))}
        </>
      )}
    </section>
  );
}

function GroupQuota({ group: g, situation }: { group: QuotaGroup; situation: QuotaSituation }) {
  const { t, lang } = useT();
  const label = tr(g.label, lang);
  const unsent = unsentOf(situation.unsent, g.questionnaire.id, g.id);
  const rows = g.strata.length > 0 ? g.strata : [{ value: '', label: g.label, target: g.target, accepted: g.accepted, over: g.over, full: g.full }];
  return (
    <details className="quota-group" data-group={g.id}>
      <summary>
        <strong>{label}</strong>{' '}
        <span className="muted small">
          {t('quota.groupLine', { accepted: g.accepted, target: g.target, unsent })}
          {g.policy === 'stop' && ` · ${t('quota.stopPolicy')}`}
        </span>
      </summary>
      <table className="quota-table">
        <caption className="sr-only">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{t('quota.stratum')}</th>
            <th scope="col">{t('quota.target')}</th>
            <th scope="col">{t('quota.accepted')}</th>
            <th scope="col">{t('quota.unsent')}</th>
            <th scope="col">{t('quota.state')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => {
            const here = g.strata.length > 0 ? unsentOf(situation.unsent, g.questionnaire.id, g.id, s.value) : unsent;
            const count = s.accepted + here;
            return (
              <tr key={s.value} data-stratum={s.value || undefined}>
                <th scope="row">{tr(s.label, lang)}</th>
                <td data-label={t('quota.target')}>{s.target}</td>
                <td data-label={t('quota.accepted')}>{s.accepted}</td>
                <td data-label={t('quota.unsent')}>{here}</td>
                <td data-label={t('quota.state')}>
                  {count > s.target ? t('quota.over', { count: count - s.target }) : count === s.target && s.target > 0 ? t('quota.full') : t('quota.remaining', { count: s.target - count })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
