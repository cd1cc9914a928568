/** The home screen's warning when the device's storage is running out (nothing otherwise). */
import { useT } from '../i18n';
import { formatBytes } from './storage';
import { useStorageStatus } from './storage-status';

export function StorageWarning() {
  const { t, lang } = useT();
  const status = useStorageStatus();
  if (!status?.low || !status.room) return null;
  return (
    <p className="warning" role="status">
      {t('storage.low', { free: formatBytes(status.room.free, lang) })}
    </p>
  );
}
