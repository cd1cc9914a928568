/** Exchanges a coordinator's enrolment code for this device's token, with clear error messages. */
import { useState, type FormEvent } from 'react';
import { ApiFailure, enrolDevice, InvalidServerUrlError, NetworkFailure } from '../../sync';
import { useT } from '../i18n';
import { enrolErrorKey } from '../sync/messages';
import { useSyncer } from '../sync/context';

export function EnrolForm({ defaultServerUrl, onEnrolled }: { defaultServerUrl: string; onEnrolled: (name: string) => void }) {
  const { t } = useT();
  const syncer = useSyncer();
  const [serverUrl, setServerUrl] = useState(defaultServerUrl);
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const describe = (e: unknown): string => {
    if (e instanceof InvalidServerUrlError) return t('device.enrolError.invalid_url');
    if (e instanceof NetworkFailure) return t('device.enrolError.network', { url: serverUrl.trim() });
    if (e instanceof ApiFailure) return t(enrolErrorKey(e.code), { message: e.message });
    return t('device.enrolError.other', { message: e instanceof Error ? e.message : String(e) });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) return setProblem(t('device.codeRequired'));
    setBusy(true);
    setProblem(undefined);
    try {
      const enrolment = await enrolDevice({ serverUrl, code, label });
      setCode('');
      onEnrolled(enrolment.name);
      void syncer.syncNow(); // what waited for the enrolment goes now
    } catch (err) {
      setProblem(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="enrol" onSubmit={(e) => void submit(e)} noValidate>
      <p>{t('device.enrolIntro')}</p>
      <label htmlFor="enrol-server">{t('device.serverUrl')}</label>
      <input id="enrol-server" type="url" inputMode="url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} autoComplete="url" />
      <label htmlFor="enrol-code">{t('device.code')}</label>
      <input
        id="enrol-code"
        value={code}
        onChange={(e) => (setCode(e.target.value), setProblem(undefined))}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'enrol-problem' : undefined}
      />
      <label htmlFor="enrol-label">{t('device.label')}</label>
      <input id="enrol-label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={200} />
      {problem && (
        <p className="error" role="alert" id="enrol-problem">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('device.enrolling') : t('device.enrol')}
      </button>
    </form>
  );
}
