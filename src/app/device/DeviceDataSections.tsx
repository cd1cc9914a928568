/**
 * The device page's less used sections, in their own chunk (off the enumerator's first load,
 * precached for offline use): interviews kept for a newer version of the app, importing a
 * backup, storage and offline readiness, logging out.
 */
import { useEffect, useState } from 'react';
import { keptForNewerApp, type KeptRecord } from '../../store/kept-for-newer';
import { useT } from '../i18n';
import { StoragePanel } from '../storage/StoragePanel';
import { ImportBackup } from './ImportBackup';
import { LogoutSection } from './LogoutSection';

export default function DeviceDataSections({ enrolled, onLoggedOut }: { enrolled: boolean; onLoggedOut: () => void }) {
  const { t } = useT();
  const kept = useKeptForNewerApp();
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

/**
 * The interviews kept for a newer version of the app: read when the page opens and again when it
 * is shown after being hidden, not on every change to the interviews. Finding them reads every
 * unsent interview whole, and only a newer version of the app, in another tab, can add one; read
 * live, a sync of 5,000 interviews re-read them all after each batch (60 s instead of 10 at 4× CPU).
 */
function useKeptForNewerApp(): KeptRecord[] | undefined {
  const [kept, setKept] = useState<KeptRecord[]>();
  useEffect(() => {
    let open = true;
    const read = () => void keptForNewerApp().then((k) => open && setKept(k), () => undefined);
    const onVisible = () => {
      if (document.visibilityState === 'visible') read();
    };
    read();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      open = false;
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  return kept;
}
