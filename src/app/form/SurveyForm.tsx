/**
 * An open interview: one section per page, progress, next/back, a jump list of sections, saving
 * every change to the device. The form re-renders on page changes only; questions subscribe to
 * their own value, error and visibility.
 */
import { memo, startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { FormProvider, useForm, useFormState, type UseFormReturn } from 'react-hook-form';
import {
  alignStratumAnswer,
  answerItems,
  definitionLanguages,
  isInterfaceLanguage,
  textPicker,
  type Answers,
  type Definition,
  type Lang,
  type Question as Q,
  type Section,
  type Text,
  type TextLang,
} from '../../survey';
import { completeInterview, type InterviewRecord } from '../../store';
import { i18n, setLang, useT } from '../i18n';
import { AutoSave } from './autosave';
import { TextLangSwitch } from './TextLangSwitch';
import { registerBeforeReload } from '../pwa/before-reload';
import { FormEnvContext, useFormEnv, type FormEnv } from './env';
import { questionIdOfField } from './fields';
import { Question } from './Question';
import { definitionResolver } from './resolver';
import { FormRuntime } from './runtime';
import { TapQueue } from './taps';
import { SectionTimer } from './timer';

export interface SurveyFormProps {
  definition: Definition;
  record: InterviewRecord;
  onCompleted: (record: InterviewRecord) => void;
  /** Said above the questions (e.g. that an earlier answer was replaced when the draft opened). */
  notice?: ReactNode;
  /**
   * Called when the form closes (the interview is left or completed), with a promise that
   * resolves once its last change is stored (and rejects if it could not be).
   */
  onClose?: (saved: Promise<void>) => void;
  /** A coordinator trying a questionnaire: nothing is saved or completed (see Preview). */
  preview?: Preview | undefined;
}

/**
 * The form as a coordinator previews a draft questionnaire: the same form, but no change is saved
 * (the record given was never stored), the save status and the page's language switch are not
 * shown, the questionnaire's language is the preview's own, and finishing only checks the answers.
 */
export interface Preview {
  /** The questionnaire's language; the form's own texts follow it when it is Vietnamese or English. */
  lang: TextLang;
  /** The last page's button, which checks every answer (in place of completing). */
  finishLabel: string;
  /** Finishing found every answer valid. */
  onChecked: () => void;
}

/** Where a preview's changes go: nowhere. */
const NOTHING_SAVED = { save: () => Promise.resolve(), flush: () => Promise.resolve() };

export function SurveyForm({ definition, record, onCompleted, notice, onClose, preview }: SurveyFormProps) {
  const page = useT();
  // The questionnaire's texts are in the interview's language, any of the questionnaire's; the
  // form's own texts (buttons, messages) in the interface language, which follows the interview's
  // when that is Vietnamese or English and stays as it is for any other.
  const [chosenLang, setChosenLang] = useState<TextLang>(record.lang);
  const textLang = preview?.lang ?? chosenLang;
  const lang: Lang = preview && isInterfaceLanguage(preview.lang) ? preview.lang : page.lang;
  const t = useMemo(() => (lang !== page.lang ? (i18n.getFixedT(lang, 'translation') as typeof page.t) : page.t), [lang, page]);
  const text = useMemo(() => textPicker(definition, textLang), [definition, textLang]);
  const languages = definitionLanguages(definition);
  const resolver = useMemo(() => definitionResolver(definition), [definition]);
  // The answer that records the stratum is the stratum (the store keeps it so too).
  const [initial] = useState(() => alignStratumAnswer(definition, record.answers, record).answers);
  const form = useForm<Answers>({ defaultValues: initial, resolver, mode: 'onSubmit', shouldFocusError: false });
  const runtime = useMemo(() => new FormRuntime(definition, initial), [definition, initial]);
  const autosave = useMemo(() => new AutoSave(record.id, preview ? NOTHING_SAVED : undefined), [record.id, preview]);
  const timer = useMemo(() => new SectionTimer(record.sectionTimes), [record.sectionTimes]);
  const taps = useMemo(() => new TapQueue(), []);
  const sections = useSyncExternalStore(runtime.subscribe, runtime.visibleSections);
  const [sectionId, setSectionId] = useState(() =>
    sections.includes(record.currentSectionId) ? record.currentSectionId : (sections[0] ?? definition.sections[0]!.id),
  );
  const [finishing, setFinishing] = useState(false);
  /** Why completing failed (storage full, storage closed): said next to the button, the answers kept. */
  const [finishError, setFinishError] = useState<'full' | 'other'>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  // Every change: recompute visibility, drop answers that became hidden or are no longer offered, save.
  useEffect(() => {
    const subscription = form.watch((values, info) => {
      // A tap's answer arrives after the frame that showed it: its counts render with it.
      const hidden = runtime.update(values as Answers, info.name, taps.applying);
      for (const name of hidden) form.setValue(name, undefined);
      // An answer its choice filter no longer offers (a commune of the province no longer chosen)
      // is cleared, as ODK Collect does: read after the hidden answers are gone, which may be its filter's.
      const unoffered = runtime.readByChoiceFilter(info.name) ? runtime.unoffered(form.getValues(), info.name) : [];
      for (const [name, value] of unoffered) form.setValue(name, value);
      // Each setValue above comes back here and saves.
      if (hidden.length === 0 && unoffered.length === 0) autosave.save({ answers: runtime.kept, sectionTimes: timer.snapshot() }, taps.applying);
    });
    return () => {
      // A tap made just before the form closes is still saved (the save is flushed below).
      taps.flush();
      subscription.unsubscribe();
    };
  }, [form, runtime, autosave, timer, taps]);

  // A new section is shown from its top, its heading focused, in the first frame that shows it
  // (before the browser paints: a turn never shows the new section scrolled to where the old one was).
  useLayoutEffect(() => {
    if (firstRender.current) return;
    headingRef.current?.focus({ preventScroll: true });
    window.scrollTo?.({ top: 0, behavior: 'instant' });
  }, [sectionId]);

  // Time per section, paused while the page is hidden; flush to storage when the tab is hidden or closed.
  useEffect(() => {
    timer.enter(sectionId);
    if (firstRender.current) firstRender.current = false;
    else autosave.save({ currentSectionId: sectionId, sectionTimes: timer.snapshot() });
  }, [sectionId, timer, autosave]);

  useEffect(() => {
    const onHide = () => {
      taps.flush();
      if (document.visibilityState === 'hidden') {
        timer.pause();
        autosave.save({ sectionTimes: timer.snapshot() });
        void autosave.flush().catch(() => undefined);
      } else timer.resume();
    };
    const onPageHide = () => {
      taps.flush();
      void autosave.flush().catch(() => undefined);
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      const saved = autosave.flush();
      saved.catch(() => undefined);
      autosave.dispose();
      onCloseRef.current?.(saved);
    };
  }, [timer, autosave, taps]);

  // An app update reloads the page only after this resolves: every answer and the current
  // section are durably stored, so the interview reopens exactly where it was.
  useEffect(
    () =>
      preview ? undefined : registerBeforeReload(() => {
        taps.flush();
        autosave.save({ currentSectionId: sectionId, sectionTimes: timer.snapshot() });
        return autosave.flush();
      }),
    [autosave, timer, sectionId, taps, preview],
  );

  const env = useMemo<FormEnv>(() => ({ definition, lang, textLang, text, taps, t }), [definition, lang, textLang, text, taps, t]);
  // The questionnaire's texts are marked with their language when it is not the interface's.
  const textLangAttr = textLang !== lang ? textLang : undefined;
  // A preview sits inside the coordinators' page, under its own main landmark and heading.
  const [Main, Title, SectionHeading] = preview ? (['div', 'p', 'h3'] as const) : (['main', 'h1', 'h2'] as const);
  const index = sections.indexOf(sectionId);
  const section = definition.sections.find((s) => s.id === sectionId) ?? definition.sections[0]!;
  const isLast = index === sections.length - 1;

  /** Whether a page has been turned: the section the interview opens on is rendered whole at once. */
  const [turned, setTurned] = useState(false);
  const go = useCallback((id: string) => {
    setTurned(true);
    setSectionId(id);
  }, []);

  const next = async () => {
    const valid = await form.trigger(runtime.fieldNames(sectionId));
    if (!valid) return focusFirstError(form, runtime.fieldNames(sectionId));
    const target = sections[index + 1];
    if (target) go(target);
  };

  const finish = async () => {
    setFinishing(true);
    setFinishError(undefined);
    try {
      const names = runtime.fieldNames();
      const valid = await form.trigger(names);
      if (!valid) {
        const first = names.find((n) => form.getFieldState(n).error);
        const target = first && runtime.sectionOf(first);
        if (target && target !== sectionId) go(target);
        requestAnimationFrame(() => focusFirstError(form, names));
        return;
      }
      if (preview) return preview.onChecked();
      await autosave.flush();
      const done = await completeInterview(record.id, { answers: runtime.kept, sectionTimes: timer.snapshot(), lang: textLang });
      onCompleted(done);
    } catch (e) {
      // Nothing is lost: the draft stays as last saved, and pressing the button again retries.
      setFinishError(isStorageFull(e) ? 'full' : 'other');
    } finally {
      setFinishing(false);
    }
  };

  const changeLang = (l: TextLang) => {
    setChosenLang(l);
    if (isInterfaceLanguage(l)) void setLang(l);
    autosave.save({ lang: l });
  };

  return (
    <FormEnvContext.Provider value={env}>
      <FormProvider {...form}>
        <Main className="survey">
          <div className="survey-head">
            <Title className="survey-title" lang={textLangAttr}>
              {text(definition.title)}
            </Title>
            {!preview && (
              <div className="survey-tools">
                <SaveIndicator autosave={autosave} />
                <TextLangSwitch lang={textLang} languages={languages} onChange={changeLang} />
              </div>
            )}
          </div>
          {notice}
          <ProgressBar runtime={runtime} />
          <SectionNav runtime={runtime} current={sectionId} onGo={go} />
          <form
            className="section-page"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void (isLast ? finish() : next());
            }}
          >
            <p className="section-count">{t('form.sectionOf', { current: index + 1, total: sections.length })}</p>
            <SectionHeading tabIndex={-1} ref={headingRef} lang={textLangAttr}>
              {text(section.title)}
            </SectionHeading>
            {section.description && (
              <p className="section-description" lang={textLangAttr}>
                {text(section.description)}
              </p>
            )}
            <SectionQuestions key={section.id} section={section} runtime={runtime} progressive={turned} lang={textLangAttr} />
            <PageErrors names={runtime.fieldNames(sectionId)} />
            {finishError && (
              <p className="error" role="alert">
                {t(finishError === 'full' ? 'form.finishFailedFull' : 'form.finishFailed')}
              </p>
            )}
            <div className="pager">
              <button type="button" className="secondary" disabled={index <= 0} onClick={() => go(sections[index - 1]!)}>
                ← {t('form.back')}
              </button>
              {isLast ? (
                <button type="submit" className="primary" disabled={finishing}>
                  {preview ? preview.finishLabel : finishing ? t('form.finishing') : t('form.finish')}
                </button>
              ) : (
                <button type="submit" className="primary">
                  {t('form.next')} →
                </button>
              )}
            </div>
          </form>
        </Main>
      </FormProvider>
    </FormEnvContext.Provider>
  );
}

