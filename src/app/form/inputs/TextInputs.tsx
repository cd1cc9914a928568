/** Numbers, short and long text, dates: uncontrolled inputs, so typing re-renders nothing. */
import { useFormContext } from 'react-hook-form';
import { type Answers, type DateQuestion, type DecimalQuestion, type IntegerQuestion, type LongTextQuestion, type TextQuestion } from '../../../survey';
import { useFormEnv } from '../env';
import { parseNumber } from '../fields';
import type { InputProps } from './props';
import { useRevalidate } from './useRevalidate';

interface AriaSource {
  question: { id: string; required?: boolean | undefined };
  describedBy: string | undefined;
  invalid: boolean;
}

function ariaOf(props: AriaSource) {
  return {
    id: `${props.question.id}-input`,
    'aria-describedby': props.describedBy,
    'aria-invalid': props.invalid || undefined,
    'aria-required': props.question.required || undefined,
  };
}

export function NumberInput(props: InputProps<IntegerQuestion | DecimalQuestion>) {
  const { register } = useFormContext<Answers>();
  const { text } = useFormEnv();
  const q = props.question;
  const revalidate = useRevalidate(q.id);
  return (
    <div className="number-input">
      <input
        type="text"
        inputMode={q.type === 'integer' ? 'numeric' : 'decimal'}
        autoComplete="off"
        {...ariaOf(props)}
        {...register(q.id, { setValueAs: parseNumber, onChange: revalidate })}
      />
      {q.unit && <span className="unit">{text(q.unit)}</span>}
    </div>
  );
}

export function TextInput(props: InputProps<TextQuestion | LongTextQuestion>) {
  const { register } = useFormContext<Answers>();
  const q = props.question;
  const revalidate = useRevalidate(q.id);
  const field = register(q.id, { onChange: revalidate });
  return q.type === 'longtext' ? (
    <textarea rows={4} maxLength={q.maxLength} {...ariaOf(props)} {...field} />
  ) : (
    <input type="text" autoComplete="off" maxLength={q.maxLength} {...ariaOf(props)} {...field} />
  );
}

export function DateInput(props: InputProps<DateQuestion>) {
  const { register } = useFormContext<Answers>();
  const q = props.question;
  const revalidate = useRevalidate(q.id);
  const today = new Date().toISOString().slice(0, 10);
  const bound = (b: string | undefined) => (b === 'today' ? today : b);
  return <input type="date" min={bound(q.min)} max={bound(q.max)} {...ariaOf(props)} {...register(q.id, { onChange: revalidate })} />;
}
