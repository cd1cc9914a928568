/** The drafts waiting to be published: what each is, and Preview, Publish (administrators only) and Delete (the last two confirmed first). */
import { tr } from '../../../survey';
import { formatDateTime } from '../dates';
import { useCoordinatorApi, type PublishedVersion, type QuestionnaireDraftSummary } from '../api';
import { useCT } from '../i18n';
import { ConfirmAction } from '../ConfirmAction';
import { ProblemTable, warningText } from './ProblemTable';

export interface DraftTableProps {
  drafts: QuestionnaireDraftSummary[];
  /** The draft being previewed, if any. */
  previewing: string | undefined;
  onPreview: (draft: QuestionnaireDraftSummary) => void;
  onPublished: (draft: QuestionnaireDraftSummary, published: PublishedVersion) => void;
  onDeleted: (draft: QuestionnaireDraftSummary) => void;
  /** An administrator's: only they publish (the server refuses a coordinator). */
  canPublish: boolean;
}

export function DraftTable({ drafts, previewing, onPreview, onPublished, onDeleted, canPublish }: DraftTableProps) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const column = {
    title: t('questionnaires.drafts.title'),
    id: t('questionnaires.drafts.id'),
    version: t('questionnaires.drafts.version'),
    file: t('questionnaires.drafts.file'),
    uploaded: t('questionnaires.drafts.uploaded'),
    questions: t('questionnaires.drafts.questions'),
    actions: t('questionnaires.drafts.actions'),
  };
  return (
    <div className="table-scroll">
    <table className="coord-table stack drafts">
      <thead>
        <tr>
          <th scope="col">{column.title}</th>
          <th scope="col" className="num">
            {column.version}
          </th>
          <th scope="col">{column.file}</th>
          <th scope="col">{column.uploaded}</th>
          <th scope="col" className="num">
            {column.questions}
          </th>
          <th scope="col">
            <span className="sr-only">{column.actions}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {drafts.map((d) => {
          const names = { title: tr(d.title, lang), version: d.version };
          return (
            <tr key={d.draftId} data-draft={d.draftId} aria-current={previewing === d.draftId ? true : undefined}>
              <th scope="row" data-label={column.title}>
                <div>
                  {names.title}
                  <br />
                  <small className="muted">
                    {column.id}: <code>{d.id}</code>
                  </small>
                </div>
              </th>
              <td data-label={column.version} className="num">
                <div>
                  {d.version}
                  {d.versionInFile !== undefined && (
                    <>
                      {' '}
                      <small className="muted">({t('questionnaires.drafts.versionTaken', { inFile: d.versionInFile })})</small>
                    </>
                  )}
                </div>
              </td>
              <td data-label={column.file}>
                <div className="draft-file">
                  <span className="file-name">{d.fileName}</span>
                  {d.warnings.length > 0 && (
                    <details>
                      <summary>{t('questionnaires.drafts.warnings', { count: d.warnings.length })}</summary>
                      <ProblemTable
                        kind="note"
                        pageLang={lang}
                        caption={t('questionnaires.upload.warningsCaption', { name: d.fileName })}
                        items={d.warnings.map((w) => warningText(w, lang))}
                      />
                    </details>
                  )}
                </div>
              </td>
              <td data-label={column.uploaded}>{t('questionnaires.drafts.uploadedBy', { by: d.uploadedBy, time: formatDateTime(d.uploadedAt, lang) })}</td>
              <td data-label={column.questions} className="num">
                {d.questionCount}
              </td>
              <td data-label={column.actions}>
                <div className="row-actions">
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t('questionnaires.drafts.previewFor', names)}
                    aria-pressed={previewing === d.draftId}
                    onClick={() => onPreview(d)}
                  >
                    {t('questionnaires.drafts.preview')}
                  </button>
                  {canPublish && (
                    <ConfirmAction
                      id={`publish-${d.draftId}`}
                      label={t('questionnaires.drafts.publish')}
                      name={t('questionnaires.drafts.publishFor', names)}
                      question={t('questionnaires.drafts.confirmPublish', names)}
                      yes={t('questionnaires.drafts.confirmPublishYes')}
                      onConfirm={async () => onPublished(d, await api.publishQuestionnaireDraft(d.draftId))}
                    />
                  )}
                  <ConfirmAction
                    id={`delete-${d.draftId}`}
                    danger
                    label={t('questionnaires.drafts.delete')}
                    name={t('questionnaires.drafts.deleteFor', names)}
                    question={t('questionnaires.drafts.confirmDelete', { ...names, file: d.fileName })}
                    yes={t('questionnaires.drafts.confirmDeleteYes')}
                    onConfirm={async () => {
                      await api.deleteQuestionnaireDraft(d.draftId);
                      onDeleted(d);
                    }}
                  />
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
