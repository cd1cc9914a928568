/**
 * Definition → XLSForm: the sheets `survey`, `choices` and `settings` as every XLSForm tool reads
 * them, labels in `label::Tiếng Việt (vi)` and `label::English (en)` columns, plus this app's own
 * columns and sheets for what XLSForm has no word for (a matrix's rows from a list, option flags,
 * units, the scoring block). Importing the result gives back the same definition (./import).
 */
import { isAnswerable, rowsOf } from '../model';
import type { Condition, Definition, Option, Question, Text } from '../types';
import { conditionToExpression } from './expression';
import { exportScoring } from './scoring-sheets';
import { LANGUAGE_HEADERS, STRATA_ROWS, translatedHeaders, type Cell, type Rows, type Workbook } from './workbook';

const SURVEY_COLUMNS = [
  'type',
  'name',
  ...translatedHeaders('label'),
  ...translatedHeaders('hint'),
  'required',
  ...translatedHeaders('required_message'),
  'relevant',
  'constraint',
  ...translatedHeaders('constraint_message'),
  'choice_filter',
  'appearance',
  'min',
  'max',
  'max_length',
  'pattern',
  ...translatedHeaders('pattern_message'),
  'min_selected',
  'max_selected',
  ...translatedHeaders('limit_message'),
  'decimals',
  ...translatedHeaders('unit'),
  'rows_from',
  'from_stratum',
  'column_shortcut',
  'default',
] as const;
type SurveyColumn = (typeof SURVEY_COLUMNS)[number];
type SurveyRow = Partial<Record<SurveyColumn, Cell>>;

const [LABEL_VI, LABEL_EN] = translatedHeaders('label');
const texts = (column: string, text: Text | undefined): SurveyRow => {
  if (!text) return {};
  const [vi, en] = translatedHeaders(column);
  return { [vi]: text.vi, [en]: text.en } as SurveyRow;
};

/** The `${…}` name of a question, or of one row of a matrix (its row question in the table-list group). */
const nameOf = (q: string, row?: string): string => (row === undefined ? q : `${q}_${row}`);
const expression = (c: Condition | undefined): string => (c ? conditionToExpression(c, nameOf) : '');

export function exportXlsform(def: Definition): Workbook {
  const survey: SurveyRow[] = [];
  const choices: Rows = [];
  const dataColumns = new Set<string>();
  const listKinds: Rows = [['list_name', 'kind', ...translatedHeaders('label')]];
  const taken = new Set<string>([...Object.keys(def.scales ?? {}), ...Object.keys(def.lists ?? {})]);
  const choiceRows: { list: string; option: Option }[] = [];

  for (const [name, scale] of Object.entries(def.scales ?? {})) {
    listKinds.push([name, 'scale', scale.label?.vi ?? '', scale.label?.en ?? '']);
    for (const option of scale.options) choiceRows.push({ list: name, option });
  }
  for (const [name, items] of Object.entries(def.lists ?? {})) {
    listKinds.push([name, 'list', '', '']);
    for (const item of items) choiceRows.push({ list: name, option: { value: item.value, label: item.label } });
  }
  /** A question's own options become a choice list named after it. */
  const ownList = (q: Question, options: readonly Option[]): string => {
    let name = q.id;
    for (let n = 2; taken.has(name); n += 1) name = `${q.id}_${n}`;
    taken.add(name);
    for (const option of options) choiceRows.push({ list: name, option });
    return name;
  };

  for (const section of def.sections) {
    survey.push({ type: 'begin_group', name: section.id, ...texts('label', section.title), ...texts('hint', section.description), relevant: expression(section.visibleIf) });
    for (const q of section.questions) survey.push(...questionRows(def, q, ownList));
    survey.push({ type: 'end_group', name: section.id });
  }

  for (const { option } of choiceRows) for (const key of Object.keys(option.data ?? {})) dataColumns.add(key);
  const data = [...dataColumns];
  choices.push(['list_name', 'name', ...translatedHeaders('label'), 'other', 'exclusive', 'missing', ...data]);
  for (const { list, option } of choiceRows)
    choices.push([
      list,
      option.value,
      option.label.vi,
      option.label.en,
      option.other ? 'yes' : '',
      option.exclusive ? 'yes' : '',
      option.missing ? 'yes' : '',
      ...data.map((k) => option.data?.[k] ?? ''),
    ]);

  const scoring = exportScoring(def);
  const settingsRow: Record<string, Cell> = {
    form_id: def.id,
    version: def.version,
    ...Object.fromEntries(translatedHeaders('form_title').map((h, i) => [h, i === 0 ? def.title.vi : def.title.en])),
    default_language: LANGUAGE_HEADERS.vi,
    ...(def.description ? Object.fromEntries(translatedHeaders('description').map((h, i) => [h, i === 0 ? def.description!.vi : def.description!.en])) : {}),
    ...(def.scoringNote ? Object.fromEntries(translatedHeaders('scoring_note').map((h, i) => [h, i === 0 ? def.scoringNote!.vi : def.scoringNote!.en])) : {}),
    ...(scoring?.settings ?? {}),
  };
  const groups: Rows = [['name', ...translatedHeaders('label'), 'stratum_list'], ...def.respondentGroups.map((g) => [g.id, g.label.vi, g.label.en, g.stratumList ?? ''])];

  return {
    sheets: {
      survey: [[...SURVEY_COLUMNS], ...survey.map((r) => SURVEY_COLUMNS.map((c) => r[c] ?? ''))],
      choices,
      settings: [Object.keys(settingsRow), Object.values(settingsRow)],
      lists: listKinds,
      groups,
      ...(scoring?.sheets ?? {}),
    },
  };
}

