/**
 * Definition → XLSForm: the sheets `survey`, `choices` and `settings` as every XLSForm tool reads
 * them, texts in one column per language (`label::Tiếng Việt (vi)`, `label::English (en)`, then
 * `label::Khmer (km)` and the like for the definition's further languages), plus this app's own
 * columns and sheets for what XLSForm has no word for (a matrix's rows from a list, option flags,
 * units, the scoring block). Importing the result gives back the same definition (./import).
 */
import { definitionLanguages } from '../definition-languages';
import { pickText } from '../languages';
import { isAnswerable, rowsOf } from '../model';
import type { Condition, Definition, Option, Question, Text } from '../types';
import { conditionToExpression } from './expression';
import { exportScoring } from './scoring-sheets';
import { languageHeader, STRATA_ROWS, translatedHeaders, type Cell, type Rows, type Workbook } from './workbook';

/** The survey sheet's columns, the translated ones once per language. */
const surveyColumns = (langs: readonly string[]): string[] => [
  'type',
  'name',
  ...translatedHeaders('label', langs),
  ...translatedHeaders('hint', langs),
  'required',
  ...translatedHeaders('required_message', langs),
  'relevant',
  'constraint',
  ...translatedHeaders('constraint_message', langs),
  'choice_filter',
  'appearance',
  'min',
  'max',
  'max_length',
  'pattern',
  ...translatedHeaders('pattern_message', langs),
  'min_selected',
  'max_selected',
  ...translatedHeaders('limit_message', langs),
  'decimals',
  ...translatedHeaders('unit', langs),
  'rows_from',
  'from_stratum',
  'column_shortcut',
  'default',
];
type SurveyRow = Record<string, Cell>;

/** A text's cells in the columns of `translatedHeaders(column, langs)`: '' where it lacks a language. */
const textCells = (text: Text | undefined, langs: readonly string[]): Cell[] => langs.map((l) => text?.[l] ?? '');

/** A translated column of the survey sheet: one cell per language. */
function texts(column: string, text: Text | undefined, langs: readonly string[]): SurveyRow {
  if (!text) return {};
  const headers = translatedHeaders(column, langs);
  return Object.fromEntries(headers.map((h, i) => [h, text[langs[i]!] ?? '']));
}

/** The `${…}` name of a question, or of one row of a matrix (its row question in the table-list group). */
const nameOf = (q: string, row?: string): string => (row === undefined ? q : `${q}_${row}`);
const expression = (c: Condition | undefined): string => (c ? conditionToExpression(c, nameOf) : '');

export function exportXlsform(def: Definition): Workbook {
  const langs = definitionLanguages(def);
  const survey: SurveyRow[] = [];
  const choices: Rows = [];
  const dataColumns = new Set<string>();
  const listKinds: Rows = [['list_name', 'kind', ...translatedHeaders('label', langs)]];
  const taken = new Set<string>([...Object.keys(def.scales ?? {}), ...Object.keys(def.lists ?? {})]);
  const choiceRows: { list: string; option: Option }[] = [];

  for (const [name, scale] of Object.entries(def.scales ?? {})) {
    listKinds.push([name, 'scale', ...textCells(scale.label, langs)]);
    for (const option of scale.options) choiceRows.push({ list: name, option });
  }
  for (const [name, items] of Object.entries(def.lists ?? {})) {
    listKinds.push([name, 'list', ...textCells(undefined, langs)]);
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
    survey.push({ type: 'begin_group', name: section.id, ...texts('label', section.title, langs), ...texts('hint', section.description, langs), relevant: expression(section.visibleIf) });
    for (const q of section.questions) survey.push(...questionRows(def, q, ownList, langs));
    survey.push({ type: 'end_group', name: section.id });
  }

  for (const { option } of choiceRows) for (const key of Object.keys(option.data ?? {})) dataColumns.add(key);
  const data = [...dataColumns];
  choices.push(['list_name', 'name', ...translatedHeaders('label', langs), 'other', 'exclusive', 'missing', ...data]);
  for (const { list, option } of choiceRows)
    choices.push([
      list,
      option.value,
      ...textCells(option.label, langs),
      option.other ? 'yes' : '',
      option.exclusive ? 'yes' : '',
      option.missing ? 'yes' : '',
      ...data.map((k) => option.data?.[k] ?? ''),
    ]);

  const scoring = exportScoring(def, langs);
  const settingsRow: Record<string, Cell> = {
    form_id: def.id,
    version: def.version,
    ...texts('form_title', def.title, langs),
    default_language: languageHeader(def.defaultLanguage ?? 'vi'),
    ...texts('description', def.description, langs),
    ...texts('scoring_note', def.scoringNote, langs),
    ...(scoring?.settings ?? {}),
  };
  const groups: Rows = [['name', ...translatedHeaders('label', langs), 'stratum_list'], ...def.respondentGroups.map((g) => [g.id, ...textCells(g.label, langs), g.stratumList ?? ''])];
  const columns = surveyColumns(langs);

  return {
    sheets: {
      survey: [columns, ...survey.map((r) => columns.map((c) => r[c] ?? ''))],
      choices,
      settings: [Object.keys(settingsRow), Object.values(settingsRow)],
      lists: listKinds,
      groups,
      ...(scoring?.sheets ?? {}),
    },
  };
}

