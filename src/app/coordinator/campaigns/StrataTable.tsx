/**
 * A group's strata: one row each with its value from the questionnaire's stratum list (shown by
 * its label) or a code of the campaign's own (a unit or commune the list lacks, named in the row),
 * its names, its parent (a unit's department) when the group has a parent list, its target and the
 * interviews counted so far. Rows are added one by one, all at once from the list, or replaced by
 * a spreadsheet's (StrataImport); a row with interviews cannot be removed.
 */
import { memo, useId, useState } from 'react';
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
  parents: ListItem[] | undefined;
  counts: Record<string, number>;
  admin: boolean;
  against: StrataTarget | undefined;
  onChange: (change: (rows: DraftStratum[]) => DraftStratum[]) => void;
}

export function StrataTable({ group: g, index, items, parents, counts, admin, against, onChange }: StrataTableProps) {
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
              {g.strata.map((s, si) => (
                <StratumRow
                  key={s.key}
                  row={s}
                  index={si}
                  place={place}
                  items={items}
                  parents={parents}
                  withParent={withParent}
                  counted={counts[s.value] ?? 0}
                  admin={admin}
                  onPatch={change}
                  onRemove={(key) => onChange((rows) => rows.filter((r) => r.key !== key))}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {admin && (
        <div className="strata-tools">
          <button type="button" className="secondary" onClick={() => onChange((rows) => [...rows, draftStratum({ value: '' })])}>
            {t('campaigns.strata.add')}
          </button>
          {items && (
            <div className="strata-fill">
              <label htmlFor={fillId}>{t('campaigns.strata.fillTarget')}</label>
              <input type="text" id={fillId} className="target" inputMode="numeric" value={fillTarget} onChange={(e) => setFillTarget(e.target.value)} />
              <button type="button" className="secondary" disabled={missing.length === 0} onClick={() => onChange((rows) => [...rows, ...missingRows(rows, items, fillTarget)])}>
                {missing.length === 0 ? t('campaigns.strata.fillNone') : t('campaigns.strata.fill', { count: missing.length })}
              </button>
            </div>
          )}
          <StrataImport against={against} rows={g.strata} counts={counts} onReplace={(rows) => onChange(() => rows)} />
        </div>
      )}
    </div>
  );
}

interface StratumRowProps {
  row: DraftStratum;
  index: number;
  /** The group's strata path, `groups[1].strata`. */
  place: string;
  items: ListItem[] | undefined;
  parents: ListItem[] | undefined;
  withParent: boolean;
  counted: number;
  admin: boolean;
  onPatch: (key: number, values: Partial<DraftStratum>) => void;
  onRemove: (key: number) => void;
}

function StratumRowView({ row: s, index: si, place, items, parents, withParent, counted, admin, onPatch, onRemove }: StratumRowProps) {
  const { t, lang } = useCT();
  const { at } = useProblems();
  const row = `${place}[${si}]`;
  const n = si + 1;
  const name = tr({ vi: s.labelVi, en: s.labelEn }, lang) || s.value;
  const names = { n, label: name };
  const known = items?.some((i) => i.value === s.value) ?? false;
  // A code of the campaign's own is typed; a code of the list is chosen from it.
  const [typing, setTyping] = useState(false);
  const own = items !== undefined && (typing || (s.value !== '' && !known));
  const cell = (field: string) => ({ place: `${row}.${field}`, problems: at(`${row}.${field}`) });
  const value = cell('value');
  const labelVi = cell('label.vi');
  const labelEn = cell('label.en');
  const parent = cell('parent');
  const target = cell('target');
  const noteId = `${fieldId(row)}-kept`;

  const chooseValue = (next: string) => {
    if (next === OWN_CODE) {
      setTyping(true);
      return onPatch(s.key, { value: '' });
    }
    const before = items?.find((i) => i.value === s.value);
    const item = items?.find((i) => i.value === next);
    // The names follow the list's unless the user wrote others.
    onPatch(s.key, {
      value: next,
      labelVi: item && (s.labelVi === '' || s.labelVi === before?.label.vi) ? item.label.vi : s.labelVi,
      labelEn: item && (s.labelEn === '' || s.labelEn === before?.label.en) ? item.label.en : s.labelEn,
    });
  };

  return (
    <tr data-stratum={s.value} id={fieldId(row)} tabIndex={-1}>
      <th scope="row" className="num">
        {n}
      </th>
      <td>
        {own ? (
          <div className="own-code">
            <input
              type="text"
              id={fieldId(value.place)}
              aria-label={t('campaigns.strata.valueFor', names)}
              aria-describedby={`${fieldId(row)}-own`}
              value={s.value}
              onChange={(e) => onPatch(s.key, { value: e.target.value })}
              autoCapitalize="none"
              spellCheck={false}
              {...invalidProps(value.place, value.problems)}
            />
            <p className="muted field-hint" id={`${fieldId(row)}-own`}>
              {t('campaigns.strata.ownHint')}
            </p>
            <button type="button" className="secondary" onClick={() => (setTyping(false), chooseValue(''))}>
              {t('campaigns.strata.fromList')}
            </button>
          </div>
        ) : items ? (
          <select
            id={fieldId(value.place)}
            aria-label={t('campaigns.strata.valueFor', names)}
            value={s.value}
            onChange={(e) => chooseValue(e.target.value)}
            {...invalidProps(value.place, value.problems)}
          >
            {s.value === '' && <option value="">{t('campaigns.choose')}</option>}
            {items.map((i) => (
              <option key={i.value} value={i.value}>
                {t('campaigns.strata.option', { label: tr(i.label, lang), value: i.value })}
              </option>
            ))}
            <option value={OWN_CODE}>{t('campaigns.strata.own')}</option>
          </select>
        ) : (
          <input
            type="text"
            id={fieldId(value.place)}
            aria-label={t('campaigns.strata.valueFor', names)}
            value={s.value}
            onChange={(e) => onPatch(s.key, { value: e.target.value })}
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
          onChange={(e) => onPatch(s.key, { labelVi: e.target.value })}
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
          onChange={(e) => onPatch(s.key, { labelEn: e.target.value })}
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
            onChange={(e) => onPatch(s.key, { parent: e.target.value })}
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
          onChange={(e) => onPatch(s.key, { target: e.target.value })}
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
            onClick={() => onRemove(s.key)}
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
}

/** The value-select's choice "a new code, not in the list": never a code (codes have no spaces). */
const OWN_CODE = ' own';

/** A row is drawn again only when it, its lists or its count changed (its callbacks act through its key). */
const StratumRow = memo(StratumRowView, (a, b) =>
  (Object.keys(a) as (keyof StratumRowProps)[]).every((k) => typeof a[k] === 'function' || Object.is(a[k], b[k])),
);
