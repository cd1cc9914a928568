/**
 * Uploading a questionnaire file: the server checks it and keeps it as a draft, or refuses it
 * with every problem located (sheet, row, column, or the JSON path), saving nothing. The outcome's
 * summary is said in a live region; the table of problems or notes follows it.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { QUESTIONNAIRE_FILE_LIMIT } from '../../../contract';
import { tr, type Lang } from '../../../survey';
import { locatedProblems, useCoordinatorApi, type LocatedProblem, type QuestionnaireDraftSummary } from '../api';
import { describeFailure } from '../failure';
import { useCT } from '../i18n';
import { isSessionRefusal, useSessionLost } from '../session';
import { ProblemTable, problemText, warningText } from './ProblemTable';

type Outcome =
  | { kind: 'accepted'; draft: QuestionnaireDraftSummary }
  | { kind: 'refused'; name: string; problems: LocatedProblem[] }
  | { kind: 'failed'; name: string; message: string };

const MB = 1024 * 1024;
/** A size in megabytes, one decimal, with the language's decimal mark (“10,5” in Vietnamese). */
const megabytes = (bytes: number, lang: Lang) => {
  const text = String(Math.ceil((bytes / MB) * 10) / 10);
  return lang === 'vi' ? text.replace('.', ',') : text;
};

export function UploadQuestionnaire({ onUploaded }: { onUploaded: (draft: QuestionnaireDraftSummary) => void }) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const lost = useSessionLost();
  const inputId = useId();
  const hintId = useId();
  const problemId = useId();
  const form = useRef<HTMLFormElement>(null);
  const [file, setFile] = useState<File>();
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const max = QUESTIONNAIRE_FILE_LIMIT / MB;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setMissing(true);
    setOutcome(undefined);
    if (file.size > QUESTIONNAIRE_FILE_LIMIT)
      return setOutcome({ kind: 'failed', name: file.name, message: t('questionnaires.upload.tooLarge', { name: file.name, size: megabytes(file.size, lang), max }) });
    setBusy(true);
    try {
      const draft = await api.uploadQuestionnaire(file);
      setOutcome({ kind: 'accepted', draft });
      setFile(undefined);
      form.current?.reset();
      onUploaded(draft);
    } catch (err) {
      if (isSessionRefusal(err)) return lost();
      const problems = locatedProblems(err);
      setOutcome(
        problems.length > 0
          ? { kind: 'refused', name: file.name, problems }
          : { kind: 'failed', name: file.name, message: t('questionnaires.upload.failed', { name: file.name, message: describeFailure(err, t) }) },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="upload-heading" className="coord-section questionnaire-upload">
      <h2 id="upload-heading">{t('questionnaires.upload.heading')}</h2>
      <form ref={form} className="upload-form" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor={inputId}>{t('questionnaires.upload.file')}</label>
        <p className="muted" id={hintId}>
          {t('questionnaires.upload.hint', { max })}
        </p>
        <input
          id={inputId}
          type="file"
          accept=".xlsx,.xls,.json"
          aria-describedby={missing ? `${hintId} ${problemId}` : hintId}
          aria-invalid={missing ? true : undefined}
          onChange={(e) => {
            setFile(e.target.files?.[0]);
            setMissing(false);
          }}
        />
        {missing && (
          <p className="error" role="alert" id={problemId}>
            {t('questionnaires.upload.chooseFile')}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('questionnaires.upload.submitting') : t('questionnaires.upload.submit')}
        </button>
      </form>
      {/* The summary is announced; the table under it is there to read, not read out whole. */}
      <div aria-live="polite" className="upload-summary" data-testid="upload-summary">
        {outcome?.kind === 'accepted' && (
          <div className="notice upload-accepted">
            <h3>{t('questionnaires.upload.acceptedHeading', { title: tr(outcome.draft.title, lang) })}</h3>
            <p>
              {t('questionnaires.upload.accepted', {
                id: outcome.draft.id,
                version: outcome.draft.version,
                count: outcome.draft.questionCount,
                name: outcome.draft.fileName,
              })}
            </p>
            {outcome.draft.versionInFile !== undefined && (
              <p className="version-taken">{t('questionnaires.upload.versionTaken', { inFile: outcome.draft.versionInFile, version: outcome.draft.version })}</p>
            )}
            {outcome.draft.warnings.length > 0 && <p>{t('questionnaires.upload.warnings', { count: outcome.draft.warnings.length })}</p>}
          </div>
        )}
        {outcome?.kind === 'refused' && (
          <div className="upload-refused">
            <h3>{t('questionnaires.upload.refusedHeading', { name: outcome.name })}</h3>
            <p className="error">{t('questionnaires.upload.refusedIntro', { count: outcome.problems.length })}</p>
          </div>
        )}
        {outcome?.kind === 'failed' && <p className="error">{outcome.message}</p>}
      </div>
      {outcome?.kind === 'refused' && (
        <ProblemTable
          kind="problem"
          pageLang={lang}
          caption={t('questionnaires.upload.refusedCaption', { name: outcome.name })}
          items={outcome.problems.map((p) => problemText(p, lang))}
        />
      )}
      {outcome?.kind === 'accepted' && outcome.draft.warnings.length > 0 && (
        <ProblemTable
          kind="note"
          pageLang={lang}
          caption={t('questionnaires.upload.warningsCaption', { name: outcome.draft.fileName })}
          items={outcome.draft.warnings.map((w) => warningText(w, lang))}
        />
      )}
    </section>
  );
}
