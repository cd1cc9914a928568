/** The “please specify” text under an option marked other. */
import { useFormContext, useFormState } from 'react-hook-form';
import { otherKey, type Answers } from '../../../survey';
import { useFormEnv } from '../env';
import { errorMessage } from '../fields';
import { useRevalidate } from './useRevalidate';

export function OtherText({ questionId }: { questionId: string }) {
  const name = otherKey(questionId);
  const { register, control } = useFormContext<Answers>();
  const { errors } = useFormState({ control, name, exact: true });
  const { lang, textLang, t } = useFormEnv();
  const revalidate = useRevalidate(name);
  const found = errorMessage(errors, name, textLang, lang);
  const error = found?.text;
  const id = `${name}-input`;
  return (
    <div className="other-text">
      <label htmlFor={id}>{t('form.specify')}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
        {...register(name, { onChange: revalidate })}
      />
      {error && (
        <p className="error" id={`${name}-error`} lang={found?.lang}>
          {error}
        </p>
      )}
    </div>
  );
}
