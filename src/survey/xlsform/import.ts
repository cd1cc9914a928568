/**
 * XLSForm → definition. Reads the sheets `survey`, `choices` and `settings` of an XLSForm (and the
 * sheets this app's exporter adds: `lists`, `groups`, `scoring`, `weights`), turns expressions into
 * the engine's condition data (./expression; never evaluated as code), checks the result with the
 * engine, and locates every problem at its sheet, row and column, in Vietnamese and English.
 *
 * The mapping, construct by construct, is in the README ("Questionnaires as XLSForm").
 */
import { checkDefinition, MAX_TRANSLATION_NOTES, moreTranslationNotesText, translationNoteText } from '../check';
import { definitionLanguages } from '../definition-languages';
import { defaultLanguageOf, isLanguageCode } from '../languages';
import { describeIssueVi } from '../issue-vi';
import { Definition as DefinitionSchema, Id } from '../schema';
import type {
  Condition,
  Definition,
  ListItem,
  Option,
  Question,
  QuestionType,
  RespondentGroup,
  Scale,
  Section,
  Text,
} from '../types';
import { MAX_SECTIONS } from '../types';
import { constraintToRules, relevantToCondition, type ExprContext, type NameRef } from './expression';
import { importScoring } from './scoring-sheets';
import { cellText, findSheet, languageHeader, parseHeader, sheetRows, STRATA_ROWS, textOf, type SheetRow, type Workbook, type XlsformProblem } from './workbook';

export type ImportResult =
  | { ok: true; definition: Definition; warnings: XlsformProblem[] }
  | { ok: false; problems: XlsformProblem[]; warnings: XlsformProblem[] };

export interface ImportOptions {
  /** The uploaded file's name: the questionnaire's id when the settings sheet names none. */
  fileName?: string;
}

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)*$/;
const MAX_VERSION = 2_147_483_647;
const MAX_ROWS = 20_000;

/** XLSForm types that only record facts about the interview: the app records its own, so they are left out. */
const METADATA = new Set(['start', 'end', 'today', 'deviceid', 'subscriberid', 'simserial', 'phonenumber', 'username', 'email', 'audit', 'start-geopoint', 'instanceid']);

/** Types the engine has no question for, with what to say. */
const UNSUPPORTED: Record<string, Text> = {
  begin_repeat: { vi: 'không hỗ trợ nhóm lặp (repeat): hãy viết các câu hỏi lặp lại thành câu riêng hoặc dùng một ma trận', en: 'repeat groups are not supported: write the repeated questions out, or use a matrix (a table-list group)' },
  calculate: { vi: 'không hỗ trợ trường tính toán (calculate)', en: 'calculated fields (calculate) are not supported' },
  geopoint: { vi: 'không hỗ trợ thu tọa độ (geopoint)', en: 'locations (geopoint) are not supported' },
  geotrace: { vi: 'không hỗ trợ thu tọa độ (geotrace)', en: 'locations (geotrace) are not supported' },
  geoshape: { vi: 'không hỗ trợ thu tọa độ (geoshape)', en: 'locations (geoshape) are not supported' },
  image: { vi: 'không hỗ trợ ảnh, âm thanh và tệp đính kèm', en: 'images, audio and files are not supported' },
  audio: { vi: 'không hỗ trợ ảnh, âm thanh và tệp đính kèm', en: 'images, audio and files are not supported' },
  'background-audio': { vi: 'không hỗ trợ ghi âm', en: 'audio recording is not supported' },
  video: { vi: 'không hỗ trợ ảnh, âm thanh và tệp đính kèm', en: 'images, audio and files are not supported' },
  file: { vi: 'không hỗ trợ ảnh, âm thanh và tệp đính kèm', en: 'images, audio and files are not supported' },
  barcode: { vi: 'không hỗ trợ quét mã vạch', en: 'barcodes are not supported' },
  range: { vi: 'không hỗ trợ thanh trượt (range): hãy dùng câu hỏi số nguyên có giới hạn', en: 'range is not supported: use an integer question with limits' },
  rank: { vi: 'không hỗ trợ câu hỏi xếp hạng (rank)', en: 'ranking questions (rank) are not supported' },
  time: { vi: 'không hỗ trợ câu hỏi giờ (time)', en: 'time questions are not supported' },
  datetime: { vi: 'không hỗ trợ câu hỏi ngày giờ (datetime): hãy dùng câu hỏi ngày (date)', en: 'datetime questions are not supported: use a date question' },
  acknowledge: { vi: 'không hỗ trợ câu xác nhận (acknowledge): hãy dùng câu chọn một "Có"', en: 'acknowledge is not supported: use a select_one with one "yes" choice' },
  hidden: { vi: 'không hỗ trợ trường ẩn (hidden)', en: 'hidden fields are not supported' },
  'xml-external': { vi: 'không hỗ trợ dữ liệu ngoài (xml-external)', en: 'external data (xml-external) is not supported' },
  'csv-external': { vi: 'không hỗ trợ dữ liệu ngoài (csv-external)', en: 'external data (csv-external) is not supported' },
  select_one_from_file: { vi: 'không hỗ trợ danh sách lựa chọn từ tệp: hãy chép các lựa chọn vào trang choices', en: 'choices from a file are not supported: copy the choices into the choices sheet' },
  select_multiple_from_file: { vi: 'không hỗ trợ danh sách lựa chọn từ tệp: hãy chép các lựa chọn vào trang choices', en: 'choices from a file are not supported: copy the choices into the choices sheet' },
  trigger: { vi: 'không hỗ trợ loại trigger', en: 'trigger is not supported' },
};

const DEFAULT_CONSTRAINT_MESSAGE: Text = { vi: 'Câu trả lời không hợp lệ.', en: 'The answer is not valid.' };

/** One row of the survey sheet in its place: a question, or a group with its rows. */
type Node = { kind: 'question'; row: SheetRow; type: string } | { kind: 'group'; row: SheetRow; end: SheetRow | undefined; children: Node[] };

interface Choices {
  rows: Map<string, { row: SheetRow; option: Option }[]>;
}

class Importer {
  readonly problems: XlsformProblem[] = [];
  readonly warnings: XlsformProblem[] = [];
  defaultLang = 'vi';
  private readonly names = new Map<string, NameRef>();
  private readonly scaleNames = new Set<string>();
  private readonly listNames = new Set<string>();
  readonly scales: Record<string, Scale> = {};
  readonly lists: Record<string, ListItem[]> = {};
  /** The respondent groups (the groups sheet), read before the survey sheet. */
  groups: RespondentGroup[] = [];
  private choices: Choices = { rows: new Map() };
  private surveySheet = 'survey';
  /** Where each part of the definition came from, for locating the engine's own findings. */
  readonly origins = new Map<string, { sheet: string; row: number; column?: string }>();

