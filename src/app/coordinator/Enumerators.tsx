/** Interviews per enumerator (device), with each device's last sync. */
import { formatTime } from '../i18n';
import type { CoordinatorDashboard } from './api';
import { useCT } from './i18n';

export function Enumerators({ rows }: { rows: CoordinatorDashboard['perEnumerator'] }) {
  const { t, lang } = useCT();
  const sorted = [...rows].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, lang));
  return (
    <section aria-labelledby="enumerators-heading" className="coord-section">
      <h2 id="enumerators-heading">{t('enumerators.heading')}</h2>
      {sorted.length === 0 ? (
        <p className="muted">{t('enumerators.empty')}</p>
      ) : (
        <table className="coord-table">
          <thead>
            <tr>
              <th scope="col">{t('enumerators.name')}</th>
              <th scope="col" className="num">
                {t('enumerators.count')}
              </th>
              <th scope="col">{t('enumerators.lastSync')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.deviceId} data-device={r.deviceId}>
                <th scope="row">{r.name}</th>
                <td className="num">{r.count}</td>
                <td>{r.lastSyncAt ? formatTime(r.lastSyncAt, lang) : t('common.never')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
