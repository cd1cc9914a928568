/** The header's sync status: online or not, what waits, when it last went through, the last error. */
import type { MouseEvent } from 'react';
import { formatTime, useT } from '../i18n';
import { navigate, paths } from '../router';
import { syncErrorKey } from './messages';
import { useSyncer, useSyncStatus } from './context';

export function SyncStatusBar() {
  const { t, lang } = useT();
  const syncer = useSyncer();
  const status = useSyncStatus();
  const toDevice = (e: MouseEvent) => {
    e.preventDefault();
    navigate(paths.device());
  };
  return (
    <div className="sync-bar" role="status" aria-label={t('sync.bar')}>
      <span className={status.online ? 'net online' : 'net offline'}>{status.online ? t('sync.online') : t('sync.offline')}</span>
      <span className={status.pending > 0 ? 'pending' : 'pending none'}>
        {/* "All sent" only once something was sent: before that, nothing was ever waiting. */}
        {status.pending > 0 ? t('sync.pending', { count: status.pending }) : status.lastSuccessAt ? t('sync.allSent') : t('sync.nothingToSend')}
      </span>
      {status.rejected > 0 && (
        <a href={paths.device()} className="rejected" onClick={toDevice}>
          {t('sync.rejected', { count: status.rejected })}
        </a>
      )}
      <span className="last">
        {status.lastSuccessAt ? t('sync.lastSuccess', { time: formatTime(status.lastSuccessAt, lang) }) : t('sync.never')}
      </span>
      {status.needsEnrolment && !status.lastError ? (
        <a href={paths.device()} className="sync-error" onClick={toDevice}>
          {t('sync.notEnrolled')}
        </a>
      ) : status.lastError ? (
        <span className="sync-error">
          {status.needsEnrolment ? (
            <a href={paths.device()} onClick={toDevice}>
              {t(syncErrorKey(status.lastError))}
            </a>
          ) : (
            t(syncErrorKey(status.lastError))
          )}
          {status.nextRetryAt && !status.syncing && <> {t('sync.nextRetry', { time: formatTime(status.nextRetryAt, lang) })}</>}
        </span>
      ) : null}
      <button type="button" className="secondary sync-now" disabled={status.syncing} onClick={() => void syncer.syncNow()}>
        {status.syncing ? t('sync.syncing') : t('sync.syncNow')}
      </button>
    </div>
  );
}
