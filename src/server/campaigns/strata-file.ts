/**
 * A list of strata imported into the campaign editor from a spreadsheet or CSV: one row per
 * stratum with its value (the code the tablet sends), label, parent (a unit's department) and
 * target. Headers in Vietnamese or English, any case (value / mã, label / tên, label::vi,
 * label::en, parent / cấp trên, target / chỉ tiêu). Checked against the respondent group's lists
 * when one is named: a value of its stratum list may take the list's label; any other value is a
 * stratum of the campaign's own (a unit or commune the list lacks), which must be a code and have
 * a label. Every bad row is located by sheet, row and column, in both languages.
 */
import type { ImportedStratum } from '../../contract';
import type { Definition, Text } from '../../survey';
import { CODE_RULE } from '../../survey/campaign';
import { ID_PATTERN } from '../../survey/schema';
import { cellText, parseHeader } from '../../survey/xlsform/workbook';
import type { Cell } from '../../survey/xlsform/workbook';
import type { LocatedProblem } from '../questionnaires/read-upload';

const strip = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const HEADERS: Record<string, 'value' | 'label' | 'parent' | 'target'> = {
  value: 'value',
  code: 'value',
  ma: 'value',
  name: 'value',
  label: 'label',
  ten: 'label',
  parent: 'parent',
  'cap tren': 'parent',
  'don vi cap tren': 'parent',
  'thuoc': 'parent',
  target: 'target',
  'chi tieu': 'target',
  'so phieu': 'target',
};

interface Columns {
  value?: number;
  parent?: number;
  target?: number;
  /** Language ('' for none) → column. */
  label: Map<string, number>;
  names: string[];
}

function columnsOf(header: readonly Cell[]): Columns {
  const out: Columns = { label: new Map(), names: header.map((h) => cellText(h)) };
  header.forEach((cell, i) => {
    const { column, lang } = parseHeader(cellText(cell));
    const kind = HEADERS[strip(column)];
    if (kind === undefined) return;
    if (kind === 'label') {
      const l = lang === undefined ? '' : /\bvi\b|viet/i.test(lang) ? 'vi' : /\ben\b|english|anh/i.test(strip(lang)) ? 'en' : lang;
      if (!out.label.has(l)) out.label.set(l, i);
    } else if (out[kind] === undefined) out[kind] = i;
  });
  return out;
}

export interface StrataCheck {
  definition: Definition;
  groupId: string;
}

