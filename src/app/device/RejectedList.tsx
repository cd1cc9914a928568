/** Interviews the server refused: the reason in words, the server's message, and a retry button. */
import { useLiveQuery } from 'dexie-react-hooks';
import { listRejected, retryRejected, type QueuedSubmission } from '../../store';
import { tr } from '../../survey';
import { catalogEntry } from '../definitions';
import { formatTime, useT } from '../i18n';
import { rejectionKey } from '../sync/messages';
import { useSyncer } from '../sync/context';

export function RejectedList() {
  const { t } = useT();
  const rejected = useLiveQuery(() => listRejected(), []);
  if (rejected === undefined) return <p className="muted">{t('app.loading')}</p>;
  if (rejected.length === 0) return <p className="muted">{t('device.noRejected')}</p>;
  return (
    <>
      <p>{t('device.rejectedIntro')}</p>
      <ul className="cards">
        {rejected.map((item) => (
          <RejectedItem key={item.record.id} item={item} />
        ))}
      </ul>
    </>
  );
}

function RejectedItem({ item: { record, entry } }: { item: QueuedSubmission }) {
  const { t, lang } = useT();
  const syncer = useSyncer();
  const survey = catalogEntry(record.surveyId);
  const group = survey?.respondentGroups.find((g) => g.id === record.respondentGroup);
  const rejection = entry.rejection;
  const retry = async () => {
    await retryRejected(record.id);
    await syncer.syncNow();
  };
  return (
    <li className="card rejected-item" data-record={record.id}>
      <div>
        <h3>{survey ? tr(survey.title, lang) : record.surveyId}</h3>
        <p>
          {group ? tr(group.label, lang) : record.respondentGroup}
          {record.stratumLabel ? ` · ${tr(record.stratumLabel, lang)}` : record.stratum ? ` · ${record.stratum}` : ''}
          {record.completedAt ? ` · ${t('home.completedAt', { time: formatTime(record.completedAt, lang) })}` : ''}
        </p>
        {rejection && (
          <>
            <p className="error">{t(rejectionKey(rejection.code), { code: rejection.code })}</p>
            {rejection.message && <p className="muted">{t('device.serverSaid', { message: rejection.message })}</p>}
            {rejection.errors && (
              <ul className="field-errors">
                {Object.entries(rejection.errors).map(([question, error]) => (
                  <li key={question}>
                    <code>{question}</code>: {tr(error.message, lang)}
                  </li>
                ))}
              </ul>
            )}
            <p className="muted small">{t('device.refusedAt', { time: formatTime(rejection.at, lang) })}</p>
          </>
        )}
      </div>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void retry().catch(() => undefined) /* gone meanwhile: the list updates itself */}>
          {t('device.retry')}
        </button>
      </div>
    </li>
  );
}
