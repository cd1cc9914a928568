/**
 * What the SPSS and Stata syntax files (./spss.ts, ./stata.ts) share: the codes CSV's columns
 * (./columns.ts, in the same order) as variables with a type, a label and a width; names a
 * statistics package accepts, unique; and the label sets — one per scale or list of the
 * questionnaire, used by every question and matrix row on it, one for the 0/1 columns of multiple
 * choices, one per interview field with codes (group, stratum, language, mode, clock).
 *
 * A value label's value is the code as a program reading the CSV gets it: a number in a numeric
 * column (integer codes, 0/1), else the text of the cell (./csv.ts `cellText`: on one line, made
 * safe, a code beginning with = + - @ guarded with ').
 */
import type { Definition, Lang, ListItem, Question, Text } from '../../survey';
import { definitionLanguages, languageLabel, optionsOf, otherKey, questionIndex } from '../../survey';
import { languageEnglishName } from '../../survey/language-names';
import type { CodebookLine, Column, ExportRow } from './columns';
import { exportColumns, typed } from './columns';
import type { MatrixRows } from '../campaigns/strata-rows';
import { cellText, oneLine } from './csv';
import { safeText } from './text';

/** The file name of the codes CSV the syntax reads (as the export route names it). */
export const csvFileName = (def: Definition): string => `${def.id}-v${def.version}.csv`;

// ---------------------------------------------------------------------------------------------
// Names

/**
 * Words neither package takes as a variable name (SPSS: its reserved keywords; Stata: its
 * reserved names, `str1`…`str2045` below), compared without case.
 */
const RESERVED = new Set([
  'all', 'and', 'by', 'eq', 'ge', 'gt', 'le', 'lt', 'ne', 'not', 'or', 'to', 'with',
  '_all', '_b', 'byte', '_coef', '_cons', 'double', 'float', 'if', 'in', 'int', 'long', '_n', '_pi', '_pred', '_rc', '_skip', 'strl', 'using',
]);

/** ASCII letters for Vietnamese ones (đ → d, ố → o), then anything but letters, digits and _ as _. */
function asciiName(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9_]/g, '_');
}

/** A valid name of at most `max` characters: starts with a letter; letters, digits and _; not reserved; no trailing _. */
export function validName(raw: string, max: number): string {
  let name = asciiName(raw);
  if (!/^[A-Za-z]/.test(name)) name = `v${name}`;
  name = name.slice(0, max).replace(/_+$/, '') || 'v';
  if (RESERVED.has(name.toLowerCase()) || /^str\d+$/i.test(name)) name = `v_${name}`.slice(0, max);
  return name;
}

/**
 * A valid name for each of `raws`, in order, at most `max` characters and unique without regard to
 * case (SPSS ignores case; Stata does not, but two names differing by case only would confuse): a
 * name already given gets _2, _3… in place of its last characters.
 */
