/** Device management: issue an enrolment code to read to an enumerator, list the devices, revoke one after a confirmation. */
import { useCallback, useState, type FormEvent } from 'react';
import { formatDateTime as formatTime } from './dates';
import { useCoordinatorApi, type DeviceSummary, type EnrolmentCodeIssued } from './api';
import { describeFailure } from './failure';
import { useCT } from './i18n';
import { isSessionRefusal, useSessionLost } from './session';
import { useRefreshing } from './useRefreshing';

export function DevicesPage() {
  const { t } = useCT();
  const api = useCoordinatorApi();
  const load = useCallback(() => api.devices(), [api]);
  const devices = useRefreshing(load);
  const [notice, setNotice] = useState<string>();
  return (
    <main className="coord-devices">
      <h1>{t('devices.heading')}</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <IssueCode onIssued={() => void devices.refresh()} />
      <section aria-labelledby="device-list-heading" className="coord-section">
        <h2 id="device-list-heading">{t('devices.listHeading')}</h2>
        {devices.error !== undefined && (
          <p className="error" role="alert">
            {t('common.error', { message: describeFailure(devices.error, t) })}
          </p>
        )}
        {devices.data === undefined ? (
          devices.error === undefined && <p className="muted">{t('common.loading')}</p>
        ) : devices.data.length === 0 ? (
          <p className="muted">{t('devices.empty')}</p>
        ) : (
          <DeviceTable
            devices={devices.data}
            onRevoked={(d) => {
              setNotice(t('devices.revoked', { name: d.name }));
              void devices.refresh();
            }}
          />
        )}
      </section>
    </main>
  );
}

function IssueCode({ onIssued }: { onIssued: () => void }) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const lost = useSessionLost();
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<EnrolmentCodeIssued>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setProblem(t('devices.nameRequired'));
    setBusy(true);
    setProblem(undefined);
    try {
      const code = await api.issueEnrolmentCode(trimmed);
      setIssued(code);
      setName('');
      onIssued();
    } catch (err) {
      if (isSessionRefusal(err)) return lost();
      setProblem(t('common.error', { message: describeFailure(err, t) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="issue-heading" className="coord-section">
      <h2 id="issue-heading">{t('devices.issueHeading')}</h2>
      <p className="muted">{t('devices.issueIntro')}</p>
      <form className="enrol" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="issue-name">{t('devices.name')}</label>
        <input
          id="issue-name"
          value={name}
          maxLength={200}
          onChange={(e) => (setName(e.target.value), setProblem(undefined))}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'issue-problem' : undefined}
        />
        {problem && (
          <p className="error" role="alert" id="issue-problem">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('devices.issuing') : t('devices.issue')}
        </button>
      </form>
      <div aria-live="polite">
        {issued && (
          <div className="issued-code" data-testid="issued-code">
            <p>{t('devices.codeFor', { name: issued.name })}</p>
            <p className="code" lang="en">
              {issued.code}
            </p>
            <p className="muted">{t('devices.expires', { time: formatTime(issued.expiresAt, lang) })}</p>
          </div>
        )}
      </div>
    </section>
  );
}

function DeviceTable({ devices, onRevoked }: { devices: DeviceSummary[]; onRevoked: (d: DeviceSummary) => void }) {
  const { t, lang } = useCT();
  const column = {
    name: t('devices.name'),
    label: t('devices.label'),
    created: t('devices.created'),
    lastSeen: t('devices.lastSeen'),
    lastSync: t('devices.lastSync'),
    interviews: t('devices.interviews'),
    status: t('devices.status'),
    times: t('devices.times'),
  };
  // On a phone each row is a card and each cell says which column it is (data-label).
  return (
    <table className="coord-table devices stack">
      <thead>
        <tr>
          <th scope="col">{column.name}</th>
          <th scope="col">{column.label}</th>
          <th scope="col">{column.times}</th>
          <th scope="col" className="num">
            {column.interviews}
          </th>
          <th scope="col">{column.status}</th>
        </tr>
      </thead>
      <tbody>
        {devices.map((d) => (
          <tr key={d.id} data-device={d.id} className={d.revokedAt ? 'revoked' : undefined}>
            <th scope="row" data-label={column.name}>
              {d.name}
            </th>
            <td data-label={column.label}>{d.label ?? ''}</td>
            <td data-label={column.times}>
              <small>
                {column.created}: {formatTime(d.createdAt, lang)}
                <br />
                {column.lastSeen}: {d.lastSeenAt ? formatTime(d.lastSeenAt, lang) : t('common.never')}
                <br />
                {column.lastSync}: {d.lastSyncAt ? formatTime(d.lastSyncAt, lang) : t('common.never')}
              </small>
            </td>
            <td className="num" data-label={column.interviews}>
              {d.interviews}
            </td>
            <td data-label={column.status}>
              <div>
                {d.revokedAt ? t('devices.revokedAt', { time: formatTime(d.revokedAt, lang) }) : t('devices.active')}
                {!d.revokedAt && <RevokeButton device={d} onRevoked={onRevoked} />}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RevokeButton({ device, onRevoked }: { device: DeviceSummary; onRevoked: (d: DeviceSummary) => void }) {
  const { t } = useCT();
  const api = useCoordinatorApi();
  const lost = useSessionLost();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const revoke = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      await api.revokeDevice(device.id);
      setConfirming(false);
      onRevoked(device);
    } catch (err) {
      if (isSessionRefusal(err)) return lost();
      setProblem(t('common.error', { message: describeFailure(err, t) }));
    } finally {
      setBusy(false);
    }
  };

  if (!confirming)
    return (
      <button type="button" className="secondary" onClick={() => setConfirming(true)} aria-label={t('devices.revokeFor', { name: device.name })}>
        {t('devices.revoke')}
      </button>
    );
  return (
    <div role="alertdialog" aria-label={t('devices.revokeFor', { name: device.name })} aria-describedby={`revoke-${device.id}`} className="confirm">
      <p id={`revoke-${device.id}`}>{t('devices.confirmRevoke', { name: device.name })}</p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" className="danger" disabled={busy} onClick={() => void revoke()}>
        {t('devices.confirmRevokeYes')}
      </button>
      <button type="button" className="secondary" onClick={() => setConfirming(false)} autoFocus>
        {t('common.cancel')}
      </button>
    </div>
  );
}
