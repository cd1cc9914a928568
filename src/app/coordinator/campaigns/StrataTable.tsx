/**
 * A group's strata: one row each with its value from the questionnaire's stratum list (shown by
 * its label), its names, its parent (a unit's department) when the group has a parent list, its
 * target and the interviews counted so far. Rows are added one by one, all at once from the list,
 * or replaced by a spreadsheet's (StrataImport); a row with interviews cannot be removed.
 */
import { useId, useState } from 'react';
import { tr, type ListItem } from '../../../survey';
import type { StrataTarget } from '../api';
import { useCT } from '../i18n';
import { draftStratum, fieldId, missingRows, type DraftGroup, type DraftStratum } from './draft';
import { FieldProblems, invalidProps, useProblems } from './fields';
import { StrataImport } from './StrataImport';

export interface StrataTableProps {
  group: DraftGroup;
  index: number;
  /** The group's stratum list in its questionnaire; undefined while loading or without one. */
  items: ListItem[] | undefined;
  listName: string | undefined;
  parents: ListItem[] | undefined;
  counts: Record<string, number>;
  admin: boolean;
  against: StrataTarget | undefined;
  onChange: (change: (rows: DraftStratum[]) => DraftStratum[]) => void;
}

export function StrataTable({ group: g, index, items, listName, parents, counts, admin, against, onChange }: StrataTableProps) {
  const { t, lang } = useCT();
  const { at } = useProblems();
  const captionId = useId();
  const fillId = useId();
  const [fillTarget, setFillTarget] = useState('1');
  const place = `groups[${index}].strata`;
  const withParent = g.parentList !== '';
  const missing = items ? missingRows(g.strata, items, fillTarget) : [];
  const column = {
    n: t('campaigns.strata.n'),
    value: t('campaigns.strata.value'),
    labelVi: t('campaigns.strata.labelVi'),
    labelEn: t('campaigns.strata.labelEn'),
    parent: t('campaigns.strata.parent'),
    target: t('campaigns.strata.target'),
    counted: t('campaigns.strata.counted'),
    actions: t('campaigns.strata.actions'),
  };
  const change = (key: number, values: Partial<DraftStratum>) => onChange((rows) => rows.map((r) => (r.key === key ? { ...r, ...values } : r)));

  const chooseValue = (row: DraftStratum, value: string) => {
    const before = items?.find((i) => i.value === row.value);
    const next = items?.find((i) => i.value === value);
    // The names follow the list's unless the user wrote others.
    change(row.key, {
      value,
      labelVi: next && (row.labelVi === '' || row.labelVi === before?.label.vi) ? next.label.vi : row.labelVi,
      labelEn: next && (row.labelEn === '' || row.labelEn === before?.label.en) ? next.label.en : row.labelEn,
    });
  };

  return (
    <div className="strata" id={fieldId(place)} tabIndex={-1}>
      <FieldProblems place={place} problems={at(place)} />
      {g.strata.length === 0 ? (
        <p className="muted">{t('campaigns.strata.empty')}</p>
      ) : (
        <div className="table-scroll strata-scroll">
          <table className="coord-table strata-table" aria-labelledby={captionId}>
            <caption id={captionId}>{t('campaigns.strata.caption', { group: tr({ vi: g.labelVi, en: g.labelEn }, lang) || g.id })}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {column.n}
                </th>
                <th scope="col">{column.value}</th>
                <th scope="col">{column.labelVi}</th>
                <th scope="col">{column.labelEn}</th>
                {withParent && <th scope="col">{column.parent}</th>}
                <th scope="col">{column.target}</th>
                <th scope="col" className="num">
                  {column.counted}
                </th>
                {admin && (
                  <th scope="col">
                    <span className="sr-only">{column.actions}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {g.strata.map((s, si) => {
                const row = `${place}[${si}]`;
                const n = si + 1;
                const name = tr({ vi: s.labelVi, en: s.labelEn }, lang) || s.value;
                const names = { n, label: name };
                const counted = counts[s.value] ?? 0;
                const known = items?.some((i) => i.value === s.value) ?? false;
                const cell = (field: string) => ({ place: `${row}.${field}`, problems: at(`${row}.${field}`) });
                const value = cell('value');
                const labelVi = cell('label.vi');
                const labelEn = cell('label.en');
                const parent = cell('parent');
                const target = cell('target');
                const noteId = `${fieldId(row)}-kept`;
                return (
                  <tr key={s.key} data-stratum={s.value} id={fieldId(row)} tabIndex={-1}>
                    <th scope="row" className="num">
                      {n}
                    </th>
                    <td>
                      {items ? (
                        <select
                          id={fieldId(value.place)}
                          aria-label={t('campaigns.strata.valueFor', names)}
                          value={s.value}
                          onChange={(e) => chooseValue(s, e.target.value)}
                          {...invalidProps(value.place, value.problems)}
                        >
                          {s.value === '' && <option value="">{t('campaigns.choose')}</option>}
                          {s.value !== '' && !known && <option value={s.value}>{t('campaigns.strata.notInList', { value: s.value })}</option>}
                          {items.map((i) => (
                            <option key={i.value} value={i.value}>
                              {t('campaigns.strata.option', { label: tr(i.label, lang), value: i.value })}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <input
                          type="text"
                          id={fieldId(value.place)}
                          aria-label={t('campaigns.strata.valueFor', names)}
                          value={s.value}
                          onChange={(e) => change(s.key, { value: e.target.value })}
                          autoCapitalize="none"
                          spellCheck={false}
                          {...invalidProps(value.place, value.problems)}
                        />
                      )}
                      <FieldProblems place={row} problems={at(row)} />
                      <FieldProblems {...value} />
                    </td>
                    <td>
                      <input
                        type="text"
                        id={fieldId(labelVi.place)}
                        aria-label={t('campaigns.strata.labelViFor', names)}
                        value={s.labelVi}
                        lang={lang !== 'vi' ? 'vi' : undefined}
                        onChange={(e) => change(s.key, { labelVi: e.target.value })}
                        {...invalidProps(labelVi.place, labelVi.problems)}
                      />
                      <FieldProblems {...labelVi} />
                    </td>
                    <td>
                      <input
                        type="text"
                        id={fieldId(labelEn.place)}
                        aria-label={t('campaigns.strata.labelEnFor', names)}
                        value={s.labelEn}
                        lang={lang !== 'en' ? 'en' : undefined}
                        onChange={(e) => change(s.key, { labelEn: e.target.value })}
                        {...invalidProps(labelEn.place, labelEn.problems)}
                      />
                      <FieldProblems {...labelEn} />
                    </td>
                    {withParent && (
                      <td>
                        <select
                          id={fieldId(parent.place)}
                          aria-label={t('campaigns.strata.parentFor', names)}
                          value={s.parent}
                          onChange={(e) => change(s.key, { parent: e.target.value })}
                          {...invalidProps(parent.place, parent.problems)}
                        >
                          <option value="">{t('campaigns.strata.noParent')}</option>
                          {s.parent !== '' && !parents?.some((p) => p.value === s.parent) && <option value={s.parent}>{s.parent}</option>}
                          {parents?.map((p) => (
                            <option key={p.value} value={p.value}>
                              {tr(p.label, lang)}
                            </option>
                          ))}
                        </select>
                        <FieldProblems {...parent} />
                      </td>
                    )}
                    <td>
                      <input
                        type="text"
                        id={fieldId(target.place)}
                        className="target"
                        aria-label={t('campaigns.strata.targetFor', names)}
                        inputMode="numeric"
                        value={s.target}
                        onChange={(e) => change(s.key, { target: e.target.value })}
                        {...invalidProps(target.place, target.problems)}
                      />
                      <FieldProblems {...target} />
                    </td>
                    <td className="num" data-testid="stratum-counted">
                      {counted}
                    </td>
                    {admin && (
                      <td>
                        <button
                          type="button"
                          className="secondary"
                          disabled={counted > 0}
                          aria-label={t('campaigns.strata.removeFor', names)}
                          aria-describedby={counted > 0 ? noteId : undefined}
                          onClick={() => onChange((rows) => rows.filter((r) => r.key !== s.key))}
                        >
                          {t('campaigns.strata.remove')}
                        </button>
                        {counted > 0 && (
                          <p className="muted field-hint" id={noteId}>
                            {t('campaigns.strata.removeRefused', { count: counted })}
                          </p>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {admin && (
        <div className="strata-tools">
          <button type="button" className="secondary" onClick={() => onChange((rows) => [...rows, draftStratum({ value: '' })])}>
            {t('campaigns.strata.add')}
          </button>
          {items && listName !== undefined && (
            <div className="strata-fill">
              <label htmlFor={fillId}>{t('campaigns.strata.fillTarget')}</label>
              <input type="text" id={fillId} className="target" inputMode="numeric" value={fillTarget} onChange={(e) => setFillTarget(e.target.value)} />
              <button type="button" className="secondary" disabled={missing.length === 0} onClick={() => onChange((rows) => [...rows, ...missingRows(rows, items, fillTarget)])}>
                {missing.length === 0 ? t('campaigns.strata.fillNone', { list: listName }) : t('campaigns.strata.fill', { count: missing.length, list: listName })}
              </button>
            </div>
          )}
          <StrataImport against={against} rows={g.strata} counts={counts} onReplace={(rows) => onChange(() => rows)} />
        </div>
      )}
    </div>
  );
}
