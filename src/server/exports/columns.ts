/**
 * The columns of an export, one row per interview: the interview's own fields, then one column per
 * question — a matrix one per row (`q.row`), a multiple choice one per option (`q.option`: 1
 * selected, 0 not, empty when unanswered), `q__other` for "other, please specify" — each giving a
 * code, a label in either language, and its codebook entries.
 */
import { isAnswerable, optionsOf, otherKey, rowsOf } from '../../survey';
import type { AnswerValue, Answers, Definition, Lang, ListItem, Option, Question, Text } from '../../survey';
import type { MatrixRows } from '../campaigns/strata-rows';

/** An interview as read for an export. */
export interface ExportRow {
  id: string;
  deviceId: string;
  deviceName: string | null;
  campaignId: string | null;
  receivedAt: string;
  startedAt: string;
  completedAt: string;
  group: string;
  stratum: string | null;
  lang: string;
  answers: Answers;
  sectionTimes: Record<string, number>;
  /** 'interviewer' (an enumerator's device) or 'self' (self-administered, from a respondent link). */
  mode: string;
  /** The respondent link of a self-administered interview. */
  linkId: string | null;
  /** Why the device's clock is not believed ('future', 'too_early', 'before_start'), or null. */
  clockSuspect: string | null;
  /** Characters of the stored answers and section times: how much work the row is (not exported). */
  size?: number;
}

export type Cell = string | number | undefined;

/** One line of the codebook. */
export interface CodebookLine {
  column: string;
  question: string;
  section: string;
  type: string;
  label: Text;
  code?: string;
  codeLabel?: Text;
}

export interface Column {
  key: string;
  /** Codes written as numbers in XLSX (integer codes, numeric answers, 0/1). */
  numeric?: boolean;
  code(row: ExportRow): Cell;
  label(row: ExportRow, lang: Lang): Cell;
  codebook: CodebookLine[];
}

