/** The coordinator's dashboard: plan discrepancies, totals, quotas per group and stratum, scores, interviews per day and per enumerator, exports. Refreshes itself. */
import { useCallback, useState } from 'react';
import { tr, type Lang } from '../../survey';
import { navigate, paths } from '../router';
import { useCoordinatorApi, type CoordinatorDashboard, type QuotaSnapshot } from './api';
import { formatClock, formatDate, formatDateTime } from './dates';
import { Discrepancies } from './Discrepancies';
import { Enumerators } from './Enumerators';
import { describeFailure } from './failure';
import { Exports } from './Exports';
import { useCT } from './i18n';
import { PerDayChart } from './PerDayChart';
import { QuotaGroups } from './QuotaGroups';
import { DEFAULT_MIN_CELL } from '../../survey/suppression';
import { ScoresSection } from './Scores';
import { TargetsSection } from './Targets';
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
          {updatedAt && <span>{t('dashboard.updatedAt', { time: formatClock(updatedAt) })}</span>}
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
      {quota && (
        <p className="coord-report-link">
          <a
            href={paths.coordinatorCampaignReport(quota.campaignId)}
            onClick={(e) => {
              e.preventDefault();
              navigate(paths.coordinatorCampaignReport(quota.campaignId));
            }}
          >
            {t('dashboard.report')}
          </a>
        </p>
      )}
      {quota && <Discrepancies snapshot={quota} declaredTotal={data.declaredTotal} />}
      <Totals data={data} />
      {quota && <QuotaGroups snapshot={quota} questionnaires={data.questionnaires} />}
      {data.targets && data.targets.length > 0 && (
        <TargetsSection targets={data.targets} questionnaires={data.scores} minCell={data.scores.length > 0 ? Math.min(...data.scores.map((s) => s.minCell)) : DEFAULT_MIN_CELL} />
      )}
      <ScoresSection scores={data.scores} pending={data.scoresPending === true} />
      <PerDayChart perDay={data.perDay} />
      <Enumerators rows={data.perEnumerator} />
      <Exports snapshot={quota} questionnaires={data.questionnaires} />
    </>
  );
}

function CampaignLine({ quota }: { quota: QuotaSnapshot }) {
  const { t, lang } = useCT();
  return (
    <p className="muted">
      {t('dashboard.campaign', { title: tr(quota.title, lang) })} · {t('dashboard.period', { start: formatDate(quota.start), end: formatDate(quota.end) })} (
      {t(`dashboard.status.${quota.status}`)}) · {t('dashboard.snapshotAt', { time: formatDateTime(quota.takenAt, lang) })}
    </p>
  );
}

type Translate = ReturnType<typeof useCT>['t'];

/** What the campaign's target covers: the groups the plan totals (against its own figure), then each other group; or all groups. */
function targetCovers(quota: QuotaSnapshot, declared: CoordinatorDashboard['declaredTotal'], t: Translate, lang: Lang): string {
  const { groups } = quota;
  const planned = groups.filter((g) => declared?.groups.includes(g.id));
  if (!declared || planned.length === 0 || planned.length === groups.length) return t('dashboard.targetAll', { count: groups.length });
  const others = groups.filter((g) => !declared.groups.includes(g.id));
  return [
    t('dashboard.targetPlanned', { target: planned.reduce((n, g) => n + g.target, 0), count: planned.length, declared: declared.value }),
    ...others.map((g) => t('dashboard.targetGroup', { target: g.target, group: tr(g.label, lang) })),
  ].join(' · ');
}

interface Figure {
  label: string;
  value: number;
  /** What the figure covers, said in full under the figures. */
  note?: string;
  className?: string;
}

/**
 * The overview: the campaign's interviews, its target (saying which groups it covers), what the
 * targets received, and the interviews the campaign does not show (outside any campaign, or in
 * another), so every stored interview is counted somewhere on the page. The figures are short
 * tiles; what a figure covers is a full line under them, starting with the figure.
 */
function Totals({ data }: { data: CoordinatorDashboard }) {
  const { t, lang } = useCT();
  const { quota } = data;
  const groups = quota?.groups ?? [];
  const sum = (f: (g: (typeof groups)[number]) => number) => groups.reduce((n, g) => n + f(g), 0);
  const over = sum((g) => g.over);
  const outside = data.totals.outsideCampaigns;
  const others = data.totals.otherCampaigns ?? 0;
  const figures: Figure[] = [
    { label: t('dashboard.totalInterviews'), value: data.totals.interviews },
    { label: t('dashboard.today'), value: data.totals.today },
    ...(quota
      ? [
          { label: t('dashboard.target'), value: sum((g) => g.target), note: targetCovers(quota, data.declaredTotal, t, lang) },
          { label: t('dashboard.accepted'), value: sum((g) => g.accepted) },
          { label: t('dashboard.over'), value: over, ...(over > 0 ? { className: 'over' } : {}) },
        ]
      : []),
    ...(outside && outside.interviews > 0
      ? [
          {
            label: t('dashboard.outside'),
            value: outside.interviews,
            note: outside.questionnaires.map((q) => t('dashboard.outsideQuestionnaire', { title: tr(q.title, lang), count: q.interviews })).join(' · '),
          },
        ]
      : []),
    ...(others > 0 ? [{ label: t('dashboard.otherCampaigns'), value: others, note: t('dashboard.otherCampaignsNote') }] : []),
  ];
  const notes = figures.filter((f) => f.note !== undefined);
  return (
    <section aria-labelledby="totals-heading" className="coord-section">
      <h2 id="totals-heading">{t('dashboard.totals')}</h2>
      <dl className="totals">
        {figures.map(({ label, value, className }) => (
          <div key={label} className={className}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {notes.length > 0 && (
        <ul className="totals-notes muted small">
          {notes.map(({ label, value, note }) => (
            <li key={label}>
              <strong>{t('dashboard.figure', { label, value })}</strong> — {note}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
