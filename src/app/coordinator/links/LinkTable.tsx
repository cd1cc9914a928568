/** Every respondent link with its state, uses and times, and revoking one after a confirmation. */
import { useState } from 'react';
import { tr } from '../../../survey';
import { formatDateTime as formatTime } from '../dates';
import { useCoordinatorApi, type LinkSummary } from '../api';
import { describeFailure } from '../failure';
import { useCT } from '../i18n';
import { isSessionRefusal, useSessionLost } from '../session';
import { shortCode } from './links-csv';

export function LinkTable({ links, onRevoked }: { links: LinkSummary[]; onRevoked: (link: LinkSummary) => void }) {
  const { t, lang } = useCT();
  const time = (iso: string | null) => (iso ? formatTime(iso, lang) : t('common.never'));
  return (
    <table className="coord-table links">
      <thead>
        <tr>
          <th scope="col">{t('links.column.code')}</th>
          <th scope="col">{t('links.column.group')}</th>
          <th scope="col">{t('links.column.stratum')}</th>
          <th scope="col">{t('links.column.kind')}</th>
          <th scope="col">{t('links.column.label')}</th>
          <th scope="col">{t('links.column.state')}</th>
          <th scope="col" className="num">
            {t('links.column.uses')}
          </th>
          <th scope="col">{t('links.column.created')}</th>
          <th scope="col">{t('links.column.opened')}</th>
          <th scope="col">{t('links.column.lastUsed')}</th>
          <th scope="col">{t('links.column.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {links.map((link) => (
          <tr key={link.id} data-link={link.id} data-state={link.state} className={link.state === 'revoked' ? 'revoked' : undefined}>
            <th scope="row" className="link-code">
              {shortCode(link.id)}
            </th>
            <td>{tr(link.group.label, lang)}</td>
            <td>{link.stratum ? tr(link.stratum.label, lang) : ''}</td>
            <td>{t(`links.kindName.${link.kind}`)}</td>
            <td>{link.label ?? ''}</td>
            <td>
              <span className={`badge link-state ${link.state}`}>{t(`links.state.${link.state}`)}</span>
            </td>
            <td className="num">
              {t('links.usesOf', { uses: link.uses, max: link.maxUses })}
              {link.inProgress > 0 && (
                <>
                  <br />
                  <small>{t('links.inProgress', { count: link.inProgress })}</small>
                </>
              )}
            </td>
            <td>{formatTime(link.createdAt, lang)}</td>
            <td>{time(link.openedAt)}</td>
            <td>{time(link.lastUsedAt)}</td>
            <td>{link.state !== 'revoked' && <RevokeLink link={link} onRevoked={onRevoked} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RevokeLink({ link, onRevoked }: { link: LinkSummary; onRevoked: (link: LinkSummary) => void }) {
  const { t } = useCT();
  const api = useCoordinatorApi();
  const lost = useSessionLost();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const code = shortCode(link.id);

  const revoke = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const revoked = await api.revokeLink(link.id);
      setConfirming(false);
      onRevoked(revoked);
    } catch (err) {
      if (isSessionRefusal(err)) return lost();
      setProblem(t('common.error', { message: describeFailure(err, t) }));
    } finally {
      setBusy(false);
    }
  };

  if (!confirming)
    return (
      <button type="button" className="secondary" onClick={() => setConfirming(true)} aria-label={t('links.revokeFor', { code })}>
        {t('links.revoke')}
      </button>
    );
  return (
    <div role="alertdialog" aria-label={t('links.revokeFor', { code })} aria-describedby={`revoke-link-${link.id}`} className="confirm">
      <p id={`revoke-link-${link.id}`}>{t('links.confirmRevoke', { code })}</p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" className="danger" disabled={busy} onClick={() => void revoke()}>
        {t('links.confirmRevokeYes')}
      </button>
      <button type="button" className="secondary" onClick={() => setConfirming(false)} autoFocus>
        {t('common.cancel')}
      </button>
    </div>
  );
}