const T = (vi: string, en: string): Text => ({ vi, en });
/** How an interview was filled: the export's `mode` codes. */
const MODES: Record<string, Text> = { interviewer: T('Điều tra viên phỏng vấn', 'Enumerator'), self: T('Tự điền qua liên kết', 'Self-administered (link)') };
/** Why an interview's device clock is not believed: the export's `clock_suspect` codes (empty: plausible). */
const CLOCK_PROBLEMS: Record<string, Text> = {
  future: T('Giờ trên máy ở tương lai (sau lúc máy chủ nhận hơn 1 ngày)', 'Device clock in the future (more than a day after the server received it)'),
  too_early: T('Giờ trên máy trước năm 2020', 'Device clock before 2020'),
  before_start: T('Hoàn thành trước lúc bắt đầu', 'Completed before it started'),
};
const joinText = (a: Text, b: Text): Text => ({ vi: `${a.vi} — ${b.vi}`, en: `${a.en} — ${b.en}` });
const asString = (v: AnswerValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const integerCodes = (options: readonly Option[]): boolean => options.length > 0 && options.every((o) => /^-?(0|[1-9]\d{0,14})$/.test(o.value));

/** Integer-looking codes as numbers when the column is numeric (XLSX writes them as numbers, CSV leaves them unguarded). */
export function typed(column: Column, value: Cell): Cell {
  if (column.numeric && typeof value === 'string' && /^-?(0|[1-9]\d{0,14})$/.test(value)) return Number(value);
  return value;
}

function metaColumn(key: string, label: Text, code: (r: ExportRow) => Cell, labelOf?: (r: ExportRow, lang: Lang) => Cell): Column {
  return {
    key,
    code,
    label: labelOf ?? code,
    codebook: [{ column: key, question: '', section: '', type: 'interview', label }],
  };
}

function optionLines(column: string, q: Question, section: string, label: Text, options: readonly Option[]): CodebookLine[] {
  return [
    { column, question: q.id, section, type: q.type, label },
    ...options.map((o) => ({ column, question: q.id, section, type: q.type, label, code: o.value, codeLabel: o.label })),
  ];
}

function questionColumns(def: Definition, q: Question, section: string, matrixRows: MatrixRows, ownStrata: readonly ListItem[]): Column[] {
  if (!isAnswerable(q)) return [];
  const listed = optionsOf(def, q);
  // The question recording the stratum also has the strata campaigns plan outside its list.
  const options: readonly Option[] = q.type === 'single' && q.fromStratum ? [...listed, ...ownStrata.filter((s) => !listed.some((o) => o.value === s.value))] : listed;
  const labelOf = (value: string | undefined, lang: Lang) => (value === undefined ? undefined : (options.find((o) => o.value === value)?.label[lang] ?? value));
  const other: Column[] = options.some((o) => o.other)
    ? [
        {
          key: otherKey(q.id),
          code: (r) => asString(r.answers[otherKey(q.id)]),
          label: (r) => asString(r.answers[otherKey(q.id)]),
          codebook: [{ column: otherKey(q.id), question: q.id, section, type: 'text', label: joinText(q.label, T('ghi rõ (Khác)', 'other, specified')) }],
        },
      ]
    : [];
  switch (q.type) {
    case 'single':
      return [
        {
          key: q.id,
          numeric: integerCodes(options),
          code: (r) => asString(r.answers[q.id]),
          label: (r, lang) => labelOf(asString(r.answers[q.id]), lang),
          codebook: optionLines(q.id, q, section, q.label, options),
        },
        ...other,
      ];
    case 'multiple':
      return [
        ...options.map((o): Column => {
          const key = `${q.id}.${o.value}`;
          const picked = (r: ExportRow) => {
            const v = r.answers[q.id];
            return Array.isArray(v) ? v.includes(o.value) : undefined;
          };
          return {
            key,
            numeric: true,
            code: (r) => {
              const p = picked(r);
              return p === undefined ? undefined : p ? 1 : 0;
            },
            label: (r, lang) => (picked(r) ? o.label[lang] : undefined),
            codebook: optionLines(key, q, section, joinText(q.label, o.label), [
              { value: '1', label: T('Có chọn', 'Selected') },
              { value: '0', label: T('Không chọn', 'Not selected') },
            ]),
          };
        }),
        ...other,
      ];
    case 'matrix':
      // A matrix of the campaign's strata: the rows over the stored interviews (campaigns/strata-rows.ts).
      return (matrixRows[q.id] ?? rowsOf(def, q)).map((row): Column => {
        const key = `${q.id}.${row.value}`;
        const value = (r: ExportRow) => {
          const v = r.answers[q.id];
          return v !== undefined && typeof v === 'object' && !Array.isArray(v) ? v[row.value] || undefined : undefined;
        };
        return {
          key,
          numeric: integerCodes(options),
          code: value,
          label: (r, lang) => labelOf(value(r), lang),
          codebook: optionLines(key, q, section, joinText(q.label, row.label), options),
        };
      });
    case 'integer':
    case 'decimal':
      return [
        {
          key: q.id,
          numeric: true,
          code: (r) => (typeof r.answers[q.id] === 'number' ? (r.answers[q.id] as number) : undefined),
          label: (r) => (typeof r.answers[q.id] === 'number' ? (r.answers[q.id] as number) : undefined),
          codebook: [{ column: q.id, question: q.id, section, type: q.type, label: q.label }],
        },
      ];
    case 'text':
    case 'longtext':
    case 'date':
      return [
        {
          key: q.id,
          code: (r) => asString(r.answers[q.id]),
          label: (r) => asString(r.answers[q.id]),
          codebook: [{ column: q.id, question: q.id, section, type: q.type, label: q.label }],
        },
      ];
  }
}

/**
 * Every column of an export of `def`, in questionnaire order after the interview's fields.
 * `matrixRows`: the rows of its matrices rating the campaign's strata (the planned strata and the
 * codes its interviews rated: campaigns/strata-rows.ts); without them, the stratum lists' items.
 * `ownStrata`: the strata campaigns plan (or interviews have) that the stratum lists lack, with
 * their labels (campaigns/strata-rows.ts `ownStrata`): they label the stratum and the question
 * recording it.
 */
export function exportColumns(def: Definition, matrixRows: MatrixRows = {}, ownStrata: readonly ListItem[] = []): Column[] {
  const groupLabel = (id: string, lang: Lang) => def.respondentGroups.find((g) => g.id === id)?.label[lang] ?? id;
  const stratumLabel = (r: ExportRow, lang: Lang) => {
    if (r.stratum === null) return undefined;
    const list = def.respondentGroups.find((g) => g.id === r.group)?.stratumList;
    const listed = list !== undefined ? def.lists?.[list]?.find((i) => i.value === r.stratum) : undefined;
    return (listed ?? ownStrata.find((s) => s.value === r.stratum))?.label[lang] ?? r.stratum;
  };
  const meta: Column[] = [
    metaColumn('id', T('Mã phiếu (UUID)', 'Interview id (UUID)'), (r) => r.id),
    metaColumn('device', T('Mã thiết bị', 'Device id'), (r) => r.deviceId),
    metaColumn('enumerator', T('Điều tra viên (tên khi cấp mã thiết bị)', 'Enumerator (name given with the enrolment code)'), (r) => r.deviceName ?? undefined),
    metaColumn('received', T('Thời điểm máy chủ nhận (UTC)', 'Received by the server (UTC)'), (r) => r.receivedAt),
    metaColumn('started', T('Thời điểm bắt đầu phỏng vấn', 'Interview started'), (r) => r.startedAt),
    metaColumn('completed', T('Thời điểm hoàn thành phỏng vấn', 'Interview completed'), (r) => r.completedAt),
    metaColumn('group', T('Nhóm đối tượng', 'Respondent group'), (r) => r.group, (r, lang) => groupLabel(r.group, lang)),
    metaColumn('stratum', T('Tầng (sở, đơn vị, huyện…)', 'Stratum (department, unit, district…)'), (r) => r.stratum ?? undefined, stratumLabel),
    metaColumn('lang', T('Ngôn ngữ phỏng vấn', 'Interview language'), (r) => r.lang),
    metaColumn('mode', T('Hình thức (điều tra viên / tự điền qua liên kết)', 'Mode (enumerator / self-administered through a link)'), (r) => r.mode, (r, lang) => MODES[r.mode]?.[lang] ?? r.mode),
    metaColumn(
      'clock_suspect',
      T('Giờ trên máy không tin được: phiếu tính vào ngày máy chủ nhận', 'Device clock not believed: the interview counts on the day received'),
      (r) => r.clockSuspect ?? undefined,
      (r, lang) => (r.clockSuspect === null ? undefined : (CLOCK_PROBLEMS[r.clockSuspect]?.[lang] ?? r.clockSuspect)),
    ),
  ];
  meta[10]!.codebook.push(
    ...Object.entries(CLOCK_PROBLEMS).map(([code, codeLabel]) => ({ column: 'clock_suspect', question: '', section: '', type: 'interview', label: T('Giờ trên máy', 'Device clock'), code, codeLabel })),
  );
  meta[9]!.codebook.push(...Object.entries(MODES).map(([code, codeLabel]) => ({ column: 'mode', question: '', section: '', type: 'interview', label: T('Hình thức', 'Mode'), code, codeLabel })));
  meta[6]!.codebook.push(...def.respondentGroups.map((g) => ({ column: 'group', question: '', section: '', type: 'interview', label: T('Nhóm đối tượng', 'Respondent group'), code: g.id, codeLabel: g.label })));
  return [...meta, ...def.sections.flatMap((s) => s.questions.flatMap((q) => questionColumns(def, q, s.id, matrixRows, ownStrata)))];
}
