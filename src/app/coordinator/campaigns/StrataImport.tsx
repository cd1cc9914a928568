/**
 * A group's strata from a spreadsheet or CSV (value, label, parent, target), read and checked by
 * the server against the group's lists. Accepted: the rows replace the table once confirmed. Refused:
 * every problem by sheet, row and column in the page's language, and the table left as it was.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { tr } from '../../../survey';
import { locatedProblems, useCoordinatorApi, type LocatedProblem, type StrataImport as Imported, type StrataTarget } from '../api';
import { describeFailure } from '../failure';
import { useCT } from '../i18n';
import { ProblemTable, problemText } from '../questionnaires/ProblemTable';
import { isSessionRefusal, useSessionLost } from '../session';
import { draftStratum, type DraftStratum } from './draft';

type Outcome =
  | { kind: 'read'; name: string; imported: Imported }
  | { kind: 'replaced'; name: string; count: number }
  | { kind: 'refused'; name: string; problems: LocatedProblem[] }
  | { kind: 'failed'; message: string };

export interface StrataImportProps {
  against: StrataTarget | undefined;
  rows: readonly DraftStratum[];
  counts: Record<string, number>;
  onReplace: (rows: DraftStratum[]) => void;
}

export function StrataImport({ against, rows, counts, onReplace }: StrataImportProps) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const lost = useSessionLost();
  const inputId = useId();
  const hintId = useId();
  const questionId = useId();
  const form = useRef<HTMLFormElement>(null);
  const [file, setFile] = useState<File>();
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const read = async (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    if (!file) return setMissing(true);
    setOutcome(undefined);
    setBusy(true);
    try {
      const imported = await api.importStrata(file, against);
      setOutcome({ kind: 'read', name: file.name, imported });
    } catch (err) {
      if (isSessionRefusal(err)) return lost();
      const problems = locatedProblems(err, 'invalid_campaign');
      setOutcome(
        problems.length > 0
          ? { kind: 'refused', name: file.name, problems }
          : { kind: 'failed', message: t('campaigns.import.failed', { name: file.name, message: describeFailure(err, t) }) },
      );
    } finally {
      setBusy(false);
    }
  };

  const replace = (name: string, imported: Imported) => {
    onReplace(imported.strata.map((s) => ({ ...draftStratum({ value: s.value, label: s.label, ...(s.parent !== undefined ? { parent: s.parent } : {}) }), target: s.target !== undefined ? String(s.target) : '' })));
    setOutcome({ kind: 'replaced', name, count: imported.strata.length });
    setFile(undefined);
    form.current?.reset();
  };

  // Rows with interviews that the file leaves out: the server refuses to save without them.
  const dropped = outcome?.kind === 'read' ? rows.filter((r) => (counts[r.value] ?? 0) > 0 && !outcome.imported.strata.some((s) => s.value === r.value)) : [];

  return (
    <div className="strata-import">
      {/* A form of its own: its submit never reaches the editor's form. */}
      <form ref={form} className="upload-form" onSubmit={(e) => void read(e)} noValidate>
        <label htmlFor={inputId}>{t('campaigns.import.file')}</label>
        <p className="muted" id={hintId}>
          {t('campaigns.import.hint')}
        </p>
        <input
          id={inputId}
          type="file"
          accept=".xlsx,.xls,.csv,text/csv"
          aria-describedby={hintId}
          aria-invalid={missing ? true : undefined}
          onChange={(e) => {
            setFile(e.target.files?.[0]);
            setMissing(false);
          }}
        />
        {missing && (
          <p className="error" role="alert">
            {t('campaigns.import.chooseFile')}
          </p>
        )}
        <button type="submit" className="secondary" disabled={busy}>
          {busy ? t('campaigns.import.reading') : t('campaigns.import.submit')}
        </button>
      </form>
      <div aria-live="polite" className="upload-summary" data-testid="strata-import-summary">
        {outcome?.kind === 'read' && (
          <div role="alertdialog" aria-labelledby={questionId} className="confirm import-confirm">
            <p id={questionId}>
              {t('campaigns.import.confirm', { name: outcome.name, sheet: outcome.imported.sheet, count: outcome.imported.strata.length, rows: rows.length })}
            </p>
            {dropped.length > 0 && (
              <p className="error">{t('campaigns.import.dropsCounted', { strata: dropped.map((r) => tr({ vi: r.labelVi, en: r.labelEn }, lang) || r.value).join('; ') })}</p>
            )}
            <button type="button" className="primary" onClick={() => replace(outcome.name, outcome.imported)}>
              {t('campaigns.import.confirmYes')}
            </button>
            <button type="button" className="secondary" onClick={() => setOutcome(undefined)}>
              {t('common.cancel')}
            </button>
          </div>
        )}
        {outcome?.kind === 'replaced' && <p className="notice">{t('campaigns.import.replaced', { name: outcome.name, count: outcome.count })}</p>}
        {outcome?.kind === 'refused' && (
          <div className="upload-refused">
            <h4>{t('campaigns.import.refusedHeading', { name: outcome.name })}</h4>
            <p className="error">{t('campaigns.import.refusedIntro', { count: outcome.problems.length })}</p>
          </div>
        )}
        {outcome?.kind === 'failed' && <p className="error">{outcome.message}</p>}
      </div>
      {outcome?.kind === 'refused' && (
        <ProblemTable
          kind="problem"
          pageLang={lang}
          caption={t('campaigns.import.refusedCaption', { name: outcome.name })}
          items={outcome.problems.map((p) => problemText(p, lang))}
        />
      )}
    </div>
  );
}
