/** The offer of a new app version: a status banner that never blocks the interview. */
import { useT } from '../i18n';
import { appUpdate, useAppUpdate } from './app-update';
import type { UpdateFlow } from './update-flow';

export function UpdateBanner({ flow = appUpdate }: { flow?: UpdateFlow }) {
  const { t } = useT();
  const state = useAppUpdate(flow);
  if (state.kind === 'idle') return null;
  const busy = state.kind === 'saving' || state.kind === 'activating';
  return (
    <div className="update-banner" role="status" aria-label={t('update.label')}>
      <p>
        {state.kind === 'saveFailed' ? t('update.saveFailed') : busy ? t('update.updating') : t('update.available')}
      </p>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void flow.accept()}>
          {t('update.now')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => flow.dismiss()}>
          {t('update.later')}
        </button>
      </div>
    </div>
  );
}
