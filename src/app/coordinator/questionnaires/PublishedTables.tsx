/**
 * The published versions, one table per questionnaire (newest version first): where each came
 * from, when and by whom it was published, whether it is in use; its XLSForm to download, and
 * retiring it (confirmed first: no new interviews, those begun still accepted) or reinstating it,
 * both for administrators only.
 */
import { useState } from 'react';
import { tr } from '../../../survey';
import { formatDateTime } from '../dates';
import { useCoordinatorApi, type PublishedVersion } from '../api';
import { describeFailure } from '../failure';
import { useCT } from '../i18n';
import { isSessionRefusal, useSessionLost } from '../session';
import { ConfirmAction } from '../ConfirmAction';

/** The versions grouped by questionnaire, in the server's order (by id, newest version first). */
function byQuestionnaire(versions: PublishedVersion[]): PublishedVersion[][] {
  const groups = new Map<string, PublishedVersion[]>();
  for (const v of versions) {
    const list = groups.get(v.id);
    if (list) list.push(v);
    else groups.set(v.id, [v]);
  }
  return [...groups.values()].map((list) => [...list].sort((a, b) => b.version - a.version));
}

export interface PublishedTablesProps {
  versions: PublishedVersion[];
  onChanged: (version: PublishedVersion) => void;
  /** An administrator's: only they retire or reinstate (the server refuses a coordinator). */
  canChange: boolean;
}

export function PublishedTables({ versions, onChanged, canChange }: PublishedTablesProps) {
  return (
    <div className="published-list">
      {byQuestionnaire(versions).map((list) => (
        <VersionTable key={list[0]!.id} versions={list} onChanged={onChanged} canChange={canChange} />
      ))}
    </div>
  );
}

function VersionTable({ versions, onChanged, canChange }: PublishedTablesProps) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const newest = versions[0]!;
  const column = {
    version: t('questionnaires.published.version'),
    title: t('questionnaires.published.title'),
    source: t('questionnaires.published.source'),
    publishedAt: t('questionnaires.published.publishedAt'),
    status: t('questionnaires.published.status'),
    actions: t('questionnaires.published.actions'),
  };
  return (
    <div className="table-scroll">
      <table className="coord-table stack published" data-questionnaire={newest.id}>
        <caption>{t('questionnaires.published.caption', { title: tr(newest.title, lang), id: newest.id })}</caption>
        <thead>
          <tr>
            <th scope="col">{column.version}</th>
            <th scope="col">{column.title}</th>
            <th scope="col">{column.source}</th>
            <th scope="col">{column.publishedAt}</th>
            <th scope="col">{column.status}</th>
            <th scope="col">
              <span className="sr-only">{column.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => {
            const names = { title: tr(v.title, lang), version: v.version };
            const time = formatDateTime(v.publishedAt, lang);
            return (
              <tr key={v.version} data-version={v.version} data-retired={v.retired} className={v.retired ? 'revoked' : undefined}>
                <th scope="row" data-label={column.version}>
                  {t('exports.version', { version: v.version })}
                </th>
                <td data-label={column.title}>{names.title}</td>
                <td data-label={column.source}>{t(v.source === 'web' ? 'questionnaires.published.sourceWeb' : 'questionnaires.published.sourceFile')}</td>
                <td data-label={column.publishedAt}>{v.publishedBy ? t('questionnaires.published.publishedBy', { time, by: v.publishedBy }) : time}</td>
                <td data-label={column.status}>
                  <span className={`badge questionnaire-state ${v.retired ? 'retired' : 'in-use'}`}>
                    {t(v.retired ? 'questionnaires.published.retired' : 'questionnaires.published.inUse')}
                  </span>
                </td>
                <td data-label={column.actions}>
                  <div className="row-actions">
                    <a className="download" href={api.questionnaireXlsformUrl(v.id, v.version)} download aria-label={t('questionnaires.published.downloadFor', names)}>
                      {t('questionnaires.published.download')}
                    </a>
                    {!canChange ? null : v.retired ? (
                      <ReinstateButton version={v} onChanged={onChanged} />
                    ) : (
                      <ConfirmAction
                        id={`retire-${v.id}-${v.version}`}
                        danger
                        label={t('questionnaires.published.retire')}
                        name={t('questionnaires.published.retireFor', names)}
                        question={t('questionnaires.published.confirmRetire', names)}
                        yes={t('questionnaires.published.confirmRetireYes')}
                        onConfirm={async () => onChanged(await api.retireQuestionnaire(v.id, v.version))}
                      />
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Reinstating undoes a retirement and harms nothing: no confirmation. */
function ReinstateButton({ version: v, onChanged }: { version: PublishedVersion; onChanged: (version: PublishedVersion) => void }) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const lost = useSessionLost();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const reinstate = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      onChanged(await api.reinstateQuestionnaire(v.id, v.version));
    } catch (err) {
      if (isSessionRefusal(err)) return lost();
      setProblem(t('questionnaires.published.failed', { message: describeFailure(err, t) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="secondary"
        disabled={busy}
        onClick={() => void reinstate()}
        aria-label={t('questionnaires.published.reinstateFor', { title: tr(v.title, lang), version: v.version })}
      >
        {t('questionnaires.published.reinstate')}
      </button>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
