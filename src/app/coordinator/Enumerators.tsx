/**
 * Interviews per enumerator: one row per enumerator (the server groups devices by the name given
 * with the enrolment code, so a re-enrolled tablet is not a second person), with the campaign's
 * interviews, those outside any campaign (PAPI) when there are any, the number of devices and the
 * latest sync. Respondent links have a row of their own.
 */
import type { CoordinatorDashboard } from './api';
import { formatDateTime } from './dates';
import { useCT } from './i18n';

export function Enumerators({ rows }: { rows: CoordinatorDashboard['perEnumerator'] }) {
  const { t, lang } = useCT();
  const name = (r: (typeof rows)[number]) => (r.kind === 'links' ? t('enumerators.links') : r.name);
  const sorted = [...rows].sort(
    (a, b) => b.count + (b.outsideCampaigns ?? 0) - (a.count + (a.outsideCampaigns ?? 0)) || name(a).localeCompare(name(b), lang),
  );
  const outside = rows.some((r) => (r.outsideCampaigns ?? 0) > 0);
  const column = {
    name: t('enumerators.name'),
    count: t('enumerators.count'),
    outside: t('enumerators.outside'),
    devices: t('enumerators.devices'),
    lastSync: t('enumerators.lastSync'),
  };
  return (
    <section aria-labelledby="enumerators-heading" className="coord-section">
      <h2 id="enumerators-heading">{t('enumerators.heading')}</h2>
      {sorted.length === 0 ? (
        <p className="muted">{t('enumerators.empty')}</p>
      ) : (
        <>
          <p className="muted small">{t('enumerators.intro')}</p>
          <table className="coord-table enumerators stack">
            <thead>
              <tr>
                <th scope="col">{column.name}</th>
                <th scope="col" className="num">
                  {column.count}
                </th>
                {outside && (
                  <th scope="col" className="num">
                    {column.outside}
                  </th>
                )}
                <th scope="col" className="num">
                  {column.devices}
                </th>
                <th scope="col">{column.lastSync}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => (
                <tr key={r.deviceId} data-device={r.deviceId} data-kind={r.kind ?? 'enumerator'}>
                  <th scope="row" data-label={column.name}>
                    {name(r)}
                  </th>
                  <td className="num" data-label={column.count}>
                    {r.count}
                  </td>
                  {outside && (
                    <td className="num" data-label={column.outside}>
                      {r.outsideCampaigns ?? 0}
                    </td>
                  )}
                  <td className="num" data-label={column.devices}>
                    {r.kind === 'links' ? '—' : (r.deviceIds?.length ?? 1)}
                  </td>
                  <td data-label={column.lastSync}>{r.lastSyncAt ? formatDateTime(r.lastSyncAt, lang) : t('common.never')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
