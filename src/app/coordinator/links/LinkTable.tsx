/** Every respondent link with its state, uses and times, and revoking one after a confirmation. */
import { useState } from 'react';
import { tr } from '../../../survey';
import { formatDateTime as formatTime } from '../dates';
import { useCoordinatorApi, type LinkSummary } from '../api';
import { describeFailure } from '../failure';
import { useCT } from '../i18n';
import { isSessionRefusal, useSessionLost } from '../session';
import { shortCode } from './links-csv';

/** A link that can still be used: revoking it means something. */
const revocable = (link: LinkSummary) => link.state !== 'revoked' && link.state !== 'completed' && link.state !== 'exhausted';

/**
 * Six columns that fit a tablet; on a phone each row becomes a card whose cells carry their
 * column's name (`data-label`, shown by the stylesheet) beside one element holding the value.
 */
export function LinkTable({ links, onRevoked }: { links: LinkSummary[]; onRevoked: (link: LinkSummary) => void }) {
  const { t, lang } = useCT();
  const time = (iso: string | null) => (iso ? formatTime(iso, lang) : t('common.never'));
  const column = {
    code: t('links.column.code'),
    whom: t('links.column.whom'),
    uses: t('links.column.uses'),
    state: t('links.column.state'),
    times: t('links.column.times'),
    actions: t('links.column.actions'),
  };
  return (
    <table className="coord-table links stack">
      <thead>
        <tr>
          <th scope="col">{column.code}</th>
          <th scope="col">{column.whom}</th>
          <th scope="col">{column.uses}</th>
          <th scope="col">{column.state}</th>
          <th scope="col">{column.times}</th>
          <th scope="col">
            <span className="sr-only">{column.actions}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {links.map((link) => (
          <tr key={link.id} data-link={link.id} data-state={link.state} className={link.state === 'revoked' ? 'revoked' : undefined}>
            <th scope="row" className="link-code" data-label={column.code}>
              {shortCode(link.id)}
            </th>
            <td data-label={column.whom}>
              <div>
                {tr(link.group.label, lang)}
                {link.stratum && (
                  <>
                    <br />
                    {tr(link.stratum.label, lang)}
                  </>
                )}
                {link.label && (
                  <>
                    <br />
                    <small className="muted">{link.label}</small>
                  </>
                )}
              </div>
            </td>
            <td data-label={column.uses}>
              <div>
                {t(`links.kindName.${link.kind}`)}
                <br />
                {t('links.usesOf', { uses: link.uses, max: link.maxUses })}
                {link.inProgress > 0 && (
                  <>
                    <br />
                    <small>{t('links.inProgress', { count: link.inProgress })}</small>
                  </>
                )}
              </div>
            </td>
            <td data-label={column.state}>
              <span className={`badge link-state ${link.state}`}>{t(link.kind === 'shared' && link.state === 'in_progress' ? 'links.state.sharedInUse' : `links.state.${link.state}`)}</span>
            </td>
            <td data-label={column.times} className="link-times">
              <small>
                {t('links.column.created')}: {time(link.createdAt)}
                <br />
                {t('links.column.opened')}: {time(link.openedAt)}
                <br />
                {t('links.column.lastUsed')}: {time(link.lastUsedAt)}
              </small>
            </td>
            <td data-label={column.actions}>{revocable(link) && <RevokeLink link={link} onRevoked={onRevoked} />}</td>
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