/** IndexedDB refused the write for lack of space (Dexie keeps the DOMException's name). */
function isStorageFull(e: unknown): boolean {
  for (let x = e, depth = 0; typeof x === 'object' && x !== null && depth < 4; x = (x as { inner?: unknown }).inner, depth++)
    if ((x as { name?: unknown }).name === 'QuotaExceededError') return true;
  return false;
}

/** Frames to wait at most for a question further down a section to be rendered (SectionQuestions). */
const FOCUS_WAIT_FRAMES = 120;

function focusFirstError(form: UseFormReturn<Answers>, names: string[], framesLeft = FOCUS_WAIT_FRAMES) {
  const first = names.find((n) => form.getFieldState(n).error);
  if (!first) return;
  // Question ids are letters, digits, "_" and "-" (checked by the schema): safe in a selector.
  const id = questionIdOfField(first);
  const inner = first.endsWith('__other') ? '.other-text input' : 'input, select, textarea';
  // The field inside its own question: a list of selectors after `[data-question]` would match anywhere.
  const el = document.querySelector(`[data-question="${id}"]`)?.querySelector<HTMLElement>(inner);
  // Right after a page turn the end of a long section may still be on its way (SectionQuestions).
  if (!el && framesLeft > 0) {
    requestAnimationFrame(() => focusFirstError(form, names, framesLeft - 1));
    return;
  }
  el?.focus();
  el?.scrollIntoView?.({ block: 'center' });
}

