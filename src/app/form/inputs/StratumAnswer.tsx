/**
 * The answer that records the interview's stratum (a `fromStratum` question): chosen on the start
 * page (or set by the respondent's link) and shown here read-only, so it can never say another
 * area or unit than the one the interview counts for.
 */
import { useController, useFormContext } from 'react-hook-form';
import { optionsOf, type Answers, type SingleQuestion } from '../../../survey';
import { useFormEnv } from '../env';

export function StratumAnswer({ question: q, labelId, error }: { question: SingleQuestion; labelId: string; error: { text: string; lang: string } | undefined }) {
  const { definition, text, t } = useFormEnv();
  const { control } = useFormContext<Answers>();
  const { field } = useController({ name: q.id, control });
  const value = typeof field.value === 'string' ? field.value : undefined;
  const option = optionsOf(definition, q).find((o) => o.value === value);
  const noteId = `${q.id}-from-stratum`;
  const errorId = error ? `${q.id}-error` : undefined;
  return (
    <div
      className={`question q-single from-stratum${error ? ' invalid' : ''}`}
      data-question={q.id}
      role="group"
      aria-labelledby={labelId}
      aria-describedby={[noteId, errorId].filter(Boolean).join(' ')}
    >
      <p id={labelId} className="question-label">
        {text(q.label)}
      </p>
      <p className="stratum-answer" data-value={value}>
        <strong>{option ? text(option.label) : (value ?? '—')}</strong>
      </p>
      <p className="hint" id={noteId}>
        {t('form.fromStratum')}
      </p>
      {error && (
        <p className="error" id={errorId} lang={error.lang}>
          {error.text}
        </p>
      )}
    </div>
  );
}
