/**
 * Starts an interview: respondent group, stratum (area or unit) and interview language (any of the
 * questionnaire's: Vietnamese, English and those its texts carry, such as Khmer). The
 * questionnaire comes from the app's bundle or the device's cache: no network is needed.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { startInterview } from '../../store';
import { isInterfaceLanguage, tr, type Definition, type TextLang } from '../../survey';
import { loadDefinition, useCatalog } from '../definitions';
import { setLang, useT } from '../i18n';
import { QuotaNotice } from '../quota/QuotaNotice';
import { campaignPlan, checkStart, readSituation } from '../quota/quota-check';
import { useQuotaSituation } from '../quota/useQuota';
import { navigate, paths } from '../router';
import type { InterviewLanguage } from './interview-languages';

export function StartInterview({ surveyId }: { surveyId: string }) {
  const { t, lang } = useT();
  const catalog = useCatalog();
  const entry = catalog.entries.find((e) => e.id === surveyId);
  const [definition, setDefinition] = useState<Definition>();
  const [languages, setLanguages] = useState<InterviewLanguage[]>();
  const [chosenGroup, setGroup] = useState('');
  const [stratum, setStratum] = useState('');
  const [interviewLang, setInterviewLang] = useState<TextLang>(lang);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const quota = useQuotaSituation();

  // The version the running campaign surveys this questionnaire with (moved by a coordinator,
  // learnt at the last sync), when the device has it; else the newest one offered.
  const plan = campaignPlan(quota?.snapshot, surveyId);
  const [entryId, entryVersion, plannedVersion, quotaRead] = [entry?.id, entry?.version, plan.version, quota !== undefined];
  useEffect(() => {
    // Waits for the stored snapshot (read from IndexedDB in a moment) so the page never shows one version's strata, then another's.
    if (entryId === undefined || entryVersion === undefined || !quotaRead) return;
    const newest = () => loadDefinition(entryId, entryVersion);
    const loaded = plannedVersion !== undefined && plannedVersion !== entryVersion ? loadDefinition(entryId, plannedVersion).then((d) => d ?? newest()) : newest();
    // The questionnaire's languages and their names come with it (a chunk of their own).
    void Promise.all([loaded, import('./interview-languages')]).then(
      ([d, { interviewLanguages }]) => {
        if (!d) return setProblem(t('app.notFound'));
        setLanguages(interviewLanguages(d));
        setDefinition(d);
      },
      (e: Error) => setProblem(e.message),
    );
  }, [entryId, entryVersion, plannedVersion, quotaRead, t]);

  if (!entry) return catalog.ready ? <p className="error">{t('app.notFound')}</p> : <p className="muted">{t('app.loading')}</p>;
  if (!definition || !languages) return <p className="muted">{problem ? t('app.error', { message: problem }) : t('app.loading')}</p>;
  const group = chosenGroup || (definition.respondentGroups[0]?.id ?? '');

  const groupDef = definition.respondentGroups.find((g) => g.id === group);
  const listed = groupDef?.stratumList !== undefined ? (definition.lists?.[groupDef.stratumList] ?? []) : [];
  // The campaign's planned strata first (a commune added to the plan shows after the next sync):
  // those of the list, then the campaign's own that the list lacks (a unit or commune new this
  // year, by the campaign's label); then the rest of the list.
  const planItems = listed.length > 0 ? plan.strata(group) : [];
  const plannedValues = new Set(planItems.map((s) => s.value));
  const listedValues = new Set(listed.map((s) => s.value));
  const own = planItems.filter((s) => !listedValues.has(s.value));
  const planned = [...listed.filter((s) => plannedValues.has(s.value)), ...own];
  const others = planned.length > 0 ? listed.filter((s) => !plannedValues.has(s.value)) : [];
  const strata = [...listed, ...own];
  // The quota as last counted by the server plus what waits here: a full stratum warns, or blocks under "stop", offline too.
  const chosenStratum = strata.length > 0 ? stratum || undefined : undefined;
  const quotaCheck = quota && (strata.length === 0 || chosenStratum) ? checkStart(quota, definition.id, group, chosenStratum) : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (strata.length > 0 && !stratum) return setProblem(t('start.stratumRequired'));
    if (checkStart(await readSituation(), definition.id, group, chosenStratum)?.verdict === 'block') return; // the notice says why
    setBusy(true);
    try {
      const ownLabel = own.find((s) => s.value === stratum)?.label;
      const record = await startInterview({
        definition,
        respondentGroup: group,
        lang: interviewLang,
        ...(strata.length > 0 ? { stratum } : {}),
        ...(ownLabel ? { stratumLabel: ownLabel } : {}),
      });
      // The interface follows the interview's language when it is Vietnamese or English.
      if (interviewLang !== lang && isInterfaceLanguage(interviewLang)) void setLang(interviewLang);
      navigate(paths.interview(record.id), { replace: true });
    } catch (err) {
      setProblem(t('app.error', { message: (err as Error).message }));
      setBusy(false);
    }
  };

  return (
    <main className="start">
      <h1>{tr(definition.title, lang)}</h1>
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
              {planned.length > 0 ? (
                <>
                  <optgroup label={t('start.plannedStrata')}>
                    {planned.map((s) => (
                      <option key={s.value} value={s.value}>
                        {tr(s.label, lang)}
                      </option>
                    ))}
                  </optgroup>
                  {others.length > 0 && (
                    <optgroup label={t('start.otherStrata')}>
                      {others.map((s) => (
                        <option key={s.value} value={s.value}>
                          {tr(s.label, lang)}
                        </option>
                      ))}
                    </optgroup>
                  )}
                </>
              ) : (
                strata.map((s) => (
                  <option key={s.value} value={s.value}>
                    {tr(s.label, lang)}
                  </option>
                ))
              )}
            </select>
          </div>
        )}
        <fieldset>
          <legend>{t('start.language')}</legend>
          <div className="options horizontal">
            {languages.map(({ code, label }) => (
              <label key={code} className={interviewLang === code ? 'option selected' : 'option'}>
                <input type="radio" name="lang" value={code} checked={interviewLang === code} onChange={() => setInterviewLang(code)} />
                <span lang={code}>{label}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <QuotaNotice check={quotaCheck} />
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <div className="pager">
          <button type="button" className="secondary" onClick={() => navigate(paths.home())}>
            ← {t('start.back')}
          </button>
          <button type="submit" className="primary" disabled={busy || quotaCheck?.verdict === 'block'}>
            {t('start.begin')}
          </button>
        </div>
      </form>
    </main>
  );
}