  /** The form's languages besides vi and en, in the order the sheets name them (see formLanguages). */
  extras: readonly string[] = [];
  /** Texts lacking one of `extras`: notes once the form is read (see translationWarnings). */
  readonly gaps: { lang: string; sheet: string; row: number; column: string }[] = [];

  /**
   * A row's text in `column`, in every language of the form. A further language the text lacks
   * is noted (a partial translation: the text falls back to the default language).
   */
  textOf(sheet: string, r: SheetRow, column: string): Text | undefined {
    const text = textOf(r.texts(column), this.defaultLang, this.extras);
    if (text)
      for (const lang of this.extras)
        if (text[lang] === undefined) this.gaps.push({ lang, sheet, row: r.row, column: r.headerOf(column, lang) ?? `${column}::${languageHeader(lang)}` });
    return text;
  }

  problem(sheet: string, row: number | undefined, column: string | undefined, message: Text): void {
    this.problems.push({ sheet, ...(row !== undefined ? { row } : {}), ...(column !== undefined ? { column } : {}), message });
  }
  warn(sheet: string, row: number | undefined, column: string | undefined, message: Text): void {
    this.warnings.push({ sheet, ...(row !== undefined ? { row } : {}), ...(column !== undefined ? { column } : {}), message });
  }

  text(sheet: string, r: SheetRow, column: string, what: Text, required: boolean): Text | undefined {
    const t = this.textOf(sheet, r, column);
    if (!t && required) this.problem(sheet, r.row, column, { vi: `thiếu ${what.vi}`, en: `${what.en} is missing` });
    return t;
  }

  readChoices(book: Workbook): void {
    const sheet = findSheet(book, 'choices');
    if (!sheet) return;
    const rows = sheetRows(sheet.rows);
    const standard = new Set(['list_name', 'list name', 'name', 'label', 'image', 'audio', 'video', 'media', 'other', 'exclusive', 'missing', 'order']);
    for (const r of rows) {
      const list = r.get('list_name') || r.get('list name');
      const value = r.get('name');
      if (list === '') {
        this.problem(sheet.name, r.row, 'list_name', { vi: 'thiếu tên danh sách (list_name)', en: 'the list name (list_name) is missing' });
        continue;
      }
      if (value === '') {
        this.problem(sheet.name, r.row, 'name', { vi: `thiếu mã lựa chọn (name) trong danh sách "${list}"`, en: `the choice's code (name) is missing in list "${list}"` });
        continue;
      }
      const label = this.text(sheet.name, r, 'label', { vi: `nhãn của lựa chọn "${value}"`, en: `the label of choice "${value}"` }, true);
      if (!label) continue;
      const option: Option = { value, label };
      if (r.get('other') !== '' && flag(r.get('other'))) option.other = true;
      if (r.get('exclusive') !== '' && flag(r.get('exclusive'))) option.exclusive = true;
      if (r.get('missing') !== '' && flag(r.get('missing'))) option.missing = true;
      const data: Record<string, string> = {};
      for (const column of r.columns) {
        if (standard.has(column) || !ID_PATTERN.test(column) || r.get(column) === '') continue;
        data[column] = r.get(column);
      }
      if (Object.keys(data).length > 0) option.data = data;
      const list_ = this.choices.rows.get(list) ?? [];
      if (list_.some((c) => c.option.value === value)) {
        this.problem(sheet.name, r.row, 'name', { vi: `mã lựa chọn "${value}" bị trùng trong danh sách "${list}"`, en: `choice code "${value}" appears twice in list "${list}"` });
        continue;
      }
      list_.push({ row: r, option });
      this.choices.rows.set(list, list_);
    }
  }

  /** The `lists` sheet (written by this app's exporter): which choice lists are shared scales and lists of units. */
  readListKinds(book: Workbook): void {
    const sheet = findSheet(book, 'lists');
    if (!sheet) return;
    for (const r of sheetRows(sheet.rows)) {
      const name = r.get('list_name');
      const kind = r.get('kind');
      const choices = this.choices.rows.get(name);
      if (!choices) {
        this.problem(sheet.name, r.row, 'list_name', { vi: `không có danh sách "${name}" trong trang choices`, en: `there is no list "${name}" in the choices sheet` });
        continue;
      }
      if (!ID_PATTERN.test(name)) {
        this.problem(sheet.name, r.row, 'list_name', { vi: `tên danh sách "${name}" chỉ được gồm chữ, số, "_" hoặc "-" và bắt đầu bằng chữ`, en: `list name "${name}" must start with a letter and contain only letters, digits, "_" or "-"` });
        continue;
      }
      if (kind === 'scale') {
        const label = this.textOf(sheet.name, r, 'label');
        this.scales[name] = { ...(label ? { label } : {}), options: choices.map((c) => c.option) };
        this.scaleNames.add(name);
      } else if (kind === 'list') {
        this.lists[name] = choices.map((c) => ({ value: c.option.value, label: c.option.label }));
        this.listNames.add(name);
      } else {
        this.problem(sheet.name, r.row, 'kind', { vi: `loại danh sách là "scale" hoặc "list", không phải "${kind}"`, en: `the kind is "scale" or "list", not "${kind}"` });
      }
    }
  }

  /** The survey sheet as a tree of groups and questions. */
  tree(rows: SheetRow[]): Node[] {
    const root: Node[] = [];
    const stack: Extract<Node, { kind: 'group' }>[] = [];
    for (const r of rows) {
      const type = r.get('type').replace(/\s+/g, ' ');
      const base = type.toLowerCase().replace(/^(begin|end) (group|repeat)$/, '$1_$2');
      const into = stack.at(-1)?.children ?? root;
      if (base === '') {
        if (r.get('name') !== '' || r.texts('label').size > 0)
          this.problem(this.surveySheet, r.row, 'type', { vi: 'thiếu loại câu hỏi (type)', en: 'the question type (type) is missing' });
        continue;
      }
      if (base === 'begin_group') {
        const group: Extract<Node, { kind: 'group' }> = { kind: 'group', row: r, end: undefined, children: [] };
        into.push(group);
        stack.push(group);
      } else if (base === 'end_group') {
        const open = stack.pop();
        if (open) open.end = r;
        else this.problem(this.surveySheet, r.row, 'type', { vi: '"end_group" không có "begin_group" tương ứng', en: '"end_group" without a "begin_group" before it' });
      } else if (base === 'end_repeat') {
        // Refused at its begin_repeat.
      } else into.push({ kind: 'question', row: r, type });
    }
    for (const open of stack)
      this.problem(this.surveySheet, open.row.row, 'type', { vi: `nhóm "${open.row.get('name')}" chưa được đóng bằng "end_group"`, en: `group "${open.row.get('name')}" is not closed by an "end_group"` });
    return root;
  }