export function uniqueNames(raws: readonly string[], max: number): string[] {
  const used = new Set<string>();
  return raws.map((raw) => {
    const base = validName(raw, max);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = `_${n}`;
      name = base.slice(0, max - suffix.length) + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

// ---------------------------------------------------------------------------------------------
// Lengths

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
const characters = (text: string): number => Array.from(text).length;

/** How a package measures a label: SPSS in bytes of UTF-8, Stata in characters. */
export type Measure = 'bytes' | 'characters';
const measureOf = (measure: Measure) => (measure === 'bytes' ? utf8Bytes : characters);

/**
 * `text` cut to at most `max` (bytes of UTF-8 or characters) with … at its end: never inside a
 * character, never between a letter and its combining marks (a decomposed ề keeps its marks or goes
 * whole).
 */
export function truncate(text: string, max: number, measure: Measure): string {
  const size = measureOf(measure);
  if (size(text) <= max) return text;
  const chars = Array.from(text);
  const room = max - size('…');
  let end = 0;
  let used = 0;
  while (end < chars.length && used + size(chars[end]!) <= room) used += size(chars[end++]!);
  // The first character left out is a combining mark: its letter goes with it.
  while (end > 0 && end < chars.length && /\p{M}/u.test(chars[end]!)) end--;
  return chars.slice(0, end).join('').trimEnd() + '…';
}

/** A label as one line of safe text. */
export const labelText = (text: string): string => oneLine(safeText(text)).trim();

/** A variable's label: the question, and the matrix row, option or "other" it is about. */
export interface LabelParts {
  main: Text;
  tail?: Text;
}

const SEPARATOR = ' — ';

/**
 * The label in `lang` within `max`: when it is too long the question's text is cut and the row or
 * option kept whole (what tells the columns of one matrix apart), unless that alone is too long.
 */
export function fitLabel(parts: LabelParts, lang: Lang, max: number, measure: Measure): string {
  const main = labelText(parts.main[lang]);
  if (!parts.tail) return truncate(main, max, measure);
  const tail = labelText(parts.tail[lang]);
  const whole = main + SEPARATOR + tail;
  const size = measureOf(measure);
  if (size(whole) <= max) return whole;
  const room = max - size(SEPARATOR + tail);
  return room >= Math.min(20, max / 4) ? truncate(main, room, measure) + SEPARATOR + tail : truncate(whole, max, measure);
}

// ---------------------------------------------------------------------------------------------
// Variables and label sets

export interface LabelValue {
  /** As a program reading the CSV gets it: a number in a numeric column, else the cell's text. */
  value: number | string;
  /** The code as the questionnaire has it. */
  code: string;
  label: Text;
  /** A non-substantive answer (such as "don't know"), left out of scores. */
  missing: boolean;
}

export interface LabelSet {
  /** What its codes come from: `scale:<name>`, `list:<name>`, `options:<question>`, `selected`, or an interview field. */
  key: string;
  /** A valid name, unique among the sets, short enough for Stata's `_c_` prefix. */
  name: string;
  /** What it is, for comments. */
  about: Text;
  numeric: boolean;
  values: LabelValue[];
  /** The variables labelled with it, in the CSV's order. */
  variables: Variable[];
}

export type VariableKind = 'code' | 'number' | 'text' | 'date' | 'time' | 'id';

export interface Variable {
  /** The CSV's header. */
  column: string;
  /** 1 for the first column. */
  position: number;
  label: LabelParts;
  kind: VariableKind;
  numeric: boolean;
  /** Decimals a number is shown with. */
  decimals: number;
  /** The most bytes a text value can take, when the questionnaire or the server bounds it. */
  bytes?: number;
  labels?: LabelSet;
  /** The export's column (reads a value from an interview). */
  source: Column;
}

export interface Dictionary {
  def: Definition;
  /** The codes CSV the syntax reads. */
  csv: string;
  variables: Variable[];
  labelSets: LabelSet[];
}

const T = (vi: string, en: string): Text => ({ vi, en });
/** Bytes of UTF-8 a JavaScript string of `units` UTF-16 units takes at most (3 per unit; a pair takes 4). */
const bytesOfUnits = (units: number): number => units * 3;
/** The enumerator's name: at most 200 characters when the enrolment code is issued (src/contract). */
const ENUMERATOR_BYTES = bytesOfUnits(200);
const INTERVIEW_LANGUAGES: Record<string, Text> = { vi: T('Tiếng Việt', 'Vietnamese'), en: T('Tiếng Anh', 'English') };
const INTERVIEW_CODES = new Set(['group', 'stratum', 'lang', 'mode', 'clock_suspect']);

function setKey(q: Question): { key: string; about: Text } {
  if (q.type === 'multiple') return { key: 'selected', about: T('câu nhiều lựa chọn: có chọn / không chọn phương án', 'multiple choice: option selected or not') };
  if (q.type === 'matrix') return scaleKey(q.scale);
  if (q.type === 'single' && !q.options) {
    if (q.scale !== undefined) return scaleKey(q.scale);
    if (q.optionsFrom !== undefined) return listKey(q.optionsFrom);
  }
  return { key: `options:${q.id}`, about: T(`phương án của câu ${q.id}`, `options of question ${q.id}`) };
}
const scaleKey = (scale: string) => ({ key: `scale:${scale}`, about: T(`thang đo ${scale}`, `scale ${scale}`) });
const listKey = (list: string) => ({ key: `list:${list}`, about: T(`danh sách ${list}`, `list ${list}`) });

/** The name a set is known by: the scale's own, list_<list>, q_<question>, or the field's. */
function setName(key: string): string {
  const [kind, name] = key.split(':') as [string, string | undefined];
  if (kind === 'scale') return name!;
  if (kind === 'list') return `list_${name}`;
  if (kind === 'options') return `q_${name}`;
  return key;
}

/** The CSV's columns as variables, and their label sets; `matrixRows` and `ownStrata` as the export's (exportColumns). */
export function dictionaryOf(def: Definition, matrixRows: MatrixRows = {}, ownStrata: readonly ListItem[] = []): Dictionary {
  const index = questionIndex(def);
  const sets = new Map<string, LabelSet>();
  /** The set `key` with these values, made on first use; a set of the other type under the same key gets a key of its own. */
  const setFor = (wanted: { key: string; about: Text }, numeric: boolean, values: () => LabelValue[]): LabelSet => {
    const key = sets.get(wanted.key) && sets.get(wanted.key)!.numeric !== numeric ? `${wanted.key}:${numeric ? 'number' : 'text'}` : wanted.key;
    let set = sets.get(key);
    if (!set) {
      set = { key, name: '', about: wanted.about, numeric, values: values(), variables: [] };
      sets.set(key, set);
    }
    return set;
  };
  const valueOf = (column: Column, code: string): number | string => {
    const typedCode = typed(column, code);
    return typeof typedCode === 'number' ? typedCode : cellText(code, true);
  };

  const variables = exportColumns(def, matrixRows, ownStrata).map((column, i): Variable => {
    const [first, ...codes] = column.codebook;
    const base = { column: column.key, position: i + 1, source: column, decimals: 0 };
    if (!first || first.question === '') {
      // An interview field.
      const label = { main: first?.label ?? T(column.key, column.key) };
      if (column.key === 'id' || column.key === 'device') return { ...base, label, kind: 'id', numeric: false, bytes: 64 };
      if (column.key === 'enumerator') return { ...base, label, kind: 'text', numeric: false, bytes: ENUMERATOR_BYTES };
      if (!INTERVIEW_CODES.has(column.key)) return { ...base, label, kind: 'time', numeric: false, bytes: 40 };
      const labels = interviewSet(def, column, codes, setFor, ownStrata);
      return { ...base, label, kind: 'code', numeric: false, ...(labels ? { labels } : {}) };
    }
    const q = index.get(first.question)!.question;
    const label: LabelParts =
      column.key === q.id ? { main: q.label } : { main: q.label, tail: { vi: first.label.vi.slice(q.label.vi.length + SEPARATOR.length), en: first.label.en.slice(q.label.en.length + SEPARATOR.length) } };
    if (column.key === otherKey(q.id)) return { ...base, label, kind: 'text', numeric: false };
    switch (q.type) {
      case 'single':
      case 'multiple':
      case 'matrix': {
        const numeric = column.numeric === true;
        const options = optionsOf(def, q);
        const labels = setFor(setKey(q), numeric, () =>
          codes.map((line) => ({
            value: valueOf(column, line.code!),
            code: line.code!,
            label: line.codeLabel!,
            missing: q.type !== 'multiple' && options.find((o) => o.value === line.code)?.missing === true,
          })),
        );
        return { ...base, label, kind: 'code', numeric, labels };
      }
      case 'integer':
        return { ...base, label, kind: 'number', numeric: true };
      case 'decimal':
        return { ...base, label, kind: 'number', numeric: true, decimals: q.decimals ?? 2 };
      case 'date':
        return { ...base, label, kind: 'date', numeric: false, bytes: 10 };
      case 'text':
      case 'longtext':
        return { ...base, label, kind: 'text', numeric: false, ...(q.maxLength !== undefined ? { bytes: bytesOfUnits(q.maxLength) } : {}) };
      case 'note':
        throw new Error(`a note has no column (${q.id})`);
    }
  });
  for (const v of variables) v.labels?.variables.push(v);
  const labelSets = [...sets.values()].filter((s) => s.variables.length > 0);
  const names = uniqueNames(labelSets.map((s) => setName(s.key)), 28);
  labelSets.forEach((s, i) => (s.name = names[i]!));
  return { def, csv: csvFileName(def), variables, labelSets };
}

type SetFor = (wanted: { key: string; about: Text }, numeric: boolean, values: () => LabelValue[]) => LabelSet;

/**
 * The label set of an interview field with codes: the codebook's (group, mode, clock_suspect), the
 * two interview languages, and for the stratum the list of its groups' strata, then the strata of
 * the campaigns' own that the list lacks (the list's own set, shared with a question on that list
 * — the one recording the stratum — when every group with strata uses the same list).
 */
function interviewSet(def: Definition, column: Column, codes: readonly CodebookLine[], setFor: SetFor, ownStrata: readonly ListItem[]): LabelSet | undefined {
  const about = (vi: string, en: string) => ({ key: column.key, about: T(vi, en) });
  const text = (code: string, label: Text): LabelValue => ({ value: cellText(code, true), code, label, missing: false });
  switch (column.key) {
    case 'lang': {
      // Vietnamese, English, and the further languages the questionnaire's texts carry.
      const further = definitionLanguages(def).filter((code) => INTERVIEW_LANGUAGES[code] === undefined);
      const named = (code: string): Text => {
        const english = languageEnglishName(code);
        return T(languageLabel(code), english === code ? code : `${english} (${code})`);
      };
      return setFor(about('ngôn ngữ phỏng vấn', 'interview language'), false, () => [
        ...Object.entries(INTERVIEW_LANGUAGES).map(([code, label]) => text(code, label)),
        ...further.map((code) => text(code, named(code))),
      ]);
    }
    case 'stratum': {
      const lists = [...new Set(def.respondentGroups.map((g) => g.stratumList).filter((l): l is string => l !== undefined && def.lists?.[l] !== undefined))];
      if (lists.length === 0) return undefined;
      const items = () => {
        const seen = new Set<string>();
        return [...lists.flatMap((l) => def.lists![l]!), ...ownStrata].filter((item) => !seen.has(item.value) && seen.add(item.value)).map((item) => text(item.value, item.label));
      };
      return setFor(lists.length === 1 ? listKey(lists[0]!) : about(`các tầng (${lists.join(', ')})`, `strata (${lists.join(', ')})`), false, items);
    }
    default:
      return setFor(
        column.key === 'group' ? about('nhóm đối tượng', 'respondent group') : column.key === 'mode' ? about('hình thức phỏng vấn', 'interview mode') : about('giờ trên máy không tin được', 'device clock not believed'),
        false,
        () => codes.map((line) => text(line.code!, line.codeLabel!)),
      );
  }
}

/**
 * The most bytes each text variable without a bound (free text with no maximum length, "other,
 * please specify") takes in the codes CSV, over `batches` of interviews; and how many were read.
 */
export async function measureTexts(dictionary: Dictionary, batches: AsyncIterable<ExportRow[]>): Promise<{ interviews: number; bytes: Map<string, number> }> {
  const unbounded = dictionary.variables.filter((v) => !v.numeric && v.bytes === undefined);
  const bytes = new Map(unbounded.map((v) => [v.column, 0]));
  let interviews = 0;
  if (unbounded.length === 0) return { interviews, bytes };
  for await (const batch of batches) {
    interviews += batch.length;
    for (const row of batch)
      for (const v of unbounded) {
        const value = v.source.code(row);
        if (typeof value === 'string') bytes.set(v.column, Math.max(bytes.get(v.column)!, utf8Bytes(cellText(value, true))));
      }
  }
  return { interviews, bytes };
}

// ---------------------------------------------------------------------------------------------
// What both files say first

/** The opening lines both files have, as plain text: which CSV, questionnaire, version, when, in which language. */
export function aboutLines(dictionary: Dictionary, lang: Lang, madeAt: string, program: 'SPSS' | 'Stata'): string[] {
  const { def, csv } = dictionary;
  const title = labelText(def.title[lang]);
  return lang === 'vi'
    ? [
        `${program === 'SPSS' ? 'Cú pháp SPSS' : 'Tệp lệnh Stata'} đọc tệp ${csv}: tệp "CSV (mã)" tải về của cùng bảng hỏi và phiên bản (UTF-8, mỗi dòng một phiếu).`,
        `Bảng hỏi: ${title} (${def.id}), phiên bản ${def.version}.`,
        `Máy chủ tạo lúc ${madeAt} (UTC). Nhãn biến và nhãn giá trị bằng tiếng Việt (tiếng Anh: thêm ?labels=en vào địa chỉ tải).`,
        `Đặt tệp này cùng thư mục với ${csv} rồi chạy. ${program} tìm tệp CSV trong thư mục làm việc hiện tại: nếu báo không thấy tệp, hãy chạy trước lệnh ${program === 'SPSS' ? "CD 'thư mục chứa hai tệp'" : 'cd "thư mục chứa hai tệp"'}.`,
      ]
    : [
        `${program === 'SPSS' ? 'SPSS syntax' : 'Stata do-file'} reading ${csv}: the "CSV (codes)" download of the same questionnaire and version (UTF-8, one interview per line).`,
        `Questionnaire: ${title} (${def.id}), version ${def.version}.`,
        `Made by the server at ${madeAt} (UTC). Variable and value labels in English (Vietnamese: the same download without ?labels=en).`,
        `Put this file in the same folder as ${csv}, then run it. ${program} looks for the CSV in its working folder: if it cannot find it, first run ${program === 'SPSS' ? "CD 'the folder of both files'" : 'cd "the folder of both files"'}.`,
      ];
}

/** "CSV column → variable" for every column whose header is not a valid name, as plain text lines; none when every header is kept. */
export function renamedLines(dictionary: Dictionary, names: readonly string[], lang: Lang, max: number): string[] {
  const renamed = dictionary.variables.filter((v, i) => v.column !== names[i]);
  if (renamed.length === 0) return [];
  return [
    lang === 'vi'
      ? `Các cột CSV được đổi tên (tên biến chỉ gồm chữ cái không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ cái, tối đa ${max} ký tự, không trùng nhau)`
      : `CSV columns renamed (a variable name is ASCII letters, digits and underscores, starts with a letter, has at most ${max} characters and is unique)`,
    ...renamed.map((v) => `  ${truncate(labelText(v.column), 160, 'bytes')} -> ${names[v.position - 1]}`),
  ];
}
