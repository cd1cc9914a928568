/**
 * Every campaign: its title in the page's language, dates, status, groups, interviews accepted
 * against the target, and who saved it last; editing or viewing it, copying it into a new one
 * (administrators), and the interviews no campaign counts, so they are seen somewhere.
 */
import { useCallback, useState, type MouseEvent } from 'react';
import { tr } from '../../../survey';
import { navigate, paths } from '../../router';
import { useCoordinatorApi, type CampaignList as List } from '../api';
import { formatDate, formatDateTime } from '../dates';
import { describeFailure } from '../failure';
import { useCT } from '../i18n';
import { useRefreshing } from '../useRefreshing';
import { CopyForm } from './CopyForm';

type Copying = { kind: 'copy'; source: string } | { kind: 'new' };

export function CampaignList({ admin }: { admin: boolean }) {
  const { t } = useCT();
  const api = useCoordinatorApi();
  const load = useCallback(() => api.campaigns(), [api]);
  const list = useRefreshing(load);
  const [copying, setCopying] = useState<Copying>();

  const campaigns = list.data?.campaigns ?? [];

  return (
    <main className="coord-campaigns">
      <h1>{t('campaigns.heading')}</h1>
      <p className="muted">{t('campaigns.intro')}</p>
      {!admin && <p className="notice read-only-note">{t('campaigns.readOnlyList')}</p>}
      {list.error !== undefined && (
        <p className="error" role="alert">
          {t('common.error', { message: describeFailure(list.error, t) })}
        </p>
      )}
      {admin && campaigns.length > 0 && copying?.kind !== 'new' && (
        <p>
          <button type="button" className="primary" onClick={() => setCopying({ kind: 'new' })}>
            {t('campaigns.create')}
          </button>
        </p>
      )}
      {copying && (
        <CopyForm
          key={copying.kind === 'copy' ? copying.source : ''}
          campaigns={campaigns}
          source={copying.kind === 'copy' ? copying.source : undefined}
          onCancel={() => setCopying(undefined)}
          onCopied={(id) => navigate(paths.coordinatorCampaign(id))}
        />
      )}
      <section aria-labelledby="campaign-list-heading" className="coord-section">
        <h2 id="campaign-list-heading">{t('campaigns.list.heading')}</h2>
        {list.data === undefined ? (
          list.error === undefined && <p className="muted">{t('common.loading')}</p>
        ) : campaigns.length === 0 ? (
          <p className="muted">{t('campaigns.list.empty')}</p>
        ) : (
          <CampaignTable list={list.data} admin={admin} onCopy={(id) => setCopying({ kind: 'copy', source: id })} />
        )}
      </section>
      <section aria-labelledby="uncounted-heading" className="coord-section">
        <h2 id="uncounted-heading">{t('campaigns.uncounted.heading')}</h2>
        <p className="muted">{t('campaigns.uncounted.intro')}</p>
        {list.data === undefined ? null : list.data.uncounted.length === 0 ? (
          <p className="muted">{t('campaigns.uncounted.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="coord-table stack uncounted">
              <thead>
                <tr>
                  <th scope="col">{t('campaigns.uncounted.questionnaire')}</th>
                  <th scope="col" className="num">
                    {t('campaigns.uncounted.version')}
                  </th>
                  <th scope="col">{t('campaigns.uncounted.group')}</th>
                  <th scope="col" className="num">
                    {t('campaigns.uncounted.interviews')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.uncounted.map((u) => (
                  <tr key={`${u.surveyId}@${u.version}/${u.respondentGroup}`}>
                    <th scope="row" data-label={t('campaigns.uncounted.questionnaire')}>
                      <code>{u.surveyId}</code>
                    </th>
                    <td data-label={t('campaigns.uncounted.version')} className="num">
                      {u.version}
                    </td>
                    <td data-label={t('campaigns.uncounted.group')}>
                      <code>{u.respondentGroup}</code>
                    </td>
                    <td data-label={t('campaigns.uncounted.interviews')} className="num">
                      {u.interviews}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}

function CampaignTable({ list, admin, onCopy }: { list: List; admin: boolean; onCopy: (id: string) => void }) {
  const { t, lang } = useCT();
  const open = (id: string) => (e: MouseEvent) => {
    e.preventDefault();
    navigate(paths.coordinatorCampaign(id));
  };
  const report = (id: string) => (e: MouseEvent) => {
    e.preventDefault();
    navigate(paths.coordinatorCampaignReport(id));
  };
  const column = {
    title: t('campaigns.list.title'),
    period: t('campaigns.list.period'),
    status: t('campaigns.list.status'),
    groups: t('campaigns.list.groups'),
    progress: t('campaigns.list.progress'),
    saved: t('campaigns.list.saved'),
    actions: t('campaigns.list.actions'),
  };
  return (
    <div className="table-scroll">
      <table className="coord-table stack campaigns">
        <thead>
          <tr>
            <th scope="col">{column.title}</th>
            <th scope="col">{column.period}</th>
            <th scope="col">{column.status}</th>
            <th scope="col" className="num">
              {column.groups}
            </th>
            <th scope="col" className="num">
              {column.progress}
            </th>
            <th scope="col">{column.saved}</th>
            <th scope="col">
              <span className="sr-only">{column.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.campaigns.map((c) => {
            const title = tr(c.title, lang);
            const time = formatDateTime(c.updatedAt, lang);
            return (
              <tr key={c.id} data-campaign={c.id}>
                <th scope="row" data-label={column.title}>
                  <div>
                    {title}
                    <br />
                    <small className="muted">
                      {t('campaigns.list.id')}: <code>{c.id}</code>
                    </small>
                  </div>
                </th>
                <td data-label={column.period}>{t('campaigns.list.dates', { start: formatDate(c.start), end: formatDate(c.end) })}</td>
                <td data-label={column.status}>
                  <span className={`badge campaign-status ${c.status}`}>{t(`campaigns.status.${c.status}`)}</span>
                </td>
                <td data-label={column.groups} className="num">
                  {c.groups}
                </td>
                <td data-label={column.progress} className="num">
                  {t('campaigns.list.acceptedOf', { accepted: c.accepted, target: c.target })}
                </td>
                <td data-label={column.saved}>
                  {c.updatedBy !== undefined
                    ? t('campaigns.list.savedBy', { revision: c.revision, by: c.updatedBy, time })
                    : t('campaigns.list.savedFromFile', { revision: c.revision, time })}
                </td>
                <td data-label={column.actions}>
                  <div className="row-actions">
                    <a
                      href={paths.coordinatorCampaign(c.id)}
                      className="button-link"
                      onClick={open(c.id)}
                      aria-label={t(admin ? 'campaigns.list.editFor' : 'campaigns.list.viewFor', { title })}
                    >
                      {t(admin ? 'campaigns.list.edit' : 'campaigns.list.view')}
                    </a>
                    <a
                      href={paths.coordinatorCampaignReport(c.id)}
                      className="button-link"
                      onClick={report(c.id)}
                      aria-label={t('campaigns.list.reportFor', { title })}
                    >
                      {t('campaigns.list.report')}
                    </a>
                    {admin && (
                      <button type="button" className="secondary" onClick={() => onCopy(c.id)} aria-label={t('campaigns.list.copyFor', { title })}>
                        {t('campaigns.list.copy')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