  /** A group whose questions are all single choices on one list: a matrix, one row per question. */
  matrixList(node: Extract<Node, { kind: 'group' }>): string | undefined {
    const appearance = node.row.get('appearance').toLowerCase();
    const tableList = /\btable-list\b/.test(appearance);
    if (!tableList && !/\bfield-list\b/.test(appearance)) return undefined;
    const rows = node.children.filter((c) => !(c.kind === 'question' && /\blabel\b/.test(c.row.get('appearance').toLowerCase())));
    if (rows.length < (tableList ? 1 : 2)) return undefined;
    let list: string | undefined;
    for (const c of rows) {
      if (c.kind !== 'question') return undefined;
      const [base, l, extra] = c.type.split(' ');
      if (base?.toLowerCase() !== 'select_one' || l === undefined || extra !== undefined) return undefined;
      if (list !== undefined && l !== list) return undefined;
      list = l;
    }
    return list;
  }

  declare(name: string, ref: NameRef, sheetRow: SheetRow): boolean {
    if (!ID_PATTERN.test(name)) {
      this.problem(this.surveySheet, sheetRow.row, 'name', {
        vi: name === '' ? 'thiếu tên câu hỏi (name)' : `tên "${name}" chỉ được gồm chữ, số, "_" hoặc "-" và bắt đầu bằng chữ`,
        en: name === '' ? 'the name is missing' : `name "${name}" must start with a letter and contain only letters, digits, "_" or "-"`,
      });
      return false;
    }
    if (this.names.has(name)) {
      this.problem(this.surveySheet, sheetRow.row, 'name', { vi: `tên "${name}" bị trùng`, en: `name "${name}" is used twice` });
      return false;
    }
    this.names.set(name, ref);
    if (ref.row === undefined) this.origins.set(`q.${name}`, { sheet: this.surveySheet, row: sheetRow.row });
    return true;
  }

  context(self?: NameRef): ExprContext {
    return { resolve: (name) => this.names.get(name), ...(self ? { self } : {}) };
  }

  relevant(r: SheetRow, self?: NameRef): Condition | undefined {
    const expr = r.get('relevant');
    if (expr === '') return undefined;
    const parsed = relevantToCondition(expr, this.context(self));
    if (parsed.ok) return parsed.value;
    this.problem(this.surveySheet, r.row, r.header('relevant'), parsed.message);
    return undefined;
  }

  sections(nodes: Node[], title: Text): Section[] {
    const sections: Section[] = [];
    let loose: Question[] = [];
    const flush = () => {
      if (loose.length === 0) return;
      sections.push({ id: this.freeSectionId(sections), title, questions: loose });
      loose = [];
    };
    for (const node of nodes) {
      if (node.kind === 'group' && this.matrixList(node) === undefined) {
        flush();
        const r = node.row;
        const name = r.get('name');
        if (!this.declareSection(name, r)) continue;
        const sectionTitle = this.text(this.surveySheet, r, 'label', { vi: `tiêu đề của phần "${name}"`, en: `the title of section "${name}"` }, false) ?? { vi: name, en: name };
        const description = this.textOf(this.surveySheet, r, 'hint');
        const visibleIf = this.relevant(r);
        const questions = this.questions(node.children, []);
        if (questions.length === 0) {
          this.problem(this.surveySheet, r.row, 'type', { vi: `phần "${name}" không có câu hỏi nào`, en: `section "${name}" has no questions` });
          continue;
        }
        this.origins.set(`sections.${sections.length}`, { sheet: this.surveySheet, row: r.row });
        sections.push({ id: name, title: sectionTitle, ...(description ? { description } : {}), ...(visibleIf ? { visibleIf } : {}), questions });
      } else loose.push(...this.questions([node], []));
    }
    flush();
    return sections;
  }

  private readonly sectionIds = new Set<string>();
  declareSection(name: string, r: SheetRow): boolean {
    if (!ID_PATTERN.test(name)) {
      this.problem(this.surveySheet, r.row, 'name', {
        vi: name === '' ? 'thiếu tên nhóm (name)' : `tên nhóm "${name}" chỉ được gồm chữ, số, "_" hoặc "-" và bắt đầu bằng chữ`,
        en: name === '' ? "the group's name is missing" : `group name "${name}" must start with a letter and contain only letters, digits, "_" or "-"`,
      });
      return false;
    }
    if (this.sectionIds.has(name)) {
      this.problem(this.surveySheet, r.row, 'name', { vi: `tên nhóm "${name}" bị trùng`, en: `group name "${name}" is used twice` });
      return false;
    }
    this.sectionIds.add(name);
    return true;
  }
  freeSectionId(sections: Section[]): string {
    let n = sections.length + 1;
    while (this.sectionIds.has(`section${n}`)) n += 1;
    this.sectionIds.add(`section${n}`);
    return `section${n}`;
  }

  /** Questions of a list of nodes; `inherited` are the conditions of the inner groups around them. */
  questions(nodes: Node[], inherited: Condition[]): Question[] {
    const out: Question[] = [];
    for (const node of nodes) {
      if (node.kind === 'group') {
        const list = this.matrixList(node);
        if (list !== undefined) {
          const q = this.matrix(node, list, inherited);
          if (q) out.push(q);
          continue;
        }
        const own = this.relevant(node.row);
        out.push(...this.questions(node.children, own ? [...inherited, own] : inherited));
        continue;
      }
      const q = this.question(node.row, node.type, inherited);
      if (q) out.push(q);
    }
    return out;
  }

  visibleIf(own: Condition | undefined, inherited: Condition[]): Condition | undefined {
    const all = own ? [...inherited, own] : inherited;
    if (all.length === 0) return undefined;
    return all.length === 1 ? all[0] : { all };
  }

