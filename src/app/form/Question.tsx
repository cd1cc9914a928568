/**
 * One question: its container (with data-question), label, hint and error, and the input for its
 * type. Shown only while its condition holds; re-renders only when its own value, error or
 * visibility changes.
 */
import { memo, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { useFormContext, useFormState } from 'react-hook-form';
import { otherKey, type Answers, type Question as Q } from '../../survey';
import { RenderProbeContext, useFormEnv } from './env';
import { errorMessage } from './fields';
import type { FormRuntime } from './runtime';
import { ChoiceInput } from './inputs/ChoiceInput';
import { FilteredChoice } from './inputs/FilteredChoice';
import { MatrixInput } from './inputs/MatrixInput';
import { DateInput, NumberInput, TextInput } from './inputs/TextInputs';
import { StratumAnswer } from './inputs/StratumAnswer';

export const Question = memo(function Question({ question, runtime }: { question: Q; runtime: FormRuntime }) {
  const visible = useSyncExternalStore(runtime.subscribe, () => runtime.isQuestionVisible(question.id));
  if (!visible) return null;
  return <VisibleQuestion question={question} />;
});

function VisibleQuestion({ question: q }: { question: Q }) {
  useContext(RenderProbeContext)?.(q.id);
  const { lang, textLang, text, t } = useFormEnv();
  const { control } = useFormContext<Answers>();
  const names = [q.id, otherKey(q.id)];
  const { errors } = useFormState({ control, name: names, exact: true });
  const found = errorMessage(errors, q.id, textLang, lang);
  const error = found?.text;
  const labelId = `${q.id}-label`;
  const hintId = q.hint ? `${q.id}-hint` : undefined;
  const errorId = error ? `${q.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;

  if (q.type === 'note') {
    return (
      <div className="question note" data-question={q.id}>
        <p id={labelId}>{text(q.label)}</p>
        {q.hint && <p className="hint">{text(q.hint)}</p>}
      </div>
    );
  }

  // Answered by the stratum chosen when the interview started: shown, not asked again.
  if (q.type === 'single' && q.fromStratum) return <StratumAnswer question={q} labelId={labelId} error={found} />;

  const label = (
    <>
      {text(q.label)}
      {q.required && (
        <>
          <span className="required" aria-hidden="true">
            {' '}*
          </span>
          <span className="sr-only" lang={lang}>
            {' '}
            ({t('form.required')})
          </span>
        </>
      )}
    </>
  );
  const extra: ReactNode = (
    <>
      {q.hint && (
        <p className="hint" id={hintId}>
          {text(q.hint)}
        </p>
      )}
      {error && (
        <p className="error" id={errorId} lang={found?.lang}>
          {error}
        </p>
      )}
    </>
  );
  const common = { question: q, describedBy, invalid: Boolean(error) };
  // Only a question with a choice filter subscribes to other answers (those the filter reads).
  const Choice = (q.type === 'single' || q.type === 'multiple') && q.choiceFilter ? FilteredChoice : ChoiceInput;

  const grouped = q.type === 'single' ? q.layout !== 'dropdown' : q.type === 'multiple' || q.type === 'matrix';
  if (grouped) {
    return (
      <fieldset className={`question q-${q.type}${error ? ' invalid' : ''}`} data-question={q.id} aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
        <legend id={labelId}>{label}</legend>
        {extra}
        {q.type === 'matrix' ? <MatrixInput {...common} question={q} /> : <Choice {...common} question={q as Extract<Q, { type: 'single' | 'multiple' }>} />}
      </fieldset>
    );
  }
  return (
    <div className={`question q-${q.type}${error ? ' invalid' : ''}`} data-question={q.id}>
      <label id={labelId} htmlFor={`${q.id}-input`} className="question-label">
        {label}
      </label>
      {extra}
      {q.type === 'single' && <Choice {...common} question={q} />}
      {(q.type === 'integer' || q.type === 'decimal') && <NumberInput {...common} question={q} />}
      {(q.type === 'text' || q.type === 'longtext') && <TextInput {...common} question={q} />}
      {q.type === 'date' && <DateInput {...common} question={q} />}
    </div>
  );
}
