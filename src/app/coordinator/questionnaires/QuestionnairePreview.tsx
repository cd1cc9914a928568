/**
 * A draft's preview, as tablets will show it: the same question components, skip logic and
 * checks (src/app/form: Question, FormRuntime, definitionResolver), one section per page, a
 * required answer or a constraint blocking "Next" with the tablet's message. The coordinator
 * chooses the respondent group (and the area / unit when a question records it) and the
 * questionnaire's language, independently of the page's.
 *
 * Nothing is kept: the answers live in this component's form state only. Not SurveyForm itself,
 * which saves every change to the device's IndexedDB (its AutoSave writes the draft record it is
 * given) and completes into the outbox, with no way to pass it other handlers; this module imports
 * nothing of the store.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { FormProvider, useForm, useFormState, type UseFormReturn } from 'react-hook-form';
import { fillStratumAnswer, stratumQuestion, tr, type Answers, type Definition, type Lang, type Section } from '../../../survey';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- in the coordinators' preview chunk, loaded on demand: the coordinators' chunk carries zod already (the contract's schemas)
import { checkDefinitionData } from '../../../survey/load';
import { FormEnvContext, type FormEnv } from '../../form/env';
import { questionIdOfField } from '../../form/fields';
import { Question } from '../../form/Question';
import { definitionResolver } from '../../form/resolver';
import { FormRuntime } from '../../form/runtime';
import { TapQueue } from '../../form/taps';
import { i18n, loadEnglish } from '../../i18n';
import { useCoordinatorApi, type QuestionnaireDraftSummary } from '../api';
import { describeFailure } from '../failure';
import { useCT } from '../i18n';
import { isSessionRefusal, useSessionLost } from '../session';

type Loaded = { state: 'loading' } | { state: 'ready'; definition: Definition } | { state: 'problem'; message: string };

export default function QuestionnairePreview({ draft, onClose }: { draft: QuestionnaireDraftSummary; onClose: () => void }) {
  const { t, lang } = useCT();
  const api = useCoordinatorApi();
  const lost = useSessionLost();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  useEffect(() => {
    let live = true;
    api.questionnaireDraft(draft.draftId).then(
      (detail) => {
        if (!live) return;
        // The server checked it when it was uploaded; the engine checks it again before the form relies on it.
        const checked = checkDefinitionData(detail.definition, draft.fileName);
        setLoaded(
          checked.ok
            ? { state: 'ready', definition: checked.definition }
            : { state: 'problem', message: t('questionnaires.preview.invalid', { problem: checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ') }) },
        );
      },
      (e: unknown) => {
        if (!live) return;
        if (isSessionRefusal(e)) return lost();
        setLoaded({ state: 'problem', message: t('questionnaires.preview.failed', { message: describeFailure(e, t) }) });
      },
    );
    return () => {
      live = false;
    };
    // Loaded once per draft (the component is keyed by it); the texts of a problem are made in the language of the moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, draft.draftId]);

  // Opening the preview brings it into view, its heading focused (keyboard and screen reader users land on it).
  useEffect(() => {
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView?.({ block: 'start' });
  }, []);

  return (
    <section aria-labelledby={headingId} className="coord-section questionnaire-preview">
      <div className="preview-head">
        <h2 id={headingId} tabIndex={-1} ref={headingRef}>
          {t('questionnaires.preview.heading', { title: tr(draft.title, lang), version: draft.version })}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('questionnaires.preview.close')}
        </button>
      </div>
      <div className="preview-banner" role="note">
        <strong>{t('questionnaires.preview.banner')}</strong>
        <span>{t('questionnaires.preview.bannerDetail')}</span>
      </div>
      {loaded.state === 'loading' && <p className="muted">{t('questionnaires.preview.loading')}</p>}
      {loaded.state === 'problem' && (
        <p className="error" role="alert">
          {loaded.message}
        </p>
      )}
      {loaded.state === 'ready' && <PreviewSetup definition={loaded.definition} />}
    </section>
  );
}

/** The respondent group, area / unit and language to preview with; changing the group or the area starts again. */
function PreviewSetup({ definition }: { definition: Definition }) {
  const { t, lang: pageLang } = useCT();
  const groups = definition.respondentGroups;
  const [group, setGroup] = useState(groups[0]?.id ?? '');
  const [formLang, setFormLang] = useState<Lang>(pageLang);
  const [run, setRun] = useState(0);
  const ids = { stratum: useId(), language: useId() };

  // An area / unit matters only where a question records it (filled from it, shown read-only).
  const groupDef = groups.find((g) => g.id === group);
  const strata = groupDef?.stratumList !== undefined && stratumQuestion(definition, group) ? (definition.lists?.[groupDef.stratumList] ?? []) : [];
  const [chosenStratum, setStratum] = useState('');
  const stratum = strata.some((s) => s.value === chosenStratum) ? chosenStratum : strata[0]?.value;

  const chooseLang = (l: Lang) => {
    // The tablet's interface texts in English are a chunk of their own, loaded the first time.
    if (l === 'en') void loadEnglish().then(() => setFormLang('en'), () => undefined);
    else setFormLang(l);
  };

  return (
    <>
      <div className="preview-setup">
        {groups.length > 1 && (
          <fieldset>
            <legend>{t('questionnaires.preview.group')}</legend>
            <div className="options">
              {groups.map((g) => (
                <label key={g.id} className={group === g.id ? 'option selected' : 'option'}>
                  <input type="radio" name="preview-group" value={g.id} checked={group === g.id} onChange={() => (setGroup(g.id), setStratum(''))} />
                  <span>{tr(g.label, pageLang)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {strata.length > 0 && (
          <div className="preview-stratum">
            <label htmlFor={ids.stratum}>{t('questionnaires.preview.stratum')}</label>
            <select id={ids.stratum} value={stratum} onChange={(e) => setStratum(e.target.value)}>
              {strata.map((s) => (
                <option key={s.value} value={s.value}>
                  {tr(s.label, pageLang)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="preview-tools">
          <span id={ids.language}>{t('questionnaires.preview.language')}</span>
          <div className="lang-switch" role="group" aria-labelledby={ids.language}>
            {(['vi', 'en'] as const).map((l) => (
              <button key={l} type="button" aria-pressed={formLang === l} onClick={() => chooseLang(l)} lang={l}>
                {l === 'vi' ? 'Tiếng Việt' : 'English'}
              </button>
            ))}
          </div>
          <button type="button" className="secondary" onClick={() => setRun((n) => n + 1)}>
            {t('questionnaires.preview.restart')}
          </button>
        </div>
      </div>
      <PreviewForm key={`${group}\n${stratum ?? ''}\n${run}`} definition={definition} lang={formLang} respondentGroup={group} stratum={stratum} />
    </>
  );
}

interface PreviewFormProps {
  definition: Definition;
  lang: Lang;
  respondentGroup: string;
  stratum: string | undefined;
}

/**
 * One section per page with the tablet's components, progress and jump list, as SurveyForm lays
 * them out; every change goes through the same runtime (visibility, hidden and no longer offered
 * answers cleared) and nowhere else.
 */
function PreviewForm({ definition, lang, respondentGroup, stratum }: PreviewFormProps) {
  const t = useMemo(() => i18n.getFixedT(lang, 'translation'), [lang]);
  const ct = useMemo(() => i18n.getFixedT(lang, 'coordinator'), [lang]);
  const resolver = useMemo(() => definitionResolver(definition), [definition]);
  const [initial] = useState(() => fillStratumAnswer(definition, {}, { respondentGroup, stratum }));
  const form = useForm<Answers>({ defaultValues: initial, resolver, mode: 'onSubmit', shouldFocusError: false });
  const runtime = useMemo(() => new FormRuntime(definition, initial), [definition, initial]);
  const taps = useMemo(() => new TapQueue(), []);
  const sections = useSyncExternalStore(runtime.subscribe, runtime.visibleSections);
  const [sectionId, setSectionId] = useState(() => sections[0] ?? definition.sections[0]!.id);
  const [finished, setFinished] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // Every change: recompute visibility, clear answers that became hidden or are no longer offered (as SurveyForm does), keep nothing else.
  useEffect(() => {
    const subscription = form.watch((values, info) => {
      const hidden = runtime.update(values as Answers, info.name, taps.applying);
      for (const name of hidden) form.setValue(name, undefined);
      const unoffered = runtime.readByChoiceFilter(info.name) ? runtime.unoffered(form.getValues(), info.name) : [];
      for (const [name, value] of unoffered) form.setValue(name, value);
      setFinished(false);
    });
    return () => {
      taps.flush();
      subscription.unsubscribe();
    };
  }, [form, runtime, taps]);

  useLayoutEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus({ preventScroll: true });
    headingRef.current?.scrollIntoView?.({ block: 'start' });
  }, [sectionId]);

  const env = useMemo<FormEnv>(() => ({ definition, lang, taps, t }), [definition, lang, taps, t]);
  const index = sections.indexOf(sectionId);
  const section = definition.sections.find((s) => s.id === sectionId) ?? definition.sections[0]!;
  const isLast = index === sections.length - 1;
  const go = (id: string) => {
    setFinished(false);
    setSectionId(id);
  };

  const next = async () => {
    const names = runtime.fieldNames(sectionId);
    if (!(await form.trigger(names))) return focusFirstError(form, names);
    const target = sections[index + 1];
    if (target) go(target);
  };

  const finish = async () => {
    const names = runtime.fieldNames();
    if (await form.trigger(names)) return setFinished(true);
    const first = names.find((n) => form.getFieldState(n).error);
    const target = first && runtime.sectionOf(first);
    if (target && target !== sectionId) go(target);
    requestAnimationFrame(() => focusFirstError(form, names));
  };

  return (
    <FormEnvContext.Provider value={env}>
      <FormProvider {...form}>
        <div className="survey preview-survey" lang={lang}>
          <p className="survey-title">{tr(definition.title, lang)}</p>
          <ProgressBar runtime={runtime} t={t} />
          <SectionNav runtime={runtime} current={sectionId} lang={lang} t={t} onGo={go} />
          <form
            className="section-page"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void (isLast ? finish() : next());
            }}
          >
            <p className="section-count">{t('form.sectionOf', { current: index + 1, total: sections.length })}</p>
            <h3 tabIndex={-1} ref={headingRef}>
              {tr(section.title, lang)}
            </h3>
            {section.description && <p className="section-description">{tr(section.description, lang)}</p>}
            <SectionQuestions key={section.id} section={section} runtime={runtime} />
            <PageErrors names={runtime.fieldNames(sectionId)} t={t} />
            <div aria-live="polite">{finished && <p className="notice">{ct('questionnaires.preview.finished')}</p>}</div>
            <div className="pager">
              <button type="button" className="secondary" disabled={index <= 0} onClick={() => go(sections[index - 1]!)}>
                ← {t('form.back')}
              </button>
              {isLast ? (
                <button type="submit" className="primary">
                  {ct('questionnaires.preview.finish')}
                </button>
              ) : (
                <button type="submit" className="primary">
                  {t('form.next')} →
                </button>
              )}
            </div>
          </form>
        </div>
      </FormProvider>
    </FormEnvContext.Provider>
  );
}

type FormT = FormEnv['t'];

function SectionQuestions({ section, runtime }: { section: Section; runtime: FormRuntime }) {
  return (
    <div className="questions">
      {section.questions.map((q) => (
        <Question key={q.id} question={q} runtime={runtime} />
      ))}
    </div>
  );
}

/** As SurveyForm does: the first field of the page with an error gets the focus. */
function focusFirstError(form: UseFormReturn<Answers>, names: string[]) {
  const first = names.find((n) => form.getFieldState(n).error);
  if (!first) return;
  // Question ids are letters, digits, "_" and "-" (checked by the schema): safe in a selector. The
  // field is looked for inside its question only (a list of selectors after it would match anywhere).
  const question = document.querySelector(`.preview-survey [data-question="${questionIdOfField(first)}"]`);
  const el = question?.querySelector<HTMLElement>(first.endsWith('__other') ? '.other-text input' : 'input, select, textarea');
  el?.focus();
  el?.scrollIntoView?.({ block: 'center' });
}

function PageErrors({ names, t }: { names: string[]; t: FormT }) {
  const { errors } = useFormState({ name: names, exact: true });
  const count = names.filter((n) => errors[n]).length;
  return (
    <p className="page-errors" role="status" aria-live="polite">
      {count > 0 ? t('form.errorsOnPage', { count }) : ''}
    </p>
  );
}

function ProgressBar({ runtime, t }: { runtime: FormRuntime; t: FormT }) {
  const { answered, total } = useSyncExternalStore(runtime.subscribeProgress, runtime.progress);
  const label = t('form.progress', { answered, total });
  return (
    <div className="progress">
      <progress max={total || 1} value={answered} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}

function SectionNav({ runtime, current, lang, t, onGo }: { runtime: FormRuntime; current: string; lang: Lang; t: FormT; onGo: (id: string) => void }) {
  const visible = useSyncExternalStore(runtime.subscribe, runtime.visibleSections);
  return (
    <nav className="section-nav" aria-label={t('form.sections')}>
      <ol>
        {runtime.definition.sections
          .filter((s) => visible.includes(s.id))
          .map((s) => (
            <SectionNavItem key={s.id} section={s} runtime={runtime} current={s.id === current} lang={lang} t={t} onGo={onGo} />
          ))}
      </ol>
    </nav>
  );
}

function SectionNavItem({ section: s, runtime, current, lang, t, onGo }: { section: Section; runtime: FormRuntime; current: boolean; lang: Lang; t: FormT; onGo: (id: string) => void }) {
  const p = useSyncExternalStore(runtime.subscribeProgress, () => runtime.sectionProgress(s.id));
  const done = p !== undefined && p.total > 0 && p.answered === p.total;
  return (
    <li>
      <button type="button" aria-current={current ? 'step' : undefined} className={done ? 'done' : undefined} onClick={() => onGo(s.id)}>
        <span>{tr(s.title, lang)}</span>
        {p && <small>{t('form.answeredInSection', { answered: p.answered, total: p.total })}</small>}
      </button>
    </li>
  );
}