  matrix(node: Extract<Node, { kind: 'group' }>, list: string, inherited: Condition[]): Question | undefined {
    const r = node.row;
    const id = r.get('name');
    const ref: NameRef = { q: id, type: 'matrix' };
    const visibleIf = this.visibleIf(this.relevant(r), inherited);
    if (!this.declare(id, ref, r)) return undefined;
    const scale = this.scaleFor(list, r);
    const label = this.text(this.surveySheet, r, 'label', { vi: `nhãn của nhóm "${id}"`, en: `the label of group "${id}"` }, true);
    const rows: ListItem[] = [];
    let required = false;
    /** The rows' required_message (XLSForm tools write it on each row): the first one, kept for the whole table. */
    let rowMessage: { text: Text; row: SheetRow } | undefined;
    for (const c of node.children) {
      if (c.kind !== 'question') continue;
      if (/\blabel\b/.test(c.row.get('appearance').toLowerCase())) continue;
      const name = c.row.get('name');
      const value = name.startsWith(`${id}_`) && name.length > id.length + 1 ? name.slice(id.length + 1) : name;
      if (!this.declare(name, { q: id, row: value, type: 'matrix' }, c.row)) continue;
      const rowLabel = this.text(this.surveySheet, c.row, 'label', { vi: `nhãn của dòng "${name}"`, en: `the label of row "${name}"` }, true);
      if (c.row.get('relevant') !== '')
        this.problem(this.surveySheet, c.row.row, c.row.header('relevant'), {
          vi: 'một dòng của ma trận (nhóm table-list) không thể có điều kiện hiển thị riêng: hãy đặt điều kiện cho cả nhóm',
          en: 'a row of a matrix (a table-list group) cannot have its own relevant: put the condition on the group',
        });
      if (c.row.get('constraint') !== '')
        this.problem(this.surveySheet, c.row.row, c.row.header('constraint'), {
          vi: 'một dòng của ma trận (nhóm table-list) không thể có ràng buộc riêng: hãy đặt ràng buộc cho cả nhóm',
          en: 'a row of a matrix (a table-list group) cannot have its own constraint: put it on the group',
        });
      this.limitMessage(c.row, 'matrix', false);
      const rowRequired = this.required(c.row);
      if (rowRequired) required = true;
      const message = this.requiredMessage(c.row, rowRequired);
      if (message && !rowMessage) rowMessage = { text: message, row: c.row };
      else if (message && rowMessage && (message.vi !== rowMessage.text.vi || message.en !== rowMessage.text.en))
        this.warn(this.surveySheet, c.row.row, c.row.header('required_message'), {
          vi: `một ma trận có một thông báo bắt buộc cho cả bảng: dùng thông báo của dòng ${rowMessage.row.row}`,
          en: `a matrix has one required message for the whole table: the one of row ${rowMessage.row.row} is used`,
        });
      if (rowLabel) rows.push({ value, label: rowLabel });
    }
    if (!label || !scale) return undefined;
    return this.matrixOf(r, ref, { id, label, scale, required, visibleIf, rowMessage: rowMessage?.text }, { rows });
  }

  /** A matrix from its row of the survey sheet (hint, constraint, column_shortcut read there) and its rows. */
  matrixOf(
    r: SheetRow,
    self: NameRef,
    base: { id: string; label: Text; scale: string; required: boolean; visibleIf: Condition | undefined; rowMessage?: Text | undefined },
    rows: { rows: ListItem[] } | { rowsFrom: string | { strata: true } },
  ): Question {
    const hint = this.textOf(this.surveySheet, r, 'hint');
    // A table-list group's own required_message, else its rows'.
    const requiredMessage = this.requiredMessage(r, base.required) ?? (base.required ? base.rowMessage : undefined);
    this.limitMessage(r, 'matrix', false);
    const constraints = this.constraints(r, self, 'matrix', {});
    return {
      type: 'matrix',
      id: base.id,
      label: base.label,
      ...(hint ? { hint } : {}),
      ...(base.required ? { required: true } : {}),
      ...(requiredMessage ? { requiredMessage } : {}),
      ...(base.visibleIf ? { visibleIf: base.visibleIf } : {}),
      ...(constraints.length > 0 ? { constraints } : {}),
      scale: base.scale,
      ...rows,
      ...(r.get('column_shortcut') !== '' ? { columnShortcut: flag(r.get('column_shortcut')) } : {}),
    };
  }

  /** The scale a matrix rates on: a declared scale, or the choice list made one. */
  scaleFor(list: string, r: SheetRow): string | undefined {
    if (this.scaleNames.has(list)) return list;
    const choices = this.choices.rows.get(list);
    if (!choices) {
      this.problem(this.surveySheet, r.row, 'type', { vi: `không có danh sách lựa chọn "${list}" trong trang choices`, en: `there is no choice list "${list}" in the choices sheet` });
      return undefined;
    }
    if (!ID_PATTERN.test(list)) {
      this.problem(this.surveySheet, r.row, 'type', { vi: `tên danh sách "${list}" chỉ được gồm chữ, số, "_" hoặc "-" và bắt đầu bằng chữ`, en: `list name "${list}" must start with a letter and contain only letters, digits, "_" or "-"` });
      return undefined;
    }
    this.scales[list] = { options: choices.map((c) => c.option) };
    this.scaleNames.add(list);
    return list;
  }

  required(r: SheetRow): boolean {
    const v = r.get('required');
    if (v === '') return false;
    if (/^(yes|true|true\(\)|1|có)$/i.test(v)) return true;
    if (/^(no|false|false\(\)|0|không)$/i.test(v)) return false;
    this.problem(this.surveySheet, r.row, r.header('required'), {
      vi: `"required" là yes hoặc no; không hỗ trợ bắt buộc theo điều kiện ("${v}")`,
      en: `"required" is yes or no; a condition there is not supported ("${v}")`,
    });
    return false;
  }

  /**
   * `required_message` (plain or per language, as labels): what a required question says when it
   * is left unanswered. On a question that is not required it would never show, so it is left out
   * with a warning rather than making the question required behind the form author's back.
   */
  requiredMessage(r: SheetRow, required: boolean): Text | undefined {
    const message = this.textOf(this.surveySheet, r, 'required_message');
    if (!message || required) return message;
    this.warn(this.surveySheet, r.row, r.header('required_message'), {
      vi: 'không dùng "required_message": câu hỏi này không bắt buộc (ghi yes vào cột required để dùng thông báo này)',
      en: '"required_message" is not kept: this question is not required (write yes in its required column to use the message)',
    });
    return undefined;
  }

  /**
   * What a question says when an answer breaks its length, number-of-choices or date limit: this
   * app's `limit_message` column (plain or per language, as labels), else `fromConstraint`, the
   * message of the constraint that became the limit. Without a limit it would never show, so the
   * column is then left out with a warning.
   */
  limitMessage(r: SheetRow, kind: QuestionType, hasLimit: boolean, fromConstraint?: Text): Text | undefined {
    const own = this.textOf(this.surveySheet, r, 'limit_message');
    if (!own || hasLimit) return own ?? fromConstraint;
    const number = kind === 'integer' || kind === 'decimal';
    this.warn(this.surveySheet, r.row, r.header('limit_message'), {
      vi: number
        ? 'không dùng "limit_message": giới hạn của câu hỏi số lấy thông báo ở cột constraint_message (ghi giới hạn vào cột constraint, ví dụ . >= 0 and . <= 100)'
        : 'không dùng "limit_message": câu hỏi này không có giới hạn về độ dài, số lựa chọn hoặc ngày (ghi giới hạn vào cột constraint, hoặc max_length, min_selected, max_selected, min, max)',
      en: number
        ? '"limit_message" is not kept: a number\'s bounds take their message from constraint_message (write the bounds in constraint, e.g. . >= 0 and . <= 100)'
        : '"limit_message" is not kept: this question has no limit on length, number of choices or dates (write one in constraint, or in max_length, min_selected, max_selected, min, max)',
    });
    return undefined;
  }