function constraintColumns(q: Question): SurveyRow {
  if (q.type === 'note' || !q.constraints || q.constraints.length === 0) return {};
  const [first] = q.constraints;
  if (q.constraints.length === 1 && first) return { constraint: expression(first.test), ...texts('constraint_message', first.message) };
  // Several constraints become one: XLSForm has one constraint and one message per question.
  const all: Condition = { all: q.constraints.map((c) => c.test) };
  const message: Text = { vi: q.constraints.map((c) => c.message.vi).join(' '), en: q.constraints.map((c) => c.message.en).join(' ') };
  return { constraint: expression(all), ...texts('constraint_message', message) };
}

function questionRows(def: Definition, q: Question, ownList: (q: Question, options: readonly Option[]) => string): SurveyRow[] {
  const byDefault = q.type === 'note' || q.type === 'matrix' || q.default === undefined ? '' : Array.isArray(q.default) ? q.default.join(' ') : q.default === 'today' && q.type === 'date' ? 'today()' : q.default;
  const common: SurveyRow = {
    name: q.id,
    default: byDefault,
    ...texts('label', q.label),
    ...texts('hint', q.hint),
    relevant: expression(q.visibleIf),
    ...(isAnswerable(q) && q.required ? { required: 'yes', ...texts('required_message', q.requiredMessage) } : {}),
    ...constraintColumns(q),
  };
  const filter = (f: { field: string; q: string }[] | undefined): SurveyRow =>
    f ? { choice_filter: f.map((x) => `${x.field} = \${${x.q}}`).join(' and ') } : {};
  const listOf = (src: { options?: Option[] | undefined; scale?: string | undefined; optionsFrom?: string | undefined }): string =>
    src.options ? ownList(q, src.options) : (src.scale ?? src.optionsFrom ?? '');
  switch (q.type) {
    case 'note':
      return [{ type: 'note', ...common }];
    case 'single':
      return [
        {
          type: `select_one ${listOf(q)}`,
          ...common,
          ...filter(q.choiceFilter),
          appearance: q.layout === 'dropdown' ? 'minimal' : (q.layout ?? ''),
          ...(q.fromStratum ? { from_stratum: 'yes' } : {}),
        },
      ];
    case 'multiple':
      return [
        {
          type: `select_multiple ${listOf(q)}`,
          ...common,
          ...filter(q.choiceFilter),
          min_selected: q.minSelected ?? '',
          max_selected: q.maxSelected ?? '',
          ...texts('limit_message', q.limitMessage),
        },
      ];
    case 'matrix': {
      const shortcut: SurveyRow = q.columnShortcut === undefined ? {} : { column_shortcut: q.columnShortcut ? 'yes' : 'no' };
      if (q.rowsFrom !== undefined)
        return [{ type: `select_one ${q.scale}`, ...common, rows_from: typeof q.rowsFrom === 'string' ? q.rowsFrom : STRATA_ROWS, ...shortcut }];
      // Required (and its message) goes on each row, where XLSForm tools read it.
      const [messageVi, messageEn] = translatedHeaders('required_message');
      const { required: _required, [messageVi]: _vi, [messageEn]: _en, ...group } = common;
      return [
        { type: 'begin_group', ...group, appearance: 'table-list', ...shortcut },
        ...rowsOf(def, q).map((row): SurveyRow => ({
          type: `select_one ${q.scale}`,
          name: nameOf(q.id, row.value),
          [LABEL_VI]: row.label.vi,
          [LABEL_EN]: row.label.en,
          ...(q.required ? { required: 'yes', ...texts('required_message', q.requiredMessage) } : {}),
        })),
        { type: 'end_group', name: q.id },
      ];
    }
    case 'integer':
    case 'decimal':
      return [{ type: q.type, ...common, min: q.min ?? '', max: q.max ?? '', ...(q.type === 'decimal' ? { decimals: q.decimals ?? '' } : {}), ...texts('unit', q.unit) }];
    case 'text':
      return [
        {
          type: 'text',
          ...common,
          max_length: q.maxLength ?? '',
          ...texts('limit_message', q.limitMessage),
          pattern: q.pattern ?? '',
          ...texts('pattern_message', q.patternMessage),
        },
      ];
    case 'longtext':
      return [{ type: 'text', ...common, appearance: 'multiline', max_length: q.maxLength ?? '', ...texts('limit_message', q.limitMessage) }];
    case 'date':
      return [{ type: 'date', ...common, min: q.min ?? '', max: q.max ?? '', ...texts('limit_message', q.limitMessage) }];
  }
}
