/**
 * The device screen: enrolment with the server, unsent data to download, a backup to import,
 * refused interviews, storage and offline readiness, and logging the device out.
 */
import { lazy, Suspense, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { exportUnsent, getEnrolment } from '../../store';
import { downloadJson, unsentFileName } from '../device/download';
import { EnrolForm } from '../device/EnrolForm';
import { RejectedList } from '../device/RejectedList';
import { useT } from '../i18n';
import { useSyncStatus } from '../sync/context';

const DeviceDataSections = lazy(() => import('../device/DeviceDataSections'));

export function DevicePage() {
  const { t } = useT();
  const status = useSyncStatus();
  const enrolment = useLiveQuery(async () => (await getEnrolment()) ?? null, []);
  const [reenrolling, setReenrolling] = useState(false);
  // What was just done, said in the language shown now (kept as what happened, not as text).
  const [notice, setNotice] = useState<{ kind: 'enrolled'; name: string } | { kind: 'loggedOut' }>();
  const unsent = status.pending + status.rejected;
  const showForm = enrolment === null || status.needsEnrolment || reenrolling;
  // The section says what it holds: an enrolment to make, to make again, or the one made.
  const enrolHeading = !enrolment ? 'device.enrolHeading' : status.needsEnrolment || reenrolling ? 'device.reenrolHeading' : 'device.enrolledHeading';

  return (
    <main className="device">
      <h1>{t('device.title')}</h1>
      {notice && (
        <p className="notice" role="status">
          {notice.kind === 'enrolled' ? t('device.enrolled', { name: notice.name }) : t('logout.done')}
        </p>
      )}
      <section aria-labelledby="enrol-heading">
        <h2 id="enrol-heading">{t(enrolHeading)}</h2>
        {enrolment && (
          <div className="device-info">
            <p>{t('device.enumerator', { name: enrolment.name })}</p>
            <p>{enrolment.label ? t('device.deviceLabel', { label: enrolment.label }) : t('device.noDeviceLabel')}</p>
            <p className="muted">{t('device.server', { url: enrolment.serverUrl })}</p>
          </div>
        )}
        {enrolment === null && <p>{t('device.notEnrolled')}</p>}
        {enrolment && status.needsEnrolment && (
          <p className="error" role="alert">
            {t('device.mustReenrol')}
          </p>
        )}
        {enrolment !== undefined &&
          (showForm ? (
            <EnrolForm
              defaultServerUrl={enrolment?.serverUrl ?? location.origin}
              onEnrolled={(name) => {
                setReenrolling(false);
                setNotice({ kind: 'enrolled', name });
              }}
            />
          ) : (
            <button type="button" className="secondary" onClick={() => setReenrolling(true)}>
              {t('device.reenrol')}
            </button>
          ))}
      </section>
      <section aria-labelledby="unsent-heading">
        <h2 id="unsent-heading">{t('device.unsentHeading')}</h2>
        <p>{t('device.unsent', { count: unsent })}</p>
        <button type="button" className="secondary" onClick={() => void exportUnsent().then((data) => downloadJson(data, unsentFileName(new Date())))}>
          {t('device.download')}
        </button>
      </section>
      <section aria-labelledby="rejected-heading">
        <h2 id="rejected-heading">{t('device.rejectedHeading')}</h2>
        <RejectedList />
      </section>
      <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
        <DeviceDataSections
          enrolled={Boolean(enrolment)}
          onLoggedOut={() => {
            setReenrolling(false);
            setNotice({ kind: 'loggedOut' });
          }}
        />
      </Suspense>
    </main>
  );
}
