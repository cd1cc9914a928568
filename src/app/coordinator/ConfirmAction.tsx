/**
 * A button whose action is confirmed first (publish, delete, retire; reset a password, disable an
 * account), as revoking a device is: the question and its answer buttons replace it in place; a
 * refusal is said there; a refused session hands over to the login form.
 */
import { useState } from 'react';
import { describeFailure } from './failure';
import { useCT } from './i18n';
import { isSessionRefusal, useSessionLost } from './session';

export interface ConfirmActionProps {
  /** The button's text and its accessible name (which says what it acts on). */
  label: string;
  name: string;
  /** The question asked before acting, and the button that answers yes. */
  question: string;
  yes: string;
  danger?: boolean;
  /** A stable id for the question's text (aria-describedby). */
  id: string;
  onConfirm: () => Promise<void>;
  /** A refusal in the page's words; by default "Not done:" and the failure's description. */
  describe?: ((err: unknown) => string) | undefined;
}

export function ConfirmAction({ label, name, question, yes, danger = false, id, onConfirm, describe }: ConfirmActionProps) {
  const { t } = useCT();
  const lost = useSessionLost();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const act = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      await onConfirm();
      setConfirming(false);
    } catch (err) {
      if (isSessionRefusal(err)) return lost();
      setProblem(describe ? describe(err) : t('questionnaires.published.failed', { message: describeFailure(err, t) }));
    } finally {
      setBusy(false);
    }
  };

  if (!confirming)
    return (
      <button type="button" className="secondary" onClick={() => setConfirming(true)} aria-label={name}>
        {label}
      </button>
    );
  return (
    <div role="alertdialog" aria-label={name} aria-describedby={id} className="confirm">
      <p id={id}>{question}</p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" className={danger ? 'danger' : 'primary'} disabled={busy} onClick={() => void act()}>
        {yes}
      </button>
      <button type="button" className="secondary" onClick={() => setConfirming(false)} autoFocus>
        {t('common.cancel')}
      </button>
    </div>
  );
}