  number(r: SheetRow, column: string, integer: boolean): number | undefined {
    const v = r.get(column);
    if (v === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      this.problem(this.surveySheet, r.row, column, { vi: `"${column}" phải là ${integer ? 'số nguyên' : 'số'}, không phải "${v}"`, en: `"${column}" must be ${integer ? 'a whole number' : 'a number'}, not "${v}"` });
      return undefined;
    }
    return n;
  }

  constraints(r: SheetRow, self: NameRef, type: QuestionType, settings: Record<string, unknown>): { test: Condition; message: Text }[] {
    const expr = r.get('constraint');
    if (expr === '') return [];
    const parsed = constraintToRules(expr, this.context(self));
    if (!parsed.ok) {
      this.problem(this.surveySheet, r.row, r.header('constraint'), parsed.message);
      return [];
    }
    const message = this.textOf(this.surveySheet, r, 'constraint_message');
    const rules = { ...parsed.value };
    // Bounds with the form's own message stay a condition, so that message is the one shown.
    if (message && (rules.min !== undefined || rules.max !== undefined)) {
      const bounds: Condition[] = [
        ...(rules.min !== undefined ? [{ q: self.q, gte: rules.min }] : []),
        ...(rules.max !== undefined ? [{ q: self.q, lte: rules.max }] : []),
        ...(rules.condition ? [rules.condition] : []),
      ];
      rules.condition = bounds.length === 1 ? bounds[0]! : { all: bounds };
      delete rules.min;
      delete rules.max;
    }
    const fits: Record<string, readonly QuestionType[]> = {
      min: ['integer', 'decimal'],
      max: ['integer', 'decimal'],
      minDate: ['date'],
      maxDate: ['date'],
      maxLength: ['text', 'longtext'],
      pattern: ['text'],
      minSelected: ['multiple'],
      maxSelected: ['multiple'],
    };
    for (const [key, types] of Object.entries(fits)) {
      const value = (rules as Record<string, unknown>)[key];
      if (value === undefined) continue;
      if (!types.includes(type)) {
        this.problem(this.surveySheet, r.row, r.header('constraint'), {
          vi: `ràng buộc "${expr}" không áp dụng được cho câu hỏi loại ${type}`,
          en: `constraint "${expr}" does not apply to a question of type ${type}`,
        });
        return [];
      }
      const target = key === 'minDate' ? 'min' : key === 'maxDate' ? 'max' : key;
      settings[target] = value;
      if (key === 'pattern' && message) settings.patternMessage = message;
    }
    // A length, number of choices or date limit says the constraint's message too (limitMessage),
    // whether it is the whole constraint or joined with a condition that keeps the same message.
    const limits = (['maxLength', 'minDate', 'maxDate', 'minSelected', 'maxSelected'] as const).filter((k) => rules[k] !== undefined);
    if (message && limits.length > 0) settings.limitMessage = message;
    return rules.condition ? [{ test: rules.condition, message: message ?? DEFAULT_CONSTRAINT_MESSAGE }] : [];
  }