function constraintColumns(q: Question, langs: readonly string[]): SurveyRow {
  if (q.type === 'note' || !q.constraints || q.constraints.length === 0) return {};
  const [first] = q.constraints;
  if (q.constraints.length === 1 && first) return { constraint: expression(first.test), ...texts('constraint_message', first.message, langs) };
  // Several constraints become one: XLSForm has one constraint and one message per question.
  const all: Condition = { all: q.constraints.map((c) => c.test) };
  const joined = (lang: string): string => q.constraints!.map((c) => pickText(c.message, lang)).join(' ');
  const message: Text = { vi: joined('vi'), en: joined('en') };
  for (const lang of langs) if (q.constraints.some((c) => c.message[lang] !== undefined)) message[lang] = joined(lang);
  return { constraint: expression(all), ...texts('constraint_message', message, langs) };
}

function questionRows(def: Definition, q: Question, ownList: (q: Question, options: readonly Option[]) => string, langs: readonly string[]): SurveyRow[] {
  const byDefault = q.type === 'note' || q.type === 'matrix' || q.default === undefined ? '' : Array.isArray(q.default) ? q.default.join(' ') : q.default === 'today' && q.type === 'date' ? 'today()' : q.default;
  const common: SurveyRow = {
    name: q.id,
    default: byDefault,
    ...texts('label', q.label, langs),
    ...texts('hint', q.hint, langs),
    relevant: expression(q.visibleIf),
    ...(isAnswerable(q) && q.required ? { required: 'yes', ...texts('required_message', q.requiredMessage, langs) } : {}),
    ...constraintColumns(q, langs),
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
          ...texts('limit_message', q.limitMessage, langs),
        },
      ];
    case 'matrix': {
      const shortcut: SurveyRow = q.columnShortcut === undefined ? {} : { column_shortcut: q.columnShortcut ? 'yes' : 'no' };
      if (q.rowsFrom !== undefined)
        return [{ type: `select_one ${q.scale}`, ...common, rows_from: typeof q.rowsFrom === 'string' ? q.rowsFrom : STRATA_ROWS, ...shortcut }];
      // Required (and its message) goes on each row, where XLSForm tools read it.
      const messages = new Set(translatedHeaders('required_message', langs));
      const group = Object.fromEntries(Object.entries(common).filter(([k]) => k !== 'required' && !messages.has(k)));
      return [
        { type: 'begin_group', ...group, appearance: 'table-list', ...shortcut },
        ...rowsOf(def, q).map((row): SurveyRow => ({
          type: `select_one ${q.scale}`,
          name: nameOf(q.id, row.value),
          ...texts('label', row.label, langs),
          ...(q.required ? { required: 'yes', ...texts('required_message', q.requiredMessage, langs) } : {}),
        })),
        { type: 'end_group', name: q.id },
      ];
    }
    case 'integer':
    case 'decimal':
      return [{ type: q.type, ...common, min: q.min ?? '', max: q.max ?? '', ...(q.type === 'decimal' ? { decimals: q.decimals ?? '' } : {}), ...texts('unit', q.unit, langs) }];
    case 'text':
      return [
        {
          type: 'text',
          ...common,
          max_length: q.maxLength ?? '',
          ...texts('limit_message', q.limitMessage, langs),
          pattern: q.pattern ?? '',
          ...texts('pattern_message', q.patternMessage, langs),
        },
      ];
    case 'longtext':
      return [{ type: 'text', ...common, appearance: 'multiline', max_length: q.maxLength ?? '', ...texts('limit_message', q.limitMessage, langs) }];
    case 'date':
      return [{ type: 'date', ...common, min: q.min ?? '', max: q.max ?? '', ...texts('limit_message', q.limitMessage, langs) }];
  }
}
