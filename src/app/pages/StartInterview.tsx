/** Starts an interview: respondent group, stratum (area or unit) and interview language. */
import { useEffect, useState, type FormEvent } from 'react';
import { startInterview } from '../../store';
import { tr, type Definition, type Lang } from '../../survey';
import { catalogEntry, loadBundled } from '../definitions';
import { setLang, useT } from '../i18n';
import { navigate, paths } from '../router';

export function StartInterview({ surveyId }: { surveyId: string }) {
  const { t, lang } = useT();
  const entry = catalogEntry(surveyId);
  const [definition, setDefinition] = useState<Definition>();
  const [group, setGroup] = useState(entry?.respondentGroups[0]?.id ?? '');
  const [stratum, setStratum] = useState('');
  const [interviewLang, setInterviewLang] = useState<Lang>(lang);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (entry) void loadBundled(entry.id, entry.version).then(setDefinition, (e: Error) => setProblem(e.message));
  }, [entry]);

  if (!entry) return <p className="error">{t('app.notFound')}</p>;
  if (!definition) return <p className="muted">{problem ? t('app.error', { message: problem }) : t('app.loading')}</p>;

  const groupDef = definition.respondentGroups.find((g) => g.id === group);
  const strata = groupDef?.stratumList !== undefined ? (definition.lists?.[groupDef.stratumList] ?? []) : [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (strata.length > 0 && !stratum) return setProblem(t('start.stratumRequired'));
    setBusy(true);
    try {
      const record = await startInterview({
        definition,
        respondentGroup: group,
        lang: interviewLang,
        ...(strata.length > 0 ? { stratum } : {}),
      });
      if (interviewLang !== lang) setLang(interviewLang);
      navigate(paths.interview(record.id), { replace: true });
    } catch (err) {
      setProblem(t('app.error', { message: (err as Error).message }));
      setBusy(false);
    }
  };

  return (
    <main className="start">
      <h2>{tr(definition.title, lang)}</h2>
      {definition.description && <p>{tr(definition.description, lang)}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        {definition.respondentGroups.length > 1 && (
          <fieldset>
            <legend>{t('start.group')}</legend>
            <div className="options">
              {definition.respondentGroups.map((g) => (
                <label key={g.id} className={group === g.id ? 'option selected' : 'option'}>
                  <input type="radio" name="group" value={g.id} checked={group === g.id} onChange={() => (setGroup(g.id), setStratum(''))} />
                  <span>{tr(g.label, lang)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {strata.length > 0 && (
          <div className="question">
            <label htmlFor="stratum" className="question-label">
              {t('start.stratum')}
            </label>
            <select id="stratum" value={stratum} onChange={(e) => (setStratum(e.target.value), setProblem(undefined))} aria-invalid={problem ? true : undefined}>
              <option value="">{t('start.chooseStratum')}</option>
              {strata.map((s) => (
                <option key={s.value} value={s.value}>
                  {tr(s.label, lang)}
                </option>
              ))}
            </select>
          </div>
        )}
        <fieldset>
          <legend>{t('start.language')}</legend>
          <div className="options horizontal">
            {(['vi', 'en'] as const).map((l) => (
              <label key={l} className={interviewLang === l ? 'option selected' : 'option'}>
                <input type="radio" name="lang" value={l} checked={interviewLang === l} onChange={() => setInterviewLang(l)} />
                <span lang={l}>{l === 'vi' ? 'Tiếng Việt' : 'English'}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <div className="pager">
          <button type="button" className="secondary" onClick={() => navigate(paths.home())}>
            ← {t('start.back')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('start.begin')}
          </button>
        </div>
      </form>
    </main>
  );
}