  choiceFilter(r: SheetRow): { field: string; q: string }[] | undefined {
    const expr = r.get('choice_filter');
    if (expr === '') return undefined;
    const filter: { field: string; q: string }[] = [];
    for (const part of expr.split(/\s+and\s+/)) {
      const text = part.trim();
      const left = /^([A-Za-z][\w-]*)\s*=\s*\$\{\s*([^}\s]+)\s*\}$/.exec(text);
      const right = /^\$\{\s*([^}\s]+)\s*\}\s*=\s*([A-Za-z][\w-]*)$/.exec(text);
      const field = left?.[1] ?? right?.[2];
      const ref = this.names.get(left?.[2] ?? right?.[1] ?? '');
      if (field === undefined || !ref || ref.type !== 'single' || ref.row !== undefined) {
        this.problem(this.surveySheet, r.row, r.header('choice_filter'), {
          vi: `bộ lọc lựa chọn "${part.trim()}" phải có dạng cột = \${câu hỏi chọn một ở phía trước}, nối bằng "and"`,
          en: `choice filter "${part.trim()}" must read column = \${an earlier select_one question}, joined by "and"`,
        });
        return undefined;
      }
      filter.push({ field, q: ref.q });
    }
    return filter;
  }

  question(r: SheetRow, type: string, inherited: Condition[]): Question | undefined {
    const [rawBase = '', list, extra] = type.split(' ');
    const base = rawBase.toLowerCase();
    const name = r.get('name');
    if (METADATA.has(base)) {
      this.warn(this.surveySheet, r.row, 'type', { vi: `bỏ qua "${base}": ứng dụng tự ghi thời gian và thiết bị của mỗi phiếu`, en: `"${base}" is left out: the app records each interview's times and device itself` });
      return undefined;
    }
    const unsupported = UNSUPPORTED[base];
    if (unsupported) {
      this.problem(this.surveySheet, r.row, 'type', unsupported);
      return undefined;
    }
    const kinds: Record<string, QuestionType> = { note: 'note', select_one: 'single', select_multiple: 'multiple', integer: 'integer', int: 'integer', decimal: 'decimal', text: 'text', string: 'text', date: 'date' };
    let kind = kinds[base];
    if (kind === undefined) {
      this.problem(this.surveySheet, r.row, 'type', { vi: `không biết loại câu hỏi "${rawBase}"`, en: `unknown question type "${rawBase}"` });
      return undefined;
    }
    const appearance = r.get('appearance').toLowerCase();
    if (kind === 'text' && /\bmultiline\b/.test(appearance)) kind = 'longtext';
    const rowsFrom = r.get('rows_from');
    if (kind === 'single' && rowsFrom !== '') return this.listMatrix(r, list ?? '', rowsFrom, inherited);
    const self: NameRef = { q: name, type: kind };
    const visibleIf = this.visibleIf(this.relevant(r), inherited);
    if (!this.declare(name, self, r)) return undefined;
    const label = this.text(this.surveySheet, r, 'label', { vi: `nhãn của câu "${name}"`, en: `the label of "${name}"` }, true);
    const hint = this.textOf(this.surveySheet, r, 'hint');
    // Its type per question kind is checked with the whole definition by the engine's schema.
    const byDefault: object = this.defaultOf(r, kind);
    if (!label) return undefined;
    const common = { id: name, label, ...(hint ? { hint } : {}), ...(visibleIf ? { visibleIf } : {}) };
    if (kind === 'note') {
      this.requiredMessage(r, false);
      this.limitMessage(r, kind, false);
      return { type: 'note', ...common };
    }
    const required = this.required(r);
    const requiredMessage = this.requiredMessage(r, required);
    const settings: Record<string, unknown> = {};
    const constraints = this.constraints(r, self, kind, settings);
    const answerable = {
      ...common,
      ...(required ? { required } : {}),
      ...(requiredMessage ? { requiredMessage } : {}),
      ...(constraints.length > 0 ? { constraints } : {}),
      ...byDefault,
    };
    const unit = this.textOf(this.surveySheet, r, 'unit');
    const num = (column: string, integer: boolean) => this.number(r, column, integer) ?? (settings[column] as number | undefined);
    switch (kind) {
      case 'single':
      case 'multiple': {
        const source = this.choiceSource(r, list, extra);
        if (!source) return undefined;
        const choiceFilter = this.choiceFilter(r);
        const layout = /\bminimal\b|\bautocomplete\b|\bsearch\b/.test(appearance) ? 'dropdown' : /^vertical$/.test(appearance) ? 'vertical' : /\bhorizontal|\blikert\b|\bcolumns/.test(appearance) ? 'horizontal' : undefined;
        if (kind === 'single') {
          this.limitMessage(r, kind, false);
          return {
            type: 'single',
            ...answerable,
            ...source,
            ...(layout ? { layout } : {}),
            ...(choiceFilter ? { choiceFilter } : {}),
            ...(flag(r.get('from_stratum')) ? { fromStratum: true } : {}),
          };
        }
        const minSelected = num('min_selected', true) ?? (settings.minSelected as number | undefined);
        const maxSelected = num('max_selected', true) ?? (settings.maxSelected as number | undefined);
        const limitMessage = this.limitMessage(r, kind, minSelected !== undefined || maxSelected !== undefined, settings.limitMessage as Text | undefined);
        return {
          type: 'multiple',
          ...answerable,
          ...source,
          ...(choiceFilter ? { choiceFilter } : {}),
          ...(minSelected !== undefined ? { minSelected } : {}),
          ...(maxSelected !== undefined ? { maxSelected } : {}),
          ...(limitMessage ? { limitMessage } : {}),
        };
      }
      case 'integer':
      case 'decimal': {
        const min = num('min', kind === 'integer');
        const max = num('max', kind === 'integer');
        const decimals = kind === 'decimal' ? this.number(r, 'decimals', true) : undefined;
        this.limitMessage(r, kind, false);
        return {
          type: kind,
          ...answerable,
          ...(min !== undefined ? { min } : {}),
          ...(max !== undefined ? { max } : {}),
          ...(decimals !== undefined ? { decimals } : {}),
          ...(unit ? { unit } : {}),
        } as Question;
      }
      case 'text':
      case 'longtext': {
        const maxLength = num('max_length', true) ?? (settings.maxLength as number | undefined);
        const pattern = r.get('pattern') || (settings.pattern as string | undefined);
        const patternMessage = this.textOf(this.surveySheet, r, 'pattern_message') ?? (settings.patternMessage as Text | undefined);
        const limitMessage = this.limitMessage(r, kind, maxLength !== undefined, settings.limitMessage as Text | undefined);
        const length = { ...(maxLength !== undefined ? { maxLength } : {}), ...(limitMessage ? { limitMessage } : {}) };
        if (kind === 'longtext') return { type: 'longtext', ...answerable, ...length };
        return {
          type: 'text',
          ...answerable,
          ...length,
          ...(pattern ? { pattern } : {}),
          ...(pattern && patternMessage ? { patternMessage } : {}),
        };
      }
      case 'date': {
        const min = r.get('min') || (settings.min as string | undefined);
        const max = r.get('max') || (settings.max as string | undefined);
        const limitMessage = this.limitMessage(r, kind, !!min || !!max, settings.limitMessage as Text | undefined);
        return { type: 'date', ...answerable, ...(min ? { min } : {}), ...(max ? { max } : {}), ...(limitMessage ? { limitMessage } : {}) };
      }
      default:
        return undefined;
    }
  }

  /** The `default` column as the question type takes it (checked against the question by the engine after). */
  defaultOf(r: SheetRow, kind: QuestionType): { default?: string | number | string[] } {
    const text = r.get('default');
    if (text === '') return {};
    const refuse = (vi: string, en: string) => {
      this.problem(this.surveySheet, r.row, 'default', { vi, en });
      return {};
    };
    switch (kind) {
      case 'note':
      case 'matrix':
        this.warn(this.surveySheet, r.row, 'default', { vi: 'không dùng giá trị mặc định (default) cho loại câu này', en: 'a default is not kept for this kind of question' });
        return {};
      case 'multiple':
        return { default: text.split(/\s+/) };
      case 'integer':
      case 'decimal': {
        const n = Number(text);
        if (!Number.isFinite(n) || (kind === 'integer' && !Number.isInteger(n)))
          return refuse(`giá trị mặc định phải là ${kind === 'integer' ? 'số nguyên' : 'số'}, không phải "${text}"`, `the default must be ${kind === 'integer' ? 'a whole number' : 'a number'}, not "${text}"`);
        return { default: n };
      }
      case 'date': {
        if (/^today(\(\))?$/.test(text)) return { default: 'today' };
        const cell = r.cell('default');
        // A date typed into Excel is a day number (days since 30 December 1899).
        if (typeof cell === 'number') return { default: new Date(Date.UTC(1899, 11, 30) + Math.round(cell) * 86_400_000).toISOString().slice(0, 10) };
        if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return refuse(`giá trị mặc định của câu ngày là today() hoặc một ngày dạng YYYY-MM-DD, không phải "${text}"`, `a date's default is today() or a date as YYYY-MM-DD, not "${text}"`);
        return { default: text };
      }
      default:
        return { default: text };
    }
  }

  /**
   * A single-choice row with `rows_from`: a matrix whose rows are a list's items (each department,
   * each district), or with `rows_from` = `strata()` the strata the campaign plans for the group.
   */
  listMatrix(r: SheetRow, list: string, rowsFrom: string, inherited: Condition[]): Question | undefined {
    const id = r.get('name');
    const self: NameRef = { q: id, type: 'matrix' };
    const visibleIf = this.visibleIf(this.relevant(r), inherited);
    if (!this.declare(id, self, r)) return undefined;
    const label = this.text(this.surveySheet, r, 'label', { vi: `nhãn của câu "${id}"`, en: `the label of "${id}"` }, true);
    const scale = this.scaleFor(list, r);
    const strata = rowsFrom.replace(/\s+/g, '').toLowerCase() === STRATA_ROWS;
    // Each row can be named in later expressions as ${<matrix>_<row>}, as in a table-list group
    // (for the campaign's strata: the items of the groups' stratum lists).
    const items = strata ? this.groups.flatMap((g) => (g.stratumList !== undefined ? (this.lists[g.stratumList] ?? []) : [])) : (this.lists[rowsFrom] ?? []);
    for (const item of items) {
      const name = `${id}_${item.value}`;
      if (!this.names.has(name)) this.names.set(name, { q: id, row: item.value, type: 'matrix' });
    }
    if (!strata && !this.listNames.has(rowsFrom)) {
      const hint = /^strata$/i.test(rowsFrom.trim()) && !this.choices.rows.has(rowsFrom.trim());
      this.problem(
        this.surveySheet,
        r.row,
        'rows_from',
        hint
          ? { vi: `để lấy hàng là các tầng của đợt khảo sát, hãy viết "${STRATA_ROWS}" (có cặp ngoặc), không phải "${rowsFrom}"`, en: `for the campaign's strata as rows write "${STRATA_ROWS}" (with the brackets), not "${rowsFrom}"` }
          : {
              vi: `"rows_from" phải là một danh sách loại "list" trong trang lists, hoặc "${STRATA_ROWS}" (các tầng của đợt khảo sát), không phải "${rowsFrom}"`,
              en: `"rows_from" must name a list of kind "list" in the lists sheet, or be "${STRATA_ROWS}" (the campaign's strata), not "${rowsFrom}"`,
            },
      );
    }
    const required = this.required(r);
    if (!label || !scale) return undefined;
    return this.matrixOf(r, self, { id, label, scale, required, visibleIf }, strata ? { rowsFrom: { strata: true } } : { rowsFrom });
  }

  choiceSource(r: SheetRow, list: string | undefined, extra: string | undefined): { options: Option[] } | { scale: string } | { optionsFrom: string } | undefined {
    if (list === undefined || list === '') {
      this.problem(this.surveySheet, r.row, 'type', { vi: 'thiếu tên danh sách lựa chọn sau select_one/select_multiple', en: 'the choice list is missing after select_one/select_multiple' });
      return undefined;
    }
    const orOther = extra?.toLowerCase() === 'or_other';
    if (extra !== undefined && !orOther) {
      this.problem(this.surveySheet, r.row, 'type', { vi: `không hiểu "${extra}" sau tên danh sách (chỉ có thể là or_other)`, en: `"${extra}" after the list name is not understood (only or_other is)` });
      return undefined;
    }
    const choices = this.choices.rows.get(list);
    if (!choices) {
      this.problem(this.surveySheet, r.row, 'type', { vi: `không có danh sách lựa chọn "${list}" trong trang choices`, en: `there is no choice list "${list}" in the choices sheet` });
      return undefined;
    }
    if (!orOther && this.scaleNames.has(list)) return { scale: list };
    if (!orOther && this.listNames.has(list)) return { optionsFrom: list };
    const options = choices.map((c) => c.option);
    if (orOther && !options.some((o) => o.value === 'other'))
      options.push({ value: 'other', label: { vi: 'Khác (ghi rõ)', en: 'Other (specify)' }, other: true });
    return { options };
  }
}

