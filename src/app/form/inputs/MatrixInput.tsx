/**
 * A matrix: several items (or every unit of a list: each department, each district) rated on
 * one scale, with a button per column that gives every row that rating. A table on wide screens;
 * each row becomes a block of large buttons on a phone (CSS). Rows are memoised: a tap re-renders
 * the row it changed, not the whole table. Like single-choice radios, the cells are uncontrolled and
 * hand their answer to the form after the tap is painted (see taps.ts).
 */
import { memo, useCallback, useRef, type CSSProperties } from 'react';
import { useController, useFormContext } from 'react-hook-form';
import { optionsOf, rowsOf, type Answers, type ListItem, type MatrixQuestion, type Option, type Text } from '../../../survey';
import { useFormEnv } from '../env';
import type { InputProps } from './props';
import { useRevalidate } from './useRevalidate';
import { useCheckedRadio, useNativeRadios } from './native-radios';

type RowValues = Record<string, string>;

const asRows = (value: unknown): RowValues =>
  (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as RowValues;

export function MatrixInput({ question: q, describedBy, invalid }: InputProps<MatrixQuestion>) {
  const { definition, text, taps } = useFormEnv();
  const { control, getValues } = useFormContext<Answers>();
  const { field } = useController({ name: q.id, control });
  const revalidate = useRevalidate(q.id);
  const rows = rowsOf(definition, q);
  const options = optionsOf(definition, q);
  const value = asRows(field.value);
  const { onChange } = field;

  const setRow = useCallback(
    (row: string, option: string) =>
      taps.defer(() => {
        onChange({ ...asRows(getValues(q.id)), [row]: option });
        revalidate();
      }),
    [onChange, getValues, q.id, revalidate, taps],
  );
  const tableRef = useRef<HTMLTableElement>(null);
  useNativeRadios(tableRef, (radio) => {
    const row = radio.closest('tr')?.dataset.row;
    if (row !== undefined) setRow(row, radio.value);
  });
  const setColumn = useCallback(
    (option: string) => {
      onChange(Object.fromEntries(rows.map((r) => [r.value, option])));
      revalidate();
    },
    [onChange, rows, revalidate],
  );

  return (
    <table className="matrix" ref={tableRef} style={{ '--columns': options.length } as CSSProperties}>
      <MatrixHead options={options} text={text} shortcut={q.columnShortcut !== false} onColumn={setColumn} />
      <tbody>
        {rows.map((r, ri) => (
          <MatrixRow
            key={r.value}
            name={q.id}
            row={r}
            options={options}
            selected={value[r.value]}
            text={text}
            inputRef={ri === 0 ? field.ref : undefined}
            describedBy={describedBy}
            invalid={invalid}
          />
        ))}
      </tbody>
    </table>
  );
}

interface HeadProps {
  options: readonly Option[];
  /** The questionnaire's texts in the interview's language (the same function while it stays). */
  text: (text: Text) => string;
  shortcut: boolean;
  onColumn: (option: string) => void;
}

/** The scale's columns with their "whole column" buttons: unchanged by answers, so memoised. */
const MatrixHead = memo(function MatrixHead({ options, text, shortcut, onColumn }: HeadProps) {
  const { t } = useFormEnv();
  return (
    <thead>
      <tr>
        <th scope="col">
          <span className="sr-only">{t('form.item')}</span>
        </th>
        {options.map((o) => (
          <th scope="col" key={o.value}>
            <span>{text(o.label)}</span>
            {shortcut && (
              <button type="button" className="column-shortcut" aria-label={t('form.wholeColumn', { option: text(o.label) })} onClick={() => onColumn(o.value)}>
                <span className="short">{t('form.wholeColumnShort')}</span>
              </button>
            )}
          </th>
        ))}
      </tr>
    </thead>
  );
});

interface RowProps {
  name: string;
  row: ListItem;
  options: readonly Option[];
  selected: string | undefined;
  text: (text: Text) => string;
  inputRef: ((el: HTMLInputElement | null) => void) | undefined;
  describedBy: string | undefined;
  invalid: boolean;
}

const MatrixRow = memo(function MatrixRow({ name, row, options, selected, text, inputRef, describedBy, invalid }: RowProps) {
  const rowLabel = text(row.label);
  const rowRef = useRef<HTMLTableRowElement>(null);
  const chosen = selected ?? null;
  useCheckedRadio(rowRef, chosen);
  return (
    <tr data-row={row.value} ref={rowRef}>
      <th scope="row">{rowLabel}</th>
      {options.map((o, oi) => (
        <td key={o.value}>
          <label className={selected === o.value ? 'cell selected' : 'cell'}>
            <input
              ref={oi === 0 ? inputRef : undefined}
              type="radio"
              name={`${name}.${row.value}`}
              value={o.value}
              defaultChecked={chosen === o.value}
              aria-label={`${rowLabel}: ${text(o.label)}`}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
            <span className="cell-label">{text(o.label)}</span>
          </label>
        </td>
      ))}
    </tr>
  );
});
