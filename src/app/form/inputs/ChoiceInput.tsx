/**
 * Single and multiple choice: radios, a dropdown, or checkboxes; “other, please specify”; exclusive
 * options. Radios are uncontrolled and hand their answer to the form after the tap is painted
 * (see taps.ts); an answer changed by the form itself (cleared, restored) is put on them here.
 */
import { useRef } from 'react';
import { useController, useFormContext } from 'react-hook-form';
import { optionsOf, type Answers, type MultipleQuestion, type Option, type SingleQuestion } from '../../../survey';
import { useFormEnv } from '../env';
import type { InputProps } from './props';
import { useRevalidate } from './useRevalidate';
import { OtherText } from './OtherText';
import { useCheckedRadio, useNativeRadios } from './native-radios';

export interface ChoiceInputProps extends InputProps<SingleQuestion | MultipleQuestion> {
  /** The options offered now, when a choice filter narrows them (FilteredChoice); default: all. */
  options?: readonly Option[] | undefined;
}

export function ChoiceInput({ question: q, describedBy, invalid, options: offered }: ChoiceInputProps) {
  const { definition, text, taps, t } = useFormEnv();
  const { control } = useFormContext<Answers>();
  const { field } = useController({ name: q.id, control });
  const revalidate = useRevalidate(q.id);
  const options = offered ?? optionsOf(definition, q);

  const selected: string[] = Array.isArray(field.value)
    ? (field.value as string[])
    : typeof field.value === 'string' && field.value !== ''
      ? [field.value]
      : [];
  const otherOption = options.find((o) => o.other && selected.includes(o.value));
  const radios = q.type === 'single' && q.layout !== 'dropdown';
  const groupRef = useRef<HTMLDivElement>(null);
  const chosen = radios ? (selected[0] ?? null) : null;
  useCheckedRadio(groupRef, chosen, radios);

  const set = (value: Answers[string]) => {
    field.onChange(value);
    revalidate();
  };
  useNativeRadios(groupRef, (radio) => taps.defer(() => set(radio.value)));

  if (q.type === 'single' && q.layout === 'dropdown') {
    return (
      <>
        <select
          id={`${q.id}-input`}
          ref={field.ref}
          name={q.id}
          value={selected[0] ?? ''}
          onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
          onBlur={field.onBlur}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          aria-required={q.required || undefined}
        >
          <option value="">{t('form.choose')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {text(o.label)}
            </option>
          ))}
        </select>
        {otherOption && <OtherText questionId={q.id} />}
      </>
    );
  }

  const toggle = (o: Option, checked: boolean) => {
    let next = checked ? [...selected, o.value] : selected.filter((v) => v !== o.value);
    if (checked && o.exclusive) next = [o.value];
    else if (checked) next = next.filter((v) => !options.find((x) => x.value === v)?.exclusive);
    set(next.length > 0 ? next : undefined);
  };

  const layout = q.type === 'single' && q.layout === 'horizontal' ? 'options horizontal' : 'options';
  return (
    <>
      {q.type === 'multiple' && q.maxSelected !== undefined && <p className="hint">{t('form.selectUpTo', { count: q.maxSelected })}</p>}
      <div className={layout} ref={groupRef}>
        {options.map((o, i) => (
          <label key={o.value} className={selected.includes(o.value) ? 'option selected' : 'option'}>
            <input
              ref={i === 0 ? field.ref : undefined}
              type={q.type === 'single' ? 'radio' : 'checkbox'}
              name={q.id}
              value={o.value}
              {...(radios ? { defaultChecked: chosen === o.value } : { checked: selected.includes(o.value) })}
              onChange={radios ? undefined : (e) => toggle(o, e.target.checked)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
            <span>{text(o.label)}</span>
          </label>
        ))}
      </div>
      {/* Always in place, hidden (not focusable, not read) while nothing is chosen: a tap that
          shows it does not push the questions below it down. */}
      {q.type === 'single' && !q.required && (
        <button type="button" className="link clear-choice" style={selected.length > 0 ? undefined : { visibility: 'hidden' }} onClick={() => set(undefined)}>
          {t('form.clearChoice')}
        </button>
      )}
      {otherOption && <OtherText questionId={q.id} />}
    </>
  );
}