/** The strata of a table's rows, or every problem of its rows. */
export function strataOfTable(sheet: string, rows: readonly Cell[][], against?: StrataCheck): { ok: true; strata: ImportedStratum[] } | { ok: false; problems: LocatedProblem[] } {
  const problems: LocatedProblem[] = [];
  const columns = columnsOf(rows[0] ?? []);
  const name = (i: number | undefined, fallback: string) => (i === undefined ? fallback : (columns.names[i] ?? fallback));
  if (columns.value === undefined) {
    problems.push({
      sheet,
      row: 1,
      message: {
        vi: 'dòng tiêu đề (dòng 1) cần cột “value” (hoặc “mã”): mã của từng tầng, như máy tính bảng gửi lên; các cột khác: “label” (tên), “parent” (cấp trên), “target” (chỉ tiêu)',
        en: 'the header row (row 1) needs a "value" (or "mã") column: each stratum\'s code as the tablet sends it; other columns: "label", "parent", "target"',
      },
    });
    return { ok: false, problems };
  }
  const def = against?.definition;
  const group = def?.respondentGroups.find((g) => g.id === against?.groupId);
  if (against && !group) {
    problems.push({ sheet: '(file)', message: { vi: `bảng hỏi không có nhóm “${against.groupId}”`, en: `the questionnaire has no group "${against.groupId}"` } });
    return { ok: false, problems };
  }
  const list = group?.stratumList !== undefined ? (def?.lists?.[group.stratumList] ?? []) : undefined;
  if (against && list === undefined) {
    problems.push({
      sheet: '(file)',
      message: { vi: `nhóm “${against.groupId}” không chia tầng: hãy đặt một chỉ tiêu chung`, en: `the group "${against.groupId}" has no strata: give it one target` },
    });
    return { ok: false, problems };
  }
  const labels = new Map((list ?? []).map((item) => [item.value, item.label]));
  const parentValues = def?.lists ? new Set(Object.values(def.lists).flatMap((l) => l.map((i) => i.value))) : undefined;
  const seen = new Map<string, number>();
  const strata: ImportedStratum[] = [];
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (!cells || cells.every((c) => cellText(c) === '')) return;
    const at = (column: number | undefined, fallback: string, vi: string, en: string) => problems.push({ sheet, row, column: name(column, fallback), message: { vi, en } });
    const value = cellText(cells[columns.value!]);
    if (value === '') return void at(columns.value, 'value', 'thiếu mã tầng', 'the value (code) is missing');
    if (value.length > 100) return void at(columns.value, 'value', 'mã tầng dài quá 100 ký tự', 'the value is over 100 characters');
    const first = seen.get(value);
    if (first !== undefined) return void at(columns.value, 'value', `mã “${value}” trùng với dòng ${first}`, `"${value}" repeats row ${first}`);
    seen.set(value, row);
    // A value the list lacks is a stratum of the campaign's own: a code, named in this row.
    const own = list !== undefined && !labels.has(value);
    if (own && !ID_PATTERN.test(value))
      at(
        columns.value,
        'value',
        `“${value}” không có trong danh sách “${group!.stratumList}” của bảng hỏi ${def!.id} phiên bản ${def!.version}, và không dùng được làm mã cho tầng ngoài danh sách: ${CODE_RULE.vi}`,
        `"${value}" is not in the list "${group!.stratumList}" of ${def!.id} version ${def!.version}, and is not a code a stratum outside the list can have: ${CODE_RULE.en}`,
      );
    const texts = new Map<string, string>();
    for (const [lang, index] of columns.label) {
      const t = cellText(cells[index]);
      if (t !== '') texts.set(lang, t);
    }
    const fromList = labels.get(value);
    const any = texts.get('') ?? texts.values().next().value;
    const label: Text | undefined =
      texts.size > 0 ? { vi: texts.get('vi') ?? any ?? '', en: texts.get('en') ?? texts.get('vi') ?? any ?? '' } : fromList;
    if (!label && own)
      return void at(
        columns.label.values().next().value,
        'label',
        `thiếu tên tầng: “${value}” không có trong danh sách “${group!.stratumList}” của bảng hỏi nên phải ghi tên (tiếng Việt và tiếng Anh) cho tầng này`,
        `the label is missing: "${value}" is not in the list "${group!.stratumList}" of the questionnaire, so the file must name this stratum (in Vietnamese and English)`,
      );
    if (!label) return void at(columns.label.values().next().value, 'label', 'thiếu tên tầng', 'the label is missing');
    const parent = columns.parent !== undefined ? cellText(cells[columns.parent]) : '';
    if (parent !== '' && parentValues && !parentValues.has(parent))
      at(columns.parent, 'parent', `cấp trên “${parent}” không có trong danh sách nào của bảng hỏi`, `the parent "${parent}" is in none of the questionnaire's lists`);
    let target: number | undefined;
    if (columns.target !== undefined && cellText(cells[columns.target]) !== '') {
      const t = Number(cellText(cells[columns.target]));
      if (!Number.isInteger(t) || t < 1 || t > 1_000_000)
        at(columns.target, 'target', `chỉ tiêu “${cellText(cells[columns.target])}” phải là số nguyên từ 1 trở lên`, `the target "${cellText(cells[columns.target])}" must be a whole number from 1 up`);
      else target = t;
    }
    strata.push({ value, label, ...(parent !== '' ? { parent } : {}), ...(target !== undefined ? { target } : {}) });
  });
  if (problems.length === 0 && strata.length === 0)
    problems.push({ sheet, message: { vi: 'tệp không có dòng tầng nào dưới dòng tiêu đề', en: 'the file has no strata below its header row' } });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, strata };
}
