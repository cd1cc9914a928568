/**
 * What the page turns rely on in the form library: a question's hooks (useFormState for its error,
 * useController for its answer) do not copy the whole form state when they mount or unmount.
 * react-hook-form 7.86 and later copy it (errors, dirty and touched fields of every answer so
 * far) in each hook, twice per question per page turn, which made a turn late in an interview
 * 40–90 % slower (npm run bench, pageTurnP50Ms); package.json pins 7.84.0 for that reason.
 */
import { describe, expect, it } from 'vitest';
import { act, render } from '@testing-library/react';
import { useState } from 'react';
import { FormProvider, useController, useForm, useFormContext, useFormState, type Control } from 'react-hook-form';

type Values = Record<string, string | Record<string, string> | undefined>;

function Field({ name }: { name: string }) {
  const { control } = useFormContext<Values>();
  useFormState({ control, name: [name], exact: true });
  useController({ name, control });
  return null;
}

/** Counts every read of the dirty-field records (the part of the form state that grows with the interview). */
function counting(target: object, reads: { n: number }): object {
  return new Proxy(target, {
    get(t, key, receiver) {
      reads.n += 1;
      const value = Reflect.get(t, key, receiver) as unknown;
      return typeof value === 'object' && value !== null ? counting(value, reads) : value;
    },
    ownKeys(t) {
      reads.n += 1;
      return Reflect.ownKeys(t);
    },
  });
}

describe('the form library under page turns', () => {
  it('mounting and unmounting a section of questions does not copy the answers so far', () => {
    let control!: Control<Values>;
    let turn!: (page: number) => void;
    function Form() {
      const form = useForm<Values>({ defaultValues: {} });
      control = form.control;
      const [page, setPage] = useState(0);
      turn = setPage;
      const names = Array.from({ length: 20 }, (_, i) => `p${page}q${i}`);
      return (
        <FormProvider {...form}>
          {names.map((n) => (
            <Field key={n} name={n} />
          ))}
        </FormProvider>
      );
    }
    render(<Form />);
    // 100 answered questions, each a matrix of 5 rows: the dirty fields of an interview well under way.
    const dirty: Record<string, Record<string, boolean>> = {};
    for (let q = 0; q < 100; q++) dirty[`done${q}`] = Object.fromEntries(Array.from({ length: 5 }, (_, r) => [`r${r}`, true]));
    const reads = { n: 0 };
    (control as unknown as { _formState: { dirtyFields: object } })._formState.dirtyFields = counting(dirty, reads);
    act(() => turn(1));
    act(() => turn(2));
    // Two page turns of 20 questions. A copy per hook reads every record: 40 hooks × 2 turns × 600.
    expect(reads.n).toBeLessThan(100);
  });
});