/**
 * How much of a section the first frame of a page turn renders, and each later step: in items, a
 * question counting one and a matrix one per row. The first frame holds about a tablet's screenful
 * (a phone shows less), so a turn paints the top of the new section at once; the rest follows in steps,
 * rendered as transitions that give way to a tap, long before the interviewer can scroll to it.
 */
const FIRST_FRAME_ITEMS = 6;
const STEP_ITEMS = 12;

/** How many of `questions`, from `from`, fit in `items` (at least one more). */
function fitting(definition: Definition, questions: readonly Q[], from: number, items: number): number {
  let n = from;
  let used = 0;
  while (n < questions.length && (n === from || used + answerItems(definition, questions[n]!) <= items)) used += answerItems(definition, questions[n++]!);
  return n;
}

interface SectionQuestionsProps {
  section: Section;
  runtime: FormRuntime;
  /** Its first screen first (a page turn), or all of it at once (the section the interview opens on). */
  progressive: boolean;
  /** The questions' language, when it is not the interface's. */
  lang: string | undefined;
}

/** One section's questions; keyed by the section, so a turn starts again from its first frame. */
const SectionQuestions = memo(function SectionQuestions({ section, runtime, progressive, lang }: SectionQuestionsProps) {
  const { definition } = runtime;
  const [shown, setShown] = useState(() => (progressive ? fitting(definition, section.questions, 0, FIRST_FRAME_ITEMS) : section.questions.length));
  useEffect(() => {
    if (shown >= section.questions.length) return;
    const step = () => startTransition(() => setShown(fitting(definition, section.questions, shown, STEP_ITEMS)));
    if (!progressive || shown > fitting(definition, section.questions, 0, FIRST_FRAME_ITEMS)) {
      step();
      return;
    }
    // The first step waits until the turn's first frame is painted: rendered before it, it would
    // hold that frame back (the browser renders when its tasks allow).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(step, 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [definition, section, shown, progressive]);
  return (
    // Busy (for assistive technology) until the whole section is there.
    <div className="questions" aria-busy={shown < section.questions.length || undefined} lang={lang}>
      {section.questions.slice(0, shown).map((q) => (
        <Question key={q.id} question={q} runtime={runtime} />
      ))}
    </div>
  );
});

function PageErrors({ names }: { names: string[] }) {
  const { t } = useFormEnv();
  const { errors } = useFormState({ name: names, exact: true });
  const count = names.filter((n) => errors[n]).length;
  return (
    <p className="page-errors" role="status" aria-live="polite">
      {count > 0 ? t('form.errorsOnPage', { count }) : ''}
    </p>
  );
}

function ProgressBar({ runtime }: { runtime: FormRuntime }) {
  const { t } = useFormEnv();
  const { answered, total } = useSyncExternalStore(runtime.subscribeProgress, runtime.progress);
  const label = t('form.progress', { answered, total });
  return (
    <div className="progress">
      <progress max={total || 1} value={answered} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}

/**
 * The jump list. Each entry subscribes to its own section's count, so an answer re-renders the
 * one entry whose count changed, not the whole list.
 */
function SectionNav({ runtime, current, onGo }: { runtime: FormRuntime; current: string; onGo: (id: string) => void }) {
  const { t, text, textLang, lang } = useFormEnv();
  const visible = useSyncExternalStore(runtime.subscribe, runtime.visibleSections);
  return (
    <nav className="section-nav" aria-label={t('form.sections')}>
      <ol>
        {runtime.definition.sections
          .filter((s) => visible.includes(s.id))
          .map((s) => (
            <SectionNavItem key={s.id} section={s} runtime={runtime} current={s.id === current} text={text} textLang={textLang !== lang ? textLang : undefined} onGo={onGo} />
          ))}
      </ol>
    </nav>
  );
}

interface SectionNavItemProps {
  section: Section;
  runtime: FormRuntime;
  current: boolean;
  /** The questionnaire's texts in the interview's language, and that language when it is not the interface's. */
  text: (text: Text) => string;
  textLang: string | undefined;
  onGo: (id: string) => void;
}

const SectionNavItem = memo(function SectionNavItem({ section: s, runtime, current, text, textLang, onGo }: SectionNavItemProps) {
  const { t } = useFormEnv();
  const p = useSyncExternalStore(runtime.subscribeProgress, () => runtime.sectionProgress(s.id));
  const done = p !== undefined && p.total > 0 && p.answered === p.total;
  return (
    <li>
      <button type="button" aria-current={current ? 'step' : undefined} className={done ? 'done' : undefined} onClick={() => onGo(s.id)}>
        <span lang={textLang}>{text(s.title)}</span>
        {p && <small>{t('form.answeredInSection', { answered: p.answered, total: p.total })}</small>}
      </button>
    </li>
  );
});

function SaveIndicator({ autosave }: { autosave: AutoSave }) {
  const { t } = useT();
  const status = useSyncExternalStore(autosave.subscribe, autosave.getStatus);
  return (
    <span className={`save-status ${status}`} role="status" aria-live="polite">
      {status === 'saved' ? t('form.saved') : status === 'saving' ? t('form.saving') : t('form.saveFailed')}
    </span>
  );
}
