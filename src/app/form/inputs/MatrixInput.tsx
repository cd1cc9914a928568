/**
 * A matrix: several items (or every unit of a list: each department, each district) rated on
 * one scale, with a button per column that gives every row that rating. A table on wide screens;
 * each row becomes a block of large buttons on a phone (CSS).
 */
import { useController, useFormContext } from 'react-hook-form';
import { optionsOf, rowsOf, tr, type Answers, type MatrixQuestion } from '../../../survey';
import { useT } from '../../i18n';
import { useFormEnv } from '../env';
import type { InputProps } from './props';
import { useRevalidate } from './useRevalidate';

export function MatrixInput({ question: q, describedBy, invalid }: InputProps<MatrixQuestion>) {
  const { definition, lang } = useFormEnv();
  const { t } = useT();
  const { control } = useFormContext<Answers>();
  const { field } = useController({ name: q.id, control });
  const revalidate = useRevalidate(q.id);
  const rows = rowsOf(definition, q);
  const options = optionsOf(definition, q);
  const value = (field.value && typeof field.value === 'object' && !Array.isArray(field.value) ? field.value : {}) as Record<string, string>;

  const set = (next: Record<string, string>) => {
    field.onChange(next);
    revalidate();
  };
  const shortcut = q.columnShortcut !== false;

  return (
    <table className="matrix">
      <thead>
        <tr>
          <th scope="col">{t('form.item')}</th>
          {options.map((o) => (
            <th scope="col" key={o.value}>
              <span>{tr(o.label, lang)}</span>
              {shortcut && (
                <button
                  type="button"
                  className="column-shortcut"
                  aria-label={t('form.wholeColumn', { option: tr(o.label, lang) })}
                  onClick={() => set(Object.fromEntries(rows.map((r) => [r.value, o.value])))}
                >
                  {t('form.wholeColumnShort')}
                </button>
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, ri) => {
          return (
            <tr key={r.value} data-row={r.value}>
              <th scope="row">
                {tr(r.label, lang)}
              </th>
              {options.map((o, oi) => (
                <td key={o.value}>
                  <label className="cell">
                    <input
                      ref={ri === 0 && oi === 0 ? field.ref : undefined}
                      type="radio"
                      name={`${q.id}.${r.value}`}
                      value={o.value}
                      checked={value[r.value] === o.value}
                      onChange={() => set({ ...value, [r.value]: o.value })}
                      aria-label={`${tr(r.label, lang)}: ${tr(o.label, lang)}`}
                      aria-describedby={describedBy}
                      aria-invalid={invalid || undefined}
                    />
                    <span className="cell-label">{tr(o.label, lang)}</span>
                  </label>
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
