/**
 * The device page's less used sections, in their own chunk (off the enumerator's first load,
 * precached for offline use): interviews kept for a newer version of the app, importing a
 * backup, storage and offline readiness, logging out.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { keptForNewerApp } from '../../store/kept-for-newer';
import { useT } from '../i18n';
import { StoragePanel } from '../storage/StoragePanel';
import { ImportBackup } from './ImportBackup';
import { LogoutSection } from './LogoutSection';

export default function DeviceDataSections({ enrolled, onLoggedOut }: { enrolled: boolean; onLoggedOut: () => void }) {
  const { t } = useT();
  const kept = useLiveQuery(() => keptForNewerApp(), []);
  return (
    <>
      {kept !== undefined && kept.length > 0 && (
        <p className="notice" role="status">
          {t('device.keptForNewerApp', { count: kept.length })}
        </p>
      )}
      <section aria-labelledby="import-heading">
        <h2 id="import-heading">{t('backup.heading')}</h2>
        <ImportBackup />
      </section>
      <StoragePanel />
      {enrolled && <LogoutSection onLoggedOut={onLoggedOut} />}
    </>
  );
}
