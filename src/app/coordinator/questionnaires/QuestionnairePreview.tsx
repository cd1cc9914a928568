/**
 * A draft's preview, as tablets will show it: the tablets' form (SurveyForm, in its preview
 * mode), one section per page, a required answer or a constraint blocking "Next" with the
 * tablet's message. The coordinator chooses the respondent group (and the area / unit when a
 * question records it) and the questionnaire's language (Vietnamese, English or another its texts
 * carry, such as Khmer), independently of the page's.
 *
 * Nothing is kept: the form's record is made here and never stored, and the preview mode saves no
 * change and completes nothing.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { RECORD_FORMAT_VERSION, type InterviewRecord } from '../../../store';
import { bindStrataRows, definitionLanguages, fillStratumAnswer, isInterfaceLanguage, languageLabel, localDate, stratumQuestion, tr, withDefaults, type Definition, type Lang, type TextLang } from '../../../survey';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- in the coordinators' preview chunk, loaded on demand: the coordinators' chunk carries zod already (the contract's schemas)
import { checkDefinitionData } from '../../../survey/load';
import { SurveyForm } from '../../form/SurveyForm';
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
            : { state: 'problem', message: t('questionnaires.preview.invalid', { problem: checked.errors.map((e) => `${e.path}: ${lang === 'vi' ? (e.messageVi ?? e.message) : e.message}`).join('; ') }) },
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
  const [formLang, setFormLang] = useState<TextLang>(pageLang);
  const [run, setRun] = useState(0);
  const ids = { stratum: useId(), language: useId() };

  // An area / unit matters only where a question records it (filled from it, shown read-only).
  const groupDef = groups.find((g) => g.id === group);
  const strata = groupDef?.stratumList !== undefined && stratumQuestion(definition, group) ? (definition.lists?.[groupDef.stratumList] ?? []) : [];
  const [chosenStratum, setStratum] = useState('');
  const stratum = strata.some((s) => s.value === chosenStratum) ? chosenStratum : strata[0]?.value;

  const chooseLang = (l: TextLang) => {
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
            {definitionLanguages(definition).map((l) => (
              <button key={l} type="button" aria-pressed={formLang === l} onClick={() => chooseLang(l)} lang={l}>
                {languageLabel(l)}
              </button>
            ))}
          </div>
          <button type="button" className="secondary" onClick={() => setRun((n) => n + 1)}>
            {t('questionnaires.preview.restart')}
          </button>
        </div>
      </div>
      <PreviewForm key={`${group}\n${stratum ?? ''}\n${run}`} definition={definition} lang={formLang} pageLang={pageLang} respondentGroup={group} stratum={stratum} />
    </>
  );
}

interface PreviewFormProps {
  definition: Definition;
  /** The questionnaire's language. */
  lang: TextLang;
  /** The coordinators' page language: the form's own texts' when the questionnaire's is neither Vietnamese nor English. */
  pageLang: Lang;
  respondentGroup: string;
  stratum: string | undefined;
}

/**
 * The tablets' form itself (SurveyForm) in its preview mode: the same components, skip logic,
 * checks and page turns; its record is made here and never stored, and no change is saved.
 */
function PreviewForm({ definition, lang, pageLang, respondentGroup, stratum }: PreviewFormProps) {
  // In the questionnaire's language when it is Vietnamese or English, as the form around them.
  const uiLang = isInterfaceLanguage(lang) ? lang : pageLang;
  const t = useMemo(() => i18n.getFixedT(uiLang, 'coordinator'), [uiLang]);
  const [finished, setFinished] = useState(false);
  const [record] = useState<InterviewRecord>(() => {
    const now = new Date().toISOString();
    return {
      id: 'preview',
      surveyId: definition.id,
      surveyVersion: definition.version,
      respondentGroup,
      ...(stratum !== undefined ? { stratum } : {}),
      status: 'draft',
      lang,
      answers: fillStratumAnswer(definition, withDefaults(definition, {}, localDate(new Date())), { respondentGroup, stratum }),
      currentSectionId: definition.sections[0]!.id,
      sectionTimes: {},
      progress: { answered: 0, total: 0 },
      startedAt: now,
      updatedAt: now,
      formatVersion: RECORD_FORMAT_VERSION,
    };
  });
  const label = t('questionnaires.preview.finish');
  const preview = useMemo(() => ({ lang, finishLabel: label, onChecked: () => setFinished(true) }), [lang, label]);
  // No campaign in a preview: a matrix of the campaign's strata rates the group's stratum list.
  const shown = useMemo(() => bindStrataRows(definition, respondentGroup, undefined), [definition, respondentGroup]);
  return (
    <div className="preview-survey" lang={uiLang}>
      <SurveyForm definition={shown} record={record} onCompleted={() => setFinished(true)} preview={preview} />
      <div aria-live="polite">{finished && <p className="notice">{t('questionnaires.preview.finished')}</p>}</div>
    </div>
  );
}