function flag(v: string): boolean {
  return /^(yes|true|true\(\)|1|có)$/i.test(v.trim());
}

/** The questionnaire id from a file name: "Khảo sát mẫu 2026.xlsx" → "khao-sat-mau-2026". */
export function idFromFileName(fileName: string): string {
  const base = fileName.replace(/\.[^.]*$/, '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  const id = base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').replace(/^[0-9-]+/, '');
  return id === '' ? 'questionnaire' : id.slice(0, 60).replace(/-+$/, '');
}

/** Imports an XLSForm. Never throws for any workbook: every problem comes back located. */
export function importXlsform(book: Workbook, options: ImportOptions = {}): ImportResult {
  const im = new Importer();
  const survey = findSheet(book, 'survey');
  if (!survey) {
    im.problem('survey', undefined, undefined, { vi: 'tệp không có trang "survey" (XLSForm cần các trang survey và choices)', en: 'the file has no "survey" sheet (an XLSForm needs the sheets survey and choices)' });
    return { ok: false, problems: im.problems, warnings: im.warnings };
  }
  const total = Object.values(book.sheets).reduce((n, rows) => n + rows.length, 0);
  if (total > MAX_ROWS * 5 || survey.rows.length > MAX_ROWS) {
    im.problem(survey.name, undefined, undefined, { vi: `tệp quá lớn: tối đa ${MAX_ROWS} dòng câu hỏi`, en: `the file is too large: at most ${MAX_ROWS} question rows` });
    return { ok: false, problems: im.problems, warnings: im.warnings };
  }
  const settingsSheet = findSheet(book, 'settings');
  const settings = settingsSheet ? sheetRows(settingsSheet.rows)[0] : undefined;
  const settingsName = settingsSheet?.name ?? 'settings';
  const defaultLang = settings?.get('default_language') ?? '';
  if (defaultLang !== '') im.defaultLang = parseHeader(`x::${defaultLang}`).lang ?? 'vi';
  im.extras = formLanguages(book, im);

  let id = settings?.get('form_id') ?? '';
  if (id === '' && options.fileName) id = idFromFileName(options.fileName);
  if (!Id.safeParse(id).success)
    im.problem(settingsName, settings?.row ?? 2, 'form_id', {
      vi: id === '' ? 'thiếu mã bảng hỏi (form_id)' : `mã bảng hỏi "${id}" chỉ được gồm chữ, số, "_" hoặc "-" và bắt đầu bằng chữ`,
      en: id === '' ? 'the form id (form_id) is missing' : `form id "${id}" must start with a letter and contain only letters, digits, "_" or "-"`,
    });
  const versionText = settings?.get('version') ?? '';
  const version = versionText === '' ? 1 : Number(versionText);
  if (!Number.isInteger(version) || version < 1 || version > MAX_VERSION)
    im.problem(settingsName, settings?.row ?? 2, 'version', { vi: `phiên bản (version) là số nguyên từ 1 đến ${MAX_VERSION}, không phải "${versionText}"`, en: `the version is a whole number from 1 to ${MAX_VERSION}, not "${versionText}"` });
  const title = (settings && im.textOf(settingsName, settings, 'form_title')) ?? { vi: id, en: id };
  const description = settings && im.textOf(settingsName, settings, 'description');
  const scoringNote = settings && im.textOf(settingsName, settings, 'scoring_note');

  im.readChoices(book);
  im.readListKinds(book);
  const groups = readGroups(book, im);
  im.groups = groups;
  const nodes = im.tree(sheetRows(survey.rows));
  const sections = im.sections(nodes, title);
  if (sections.length === 0 && im.problems.length === 0) im.problem(survey.name, undefined, undefined, { vi: 'bảng hỏi chưa có câu hỏi nào', en: 'the form has no questions' });
  if (sections.length > MAX_SECTIONS) im.problem(survey.name, undefined, undefined, { vi: `bảng hỏi có tối đa ${MAX_SECTIONS} phần (nhóm)`, en: `a form has at most ${MAX_SECTIONS} sections (groups)` });
  const scoring = importScoring(
    book,
    { method: settings?.get('scoring_method') ?? '', aggregation: settings?.get('scoring_aggregation') ?? '', breakdowns: settings?.get('scoring_breakdowns') ?? '' },
    (sheet, r, column) => im.textOf(sheet, r, column),
    (p) => im.problems.push(p),
  );
  if (im.problems.length > 0) return { ok: false, problems: im.problems, warnings: im.warnings };

  const definition: Definition = {
    id,
    version,
    title,
    ...(description ? { description } : {}),
    ...(scoringNote ? { scoringNote } : {}),
    respondentGroups: groups,
    ...(Object.keys(im.scales).length > 0 ? { scales: im.scales } : {}),
    ...(Object.keys(im.lists).length > 0 ? { lists: im.lists } : {}),
    sections,
    ...(scoring ? { scoring } : {}),
  };
  // The form's default language, when it is not Vietnamese and some text is in it (a form naming
  // one it has no column for reads as if it named none).
  if (im.defaultLang !== 'vi' && definitionLanguages(definition).includes(im.defaultLang)) definition.defaultLanguage = im.defaultLang;
  const checked = engineCheck(definition, im, survey.name);
  return checked.ok ? { ...checked, warnings: [...checked.warnings, ...translationWarnings(im, checked.definition)] } : checked;
}

