/** Opens an interview from the device: the draft and the exact definition version it was started with. */
import { useEffect, useState } from 'react';
import { discardIfUnanswered, type AlignedDraft, type InterviewRecord } from '../../store';
import { isInterfaceLanguage, optionsOf, questionIndex, textPicker, type Definition } from '../../survey';
import { SurveyForm } from '../form/SurveyForm';
import { setLang, useT } from '../i18n';
import { navigate, paths } from '../router';
import { takeInterview } from './interview-loader';

type Loaded =
  | { state: 'loading' }
  | { state: 'ready'; record: InterviewRecord; definition: Definition; replaced: AlignedDraft['replaced'] }
  | { state: 'problem'; message: string };

/**
 * How many times each interview is open in this page: React's development mode opens, closes and
 * reopens a component at once, and that close is no reason to discard anything.
 */
const open = new Map<string, number>();

/**
 * The enumerator left the interview (its form closed): once its last change is stored, a draft
 * in which nothing was answered is not kept, so tapping Start and going back leaves no empty
 * draft behind. If that last change could not be stored, or the interview is open again, nothing
 * is discarded.
 */
function leave(id: string, saved: Promise<void>): void {
  void saved.then(
    () => (open.get(id) ?? 0) === 0 && discardIfUnanswered(id),
    () => undefined,
  ).catch(() => undefined);
}

export function InterviewPage({ id, onCompleted }: { id: string; onCompleted: (record: InterviewRecord) => void }) {
  const { t } = useT();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });

  useEffect(() => {
    open.set(id, (open.get(id) ?? 0) + 1);
    return () => {
      const left = (open.get(id) ?? 1) - 1;
      if (left > 0) open.set(id, left);
      else open.delete(id);
    };
  }, [id]);

  useEffect(() => {
    let live = true;
    void (async () => {
      const { record, definition, replaced } = await takeInterview(id);
      if (!record) return { state: 'problem', message: t('form.draftMissing') } as const;
      if (record.status !== 'draft') return { state: 'problem', message: t('form.frozen') } as const;
      if (!definition)
        return { state: 'problem', message: t('form.definitionMissing', { survey: record.surveyId, version: record.surveyVersion }) } as const;
      // The interface follows the interview's language when it is Vietnamese or English.
      if (isInterfaceLanguage(record.lang)) void setLang(record.lang);
      return { state: 'ready', record, definition, replaced } as const;
    })().then(
      (result) => live && setLoaded(result),
      (e: Error) => live && setLoaded({ state: 'problem', message: t('app.error', { message: e.message }) }),
    );
    return () => {
      live = false;
    };
    // Loaded once per interview: the form owns the answers from then on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  if (loaded.state === 'loading') return <p className="muted">{t('app.loading')}</p>;
  if (loaded.state === 'problem')
    return (
      <main>
        <p className="error" role="alert">
          {loaded.message}
        </p>
        <button type="button" className="secondary" onClick={() => navigate(paths.home())}>
          {t('app.home')}
        </button>
      </main>
    );
  const { record, definition, replaced } = loaded;
  return (
    <SurveyForm
      key={id}
      definition={definition}
      record={record}
      onCompleted={onCompleted}
      notice={replaced && <StratumReplaced definition={definition} record={record} replaced={replaced} />}
      onClose={(saved) => leave(id, saved)}
    />
  );
}

/** Tells the enumerator that the draft's earlier answer was replaced by the interview's stratum. */
function StratumReplaced({ definition, record, replaced }: { definition: Definition; record: InterviewRecord; replaced: NonNullable<AlignedDraft['replaced']> }) {
  const { t } = useT();
  // The questionnaire's texts as the form shows them: in the interview's language.
  const text = textPicker(definition, record.lang);
  const question = questionIndex(definition).get(replaced.questionId)?.question;
  const options = question ? optionsOf(definition, question) : [];
  const label = (value: unknown) => {
    const option = options.find((o) => o.value === value);
    return option ? text(option.label) : String(value);
  };
  return (
    <p className="notice" role="status">
      {t('form.stratumReplaced', {
        question: question ? text(question.label) : replaced.questionId,
        previous: label(replaced.previous),
        stratum: label(record.stratum),
      })}
    </p>
  );
}
