/**
 * "Import a backup file": takes another device's unsent-data file; its interviews are queued
 * here and sent by this device. Says what was added, what was already here, and what clashed.
 */
import { useState, type FormEvent } from 'react';
import { importBackup, InvalidBackupError, type ImportResult } from '../../store/import';
import { useT } from '../i18n';
import { useSyncer } from '../sync/context';

export function ImportBackup() {
  const { t } = useT();
  const syncer = useSyncer();
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult>();
  const [problem, setProblem] = useState<string>();

  const describe = (e: unknown): string => {
    if (e instanceof InvalidBackupError) {
      if (e.problem === 'invalidContent' || e.problem === 'truncated') {
        if (e.fault)
          return t('backup.error.invalidInterview', { number: e.fault.index + 1, id: e.fault.id ?? '?', field: e.fault.field, problem: e.fault.message });
        const first = e.details[0];
        return t('backup.error.invalidContent', { detail: first ? `${first.path}: ${first.message}` : e.message });
      }
      return t(`backup.error.${e.problem}`);
    }
    return t('backup.error.other', { message: e instanceof Error ? e.message : String(e) });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(undefined);
    if (!file) return setProblem(t('backup.noFile'));
    setBusy(true);
    setProblem(undefined);
    try {
      const imported = await importBackup(await file.text());
      setResult(imported);
      if (imported.added.length > 0) void syncer.syncNow(); // counts refresh, and they go if they can
    } catch (err) {
      setProblem(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="import-backup" onSubmit={(e) => void submit(e)} noValidate>
      <p>{t('backup.intro')}</p>
      <label htmlFor="backup-file">{t('backup.file')}</label>
      <input
        id="backup-file"
        type="file"
        accept=".json,application/json"
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'backup-problem' : undefined}
        onChange={(e) => {
          setFile(e.target.files?.[0]);
          setProblem(undefined);
          setResult(undefined);
        }}
      />
      {problem && (
        <p className="error" role="alert" id="backup-problem">
          {problem}
        </p>
      )}
      {result && (
        <div className="notice" role="status">
          <p>{result.added.length > 0 ? t('backup.added', { count: result.added.length }) : t('backup.nothingAdded')}</p>
          {result.present.length > 0 && <p>{t('backup.present', { count: result.present.length })}</p>}
          {result.conflicts.length > 0 && <p className="error">{t('backup.conflicts', { count: result.conflicts.length, ids: result.conflicts.join(', ') })}</p>}
        </div>
      )}
      <button type="submit" className="secondary" disabled={busy}>
        {busy ? t('backup.importing') : t('backup.import')}
      </button>
    </form>
  );
}
