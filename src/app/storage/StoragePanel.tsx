/** The device page's storage section: offline readiness, persistence, used and free space. */
import { useT } from '../i18n';
import { serviceWorkerSupported } from '../pwa/app-update';
import { formatBytes } from './storage';
import { useStorageStatus } from './storage-status';

function offlineKey() {
  if (!serviceWorkerSupported()) return 'storage.offlineUnsupported' as const;
  return navigator.serviceWorker.controller ? ('storage.offlineReady' as const) : ('storage.offlineNotYet' as const);
}

export function StoragePanel() {
  const { t, lang } = useT();
  const status = useStorageStatus();
  return (
    <section aria-labelledby="storage-heading" className="storage-panel">
      <h2 id="storage-heading">{t('storage.heading')}</h2>
      <p data-testid="offline-status">{t(offlineKey())}</p>
      {status === undefined ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <>
          <p data-testid="persistence" className={status.persistence === 'persisted' ? undefined : 'warning-text'}>
            {status.persistence === 'persisted'
              ? t('storage.persisted')
              : status.persistence === 'notPersisted'
                ? t('storage.notPersisted')
                : t('storage.persistUnsupported')}
          </p>
          <p data-testid="storage-room">
            {status.room
              ? t('storage.room', { used: formatBytes(status.room.usage, lang), free: formatBytes(status.room.free, lang) })
              : t('storage.roomUnsupported')}
          </p>
          {status.low && status.room && (
            <p className="warning" role="status">
              {t('storage.low', { free: formatBytes(status.room.free, lang) })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
