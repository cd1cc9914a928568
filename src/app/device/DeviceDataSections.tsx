/**
 * The device page's less used sections, in their own chunk (off the enumerator's first load,
 * precached for offline use): importing a backup, storage and offline readiness, logging out.
 */
import { useT } from '../i18n';
import { StoragePanel } from '../storage/StoragePanel';
import { ImportBackup } from './ImportBackup';
import { LogoutSection } from './LogoutSection';

export default function DeviceDataSections({ enrolled, onLoggedOut }: { enrolled: boolean; onLoggedOut: () => void }) {
  const { t } = useT();
  return (
    <>
      <section aria-labelledby="import-heading">
        <h2 id="import-heading">{t('backup.heading')}</h2>
        <ImportBackup />
      </section>
      <StoragePanel />
      {enrolled && <LogoutSection onLoggedOut={onLoggedOut} />}
    </>
  );
}
