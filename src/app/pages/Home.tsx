/**
 * The home screen: start a questionnaire (bundled or cached from the server); drafts to resume or
 * discard; the most recent completed interviews, a page at a time; a warning when storage runs low.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { discardDraft, listDrafts, recentCompleted, type InterviewRecord } from '../../store';
import { tr } from '../../survey';
import { useCatalog, type CatalogEntry } from '../definitions';
import { formatTime, useT } from '../i18n';
import { QuotaPanel } from '../quota/QuotaPanel';
import { navigate, paths } from '../router';
import { StorageWarning } from '../storage/StorageWarning';

/**
 * Completed interviews shown at first and added by "show more". A tablet can hold thousands;
 * reading and drawing them all would slow the screen and the uploads it watches.
 */
export const COMPLETED_PAGE = 20;

export function Home({ notice }: { notice?: string | undefined }) {
  const { t, lang } = useT();
  const [shown, setShown] = useState(COMPLETED_PAGE);
  const drafts = useLiveQuery(listDrafts, []);
  const completed = useLiveQuery(() => recentCompleted(shown), [shown]);
  const { entries } = useCatalog();
  const entryFor = (r: InterviewRecord) => entries.find((e) => e.id === r.surveyId);
  return (
    <main className="home">
      <h1 className="sr-only">{t('app.title')}</h1>
      <StorageWarning />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <section aria-labelledby="new-heading">
        <h2 id="new-heading">{t('home.newInterview')}</h2>
        <ul className="cards">
          {entries.map((entry) => (
            <li key={entry.id} className="card">
              <div>
                <h3>{tr(entry.title, lang)}</h3>
                <p className="muted">
                  {entry.respondentGroups.map((g) => tr(g.label, lang)).join(' · ')} — {t('home.questions', { count: entry.questionCount })}
                </p>
              </div>
              <button type="button" className="primary" onClick={() => navigate(paths.start(entry.id))}>
                {t('home.start')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <QuotaPanel />
      <section aria-labelledby="drafts-heading">
        <h2 id="drafts-heading">{t('home.drafts')}</h2>
        {drafts === undefined ? (
          <p className="muted">{t('app.loading')}</p>
        ) : drafts.length === 0 ? (
          <p className="muted">{t('home.noDrafts')}</p>
        ) : (
          <ul className="cards">
            {drafts.map((r) => (
              <DraftCard key={r.id} record={r} entry={entryFor(r)} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="completed-heading">
        <h2 id="completed-heading">{t('home.completed')}</h2>
        {completed === undefined || completed.total === 0 ? (
          <p className="muted">{completed === undefined ? t('app.loading') : t('home.noCompleted')}</p>
        ) : (
          <>
            <ul className="cards">
              {completed.records.map((r) => (
                <li key={r.id} className="card" data-record={r.id}>
                  <RecordSummary record={r} entry={entryFor(r)} />
                </li>
              ))}
            </ul>
            {completed.total > completed.records.length && (
              <p className="more">
                <span className="muted">{t('home.completedShown', { shown: completed.records.length, total: completed.total })}</span>{' '}
                <button type="button" className="secondary" onClick={() => setShown((n) => n + COMPLETED_PAGE)}>
                  {t('home.showMore')}
                </button>
              </p>
            )}
          </>
        )}
      </section>
    </main>
  );
}

function RecordSummary({ record: r, entry }: { record: InterviewRecord; entry: CatalogEntry | undefined }) {
  const { t, lang } = useT();
  const group = entry?.respondentGroups.find((g) => g.id === r.respondentGroup);
  return (
    <div className="record-summary">
      <h3>{entry ? tr(entry.title, lang) : r.surveyId}</h3>
      <p>
        {group ? tr(group.label, lang) : r.respondentGroup}
        {r.stratumLabel ? ` · ${tr(r.stratumLabel, lang)}` : r.stratum ? ` · ${r.stratum}` : ''}
      </p>
      <p className="muted">
        {r.status === 'completed' && r.completedAt
          ? t('home.completedAt', { time: formatTime(r.completedAt, lang) })
          : t('home.updated', { time: formatTime(r.updatedAt, lang) })}
        {r.status === 'completed' && <> · {r.syncedAt ? t('home.sent') : t('home.notSent')}</>}
      </p>
      <div className="progress small">
        <progress max={r.progress.total || 1} value={r.progress.answered} aria-label={t('home.progress', r.progress)} />
        <span>{t('home.progress', r.progress)}</span>
      </div>
    </div>
  );
}

function DraftCard({ record, entry }: { record: InterviewRecord; entry: CatalogEntry | undefined }) {
  const { t } = useT();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="card" data-record={record.id}>
      <RecordSummary record={record} entry={entry} />
      <div className="actions">
        {confirming ? (
          <div role="alertdialog" aria-label={t('home.confirmDiscard')} className="confirm">
            <p>{t('home.confirmDiscard')}</p>
            <button type="button" className="danger" onClick={() => void discardDraft(record.id).catch(() => undefined) /* already gone: the list updates itself */}>
              {t('home.confirmDiscardYes')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)} autoFocus>
              {t('home.cancel')}
            </button>
          </div>
        ) : (
          <>
            <button type="button" className="primary" onClick={() => navigate(paths.interview(record.id))}>
              {t('home.resume')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(true)}>
              {t('home.discard')}
            </button>
          </>
        )}
      </div>
    </li>
  );
}