/**
 * The form's languages besides Vietnamese and English: those of its translated columns
 * (`label::Khmer (km)`), sheet by sheet in the order they are read (survey, choices, settings, then
 * the others), and its default language. A column whose language has no code (`label::Kinh`)
 * cannot be kept: a warning says how to name it.
 */
function formLanguages(book: Workbook, im: Importer): string[] {
  const order = ['survey', 'choices', 'settings'];
  const sheets = Object.entries(book.sheets).sort(([a], [b]) => rank(order, a) - rank(order, b));
  const found = new Set<string>();
  for (const [name, rows] of sheets) {
    for (const cell of rows[0] ?? []) {
      const header = cellText(cell);
      const { lang } = parseHeader(header);
      if (lang === undefined || lang === 'vi' || lang === 'en' || found.has(lang)) continue;
      if (isLanguageCode(lang)) found.add(lang);
      else
        im.warn(name, 1, header, {
          vi: `không rõ mã ngôn ngữ của cột "${header}" nên không dùng cột này: hãy viết tên cột kèm mã ngôn ngữ, ví dụ "label::Khmer (km)"`,
          en: `column "${header}" names no language code, so it is not kept: write the code after the language, e.g. "label::Khmer (km)"`,
        });
    }
  }
  if (isLanguageCode(im.defaultLang) && im.defaultLang !== 'vi' && im.defaultLang !== 'en') found.add(im.defaultLang);
  return [...found];
}

const rank = (order: readonly string[], sheet: string): number => {
  const i = order.indexOf(sheet.trim().toLowerCase());
  return i < 0 ? order.length : i;
};

/**
 * A note for each text that lacks one of the form's further languages (a partial translation:
 * the text shows in the default language instead), at its sheet, row and column; at most
 * MAX_TRANSLATION_NOTES per language, the last one counting the rest.
 */
function translationWarnings(im: Importer, def: Definition): XlsformProblem[] {
  const fallback = defaultLanguageOf(def);
  const out: XlsformProblem[] = [];
  for (const lang of definitionLanguages(def)) {
    const gaps = im.gaps.filter((g) => g.lang === lang);
    const shown = gaps.length > MAX_TRANSLATION_NOTES ? gaps.slice(0, MAX_TRANSLATION_NOTES - 1) : gaps;
    for (const g of shown) out.push({ sheet: g.sheet, row: g.row, column: g.column, message: translationNoteText(lang, fallback) });
    if (gaps.length > shown.length) out.push({ sheet: shown.at(-1)!.sheet, message: moreTranslationNotesText(gaps.length - shown.length, lang, fallback) });
  }
  return out;
}

function readGroups(book: Workbook, im: Importer): RespondentGroup[] {
  const sheet = findSheet(book, 'groups');
  const everyone: RespondentGroup = { id: 'everyone', label: { vi: 'Mọi người trả lời', en: 'All respondents' } };
  if (!sheet) return [everyone];
  const groups: RespondentGroup[] = [];
  for (const r of sheetRows(sheet.rows)) {
    const id = r.get('name');
    if (!ID_PATTERN.test(id)) {
      im.problem(sheet.name, r.row, 'name', { vi: `mã nhóm người trả lời "${id}" chỉ được gồm chữ, số, "_" hoặc "-" và bắt đầu bằng chữ`, en: `respondent group id "${id}" must start with a letter and contain only letters, digits, "_" or "-"` });
      continue;
    }
    const label = im.text(sheet.name, r, 'label', { vi: `nhãn của nhóm "${id}"`, en: `the label of group "${id}"` }, true);
    const stratumList = r.get('stratum_list');
    if (label) groups.push({ id, label, ...(stratumList ? { stratumList } : {}) });
  }
  return groups.length > 0 ? groups : [everyone];
}

/** Runs the engine's own checks; a finding is located at the row the offending part came from. */
function engineCheck(definition: Definition, im: Importer, surveySheet: string): ImportResult {
  const parsed = DefinitionSchema.safeParse(definition);
  const found: { path: (string | number)[]; message: string; messageVi: string }[] = parsed.success
    ? checkDefinition(parsed.data)
    : parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message, messageVi: describeIssueVi(i) }));
  if (found.length === 0 && parsed.success) return { ok: true, definition: parsed.data, warnings: im.warnings };
  const problems = found.map((f): XlsformProblem => {
    const place = locate(f.path, definition, im);
    const where = f.path.join('.');
    return { sheet: place?.sheet ?? surveySheet, ...(place ? { row: place.row } : {}), message: { vi: `bảng hỏi chưa đúng (${where}): ${f.messageVi}`, en: `${where}: ${f.message}` } };
  });
  return { ok: false, problems, warnings: im.warnings };
}

function locate(path: (string | number)[], def: Definition, im: Importer): { sheet: string; row: number } | undefined {
  if (path[0] === 'sections' && typeof path[1] === 'number') {
    if (path[2] === 'questions' && typeof path[3] === 'number') {
      const q = def.sections[path[1]]?.questions[path[3]];
      const origin = q ? im.origins.get(`q.${q.id}`) : undefined;
      if (origin) return origin;
    }
    return im.origins.get(`sections.${path[1]}`);
  }
  return undefined;
}
