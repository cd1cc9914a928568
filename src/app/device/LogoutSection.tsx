/**
 * "Log this device out": clears the enrolment. Refused, with the reason next to the disabled
 * button, while completed interviews have not reached the server; drafts only earn a warning.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { deviceHoldings, logOutDevice, UnsentDataError } from '../../store';
import { useT } from '../i18n';
import { useSyncer } from '../sync/context';

export function LogoutSection({ onLoggedOut }: { onLoggedOut: () => void }) {
  const { t } = useT();
  const syncer = useSyncer();
  const holdings = useLiveQuery(() => deviceHoldings(), []);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string>();
  if (!holdings) return null;
  const unsent = holdings.pending + holdings.rejected;
  const blocked = unsent > 0;

  const logOut = async () => {
    setProblem(undefined);
    try {
      await logOutDevice();
      setConfirming(false);
      onLoggedOut();
    } catch (e) {
      setConfirming(false);
      setProblem(e instanceof UnsentDataError ? t('logout.blocked', { count: e.pending + e.rejected }) : t('app.error', { message: (e as Error).message }));
    }
    await syncer.refresh().catch(() => undefined);
  };

  return (
    <section aria-labelledby="logout-heading" className="logout">
      <h2 id="logout-heading">{t('logout.heading')}</h2>
      <p>{t('logout.intro')}</p>
      {blocked && (
        <p id="logout-blocked" className="warning-text">
          {t('logout.blocked', { count: unsent })}
        </p>
      )}
      {holdings.drafts > 0 && <p className="muted">{t('logout.drafts', { count: holdings.drafts })}</p>}
      {confirming && !blocked ? (
        <div role="alertdialog" aria-label={t('logout.confirm')} className="confirm">
          <p>{t('logout.confirm')}</p>
          <button type="button" className="danger" onClick={() => void logOut()}>
            {t('logout.confirmYes')}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(false)} autoFocus>
            {t('logout.cancel')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="secondary"
          disabled={blocked}
          aria-describedby={blocked ? 'logout-blocked' : undefined}
          onClick={() => setConfirming(true)}
        >
          {t('logout.button')}
        </button>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
