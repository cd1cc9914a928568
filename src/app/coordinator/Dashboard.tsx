/** The coordinator's dashboard: plan discrepancies, totals, quotas per group and stratum, scores, interviews per day and per enumerator, exports. Refreshes itself. */
import { useCallback, useState } from 'react';
import { tr } from '../../survey';
import { formatTime } from '../i18n';
import { useCoordinatorApi, type CoordinatorDashboard, type QuotaSnapshot } from './api';
import { Discrepancies } from './Discrepancies';
import { Enumerators } from './Enumerators';
import { describeFailure } from './failure';
import { Exports } from './Exports';
import { formatClock, formatDay, useCT } from './i18n';
import { PerDayChart } from './PerDayChart';
import { QuotaGroups } from './QuotaGroups';
import { ScoresSection } from './Scores';
import { useRefreshing } from './useRefreshing';

export function Dashboard() {
  const api = useCoordinatorApi();
  const [campaign, setCampaign] = useState<string>();
  const load = useCallback(() => api.dashboard(campaign), [api, campaign]);
  const { data, updatedAt, error, loading, refresh } = useRefreshing(load);
  const { t, lang } = useCT();
  const campaigns = data?.campaigns ?? [];
  return (
    <main className="coord-dashboard">
      <div className="coord-title">
        <h1>{t('dashboard.heading')}</h1>
        <p className="coord-updated">
          {updatedAt && <span>{t('dashboard.updatedAt', { time: formatClock(updatedAt, lang) })}</span>}
          <button type="button" className="secondary" onClick={() => void refresh()} disabled={loading}>
            {loading ? t('dashboard.refreshing') : t('dashboard.refresh')}
          </button>
        </p>
      </div>
      {campaigns.length > 1 && (
        <p className="coord-campaign">
          <label htmlFor="coord-campaign">{t('dashboard.chooseCampaign')}</label>{' '}
          <select id="coord-campaign" value={campaign ?? data?.quota?.campaignId ?? ''} onChange={(e) => setCampaign(e.target.value)}>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {tr(c.title, lang)}
              </option>
            ))}
          </select>
        </p>
      )}
      {error !== undefined && (
        <p className="error" role="alert">
          {data ? t('dashboard.staleError', { message: describeFailure(error, t) }) : t('common.error', { message: describeFailure(error, t) })}
        </p>
      )}
      {!data && error === undefined && <p className="muted">{t('common.loading')}</p>}
      {data && <DashboardView data={data} />}
    </main>
  );
}

/** What one dashboard reply shows (rendered on its own by the tests). */
export function DashboardView({ data }: { data: CoordinatorDashboard }) {
  const { t } = useCT();
  const { quota } = data;
  return (
    <>
      {quota ? <CampaignLine quota={quota} /> : <p className="notice">{t('dashboard.noCampaign')}</p>}
      {quota && <Discrepancies snapshot={quota} />}
      <Totals data={data} />
      {quota && <QuotaGroups snapshot={quota} />}
      <ScoresSection scores={data.scores} pending={data.scoresPending === true} />
      <PerDayChart perDay={data.perDay} />
      <Enumerators rows={data.perEnumerator} />
      {quota && <Exports snapshot={quota} />}
    </>
  );
}

function CampaignLine({ quota }: { quota: QuotaSnapshot }) {
  const { t, lang } = useCT();
  return (
    <p className="muted">
      {t('dashboard.campaign', { title: tr(quota.title, lang) })} · {t('dashboard.period', { start: formatDay(quota.start, true), end: formatDay(quota.end, true) })} (
      {t(`dashboard.status.${quota.status}`)}) · {t('dashboard.snapshotAt', { time: formatTime(quota.takenAt, lang) })}
    </p>
  );
}

function Totals({ data }: { data: CoordinatorDashboard }) {
  const { t } = useCT();
  const groups = data.quota?.groups ?? [];
  const sum = (f: (g: (typeof groups)[number]) => number) => groups.reduce((n, g) => n + f(g), 0);
  const over = sum((g) => g.over);
  const figures: [string, number, string?][] = [
    [t('dashboard.totalInterviews'), data.totals.interviews],
    [t('dashboard.today'), data.totals.today],
    ...(data.quota
      ? ([
          [t('dashboard.target'), sum((g) => g.target)],
          [t('dashboard.accepted'), sum((g) => g.accepted)],
          [t('dashboard.over'), over, over > 0 ? 'over' : undefined],
        ] as [string, number, string?][])
      : []),
  ];
  return (
    <section aria-labelledby="totals-heading" className="coord-section">
      <h2 id="totals-heading">{t('dashboard.totals')}</h2>
      <dl className="totals">
        {figures.map(([label, value, className]) => (
          <div key={label} className={className}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
