/**
 * A campaign's report as a Word document (.docx) that staff can edit and sign: the title block and
 * how to read it, the score targets met or not, then per questionnaire its method note, overall
 * result, components (with a bar chart drawn as shaded table cells, so it stays editable in Word
 * and is rendered by LibreOffice alike), groups and strata, breakdowns by respondent
 * characteristics and the comparison with an earlier campaign. Withheld figures are never shown
 * as numbers: each table marks them and says why beneath it. Vietnamese by default, English
 * available; every word the document adds is in REPORT_TEXT below.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { ISectionOptions } from 'docx';
import type { CampaignReport, IntervalWire, QuestionnaireScores, TargetResultWire } from '../../contract';

export type ReportLang = 'vi' | 'en';

/**
 * Every word the document adds to the report's own labels, per language. "{name}" is filled in;
 * the marks of withheld figures are in the tables and in the legend beneath each.
 */
const VI = {
  reportTitle: 'Báo cáo kết quả khảo sát',
  period: 'Thời gian khảo sát: {start} – {end}',
  organiser: 'Cơ quan thực hiện: {organiser}',
  generated: 'Ngày lập báo cáo: {date}',
  interviews: 'Số phiếu được tính: {n}',
  minCell: 'Cỡ ô tối thiểu: {min} người trả lời',
  howToReadLead: 'Cách đọc báo cáo. ',
  howToRead:
    'Mỗi kết quả kèm theo khoảng tin cậy 95 % (KTC 95 %): với độ tin cậy 95 %, kết quả của toàn bộ đối tượng khảo sát nằm trong khoảng này; khoảng càng rộng thì kết quả càng kém chắc chắn, thường do ít người trả lời. n là số người trả lời mà kết quả dựa trên. Để giữ cam kết không nhận diện người trả lời, kết quả dựa trên dưới {min} người không được công bố và được ghi {primary}; một số kết quả khác cũng không được công bố, ghi {complementary}, để không thể suy ra kết quả đã ẩn từ tổng và các kết quả còn lại. Dấu — nghĩa là không có dữ liệu.',
  page: 'Trang {page} / {pages}',
  styleTable: 'Chữ trong bảng',
  styleNote: 'Ghi chú phương pháp',
  styleLegend: 'Chú thích bảng',
  styleSubtitle: 'Tiêu đề phụ',

  targetsHeading: 'Tóm tắt các mục tiêu',
  targetsNone: 'Đợt khảo sát chưa đặt mục tiêu nào.',
  targetsIntro:
    'Mục tiêu đạt khi toàn bộ khoảng tin cậy 95 % thỏa mãn mục tiêu, chưa đạt khi không phần nào của khoảng thỏa mãn; các trường hợp còn lại (khoảng chứa ngưỡng mục tiêu, quá ít dữ liệu hoặc kết quả không được công bố) là chưa kết luận được.',
  target: 'Mục tiêu',
  figure: 'Kết quả (KTC 95 %)',
  status: 'Đánh giá',
  source: 'Nguồn: {source}',
  met: 'Đạt',
  notMet: 'Chưa đạt',
  undecided: 'Chưa kết luận được',

  methodHeading: 'Cách tính điểm',
  methodLead: 'Cách tính: ',
  exampleLead: 'Ví dụ: ',
  versionOne: 'Kết quả của phiên bản {version} của phiếu.',
  versionsPooled: 'Gộp kết quả các phiên bản {versions} của phiếu (cùng cách tính điểm).',
  versionExcluded: 'Không tính {n} phiếu của phiên bản {version} vì cách tính điểm khác.',
  and: 'và',

  overallHeading: 'Kết quả chung',
  measure: 'Chỉ số',
  result: 'Kết quả',
  interval: 'KTC 95 %',
  n: 'n',
  interviewsColumn: 'Số phiếu',
  overallShare: 'Chỉ số chung',
  overallPoints: 'Tổng điểm',
  partial: 'tính trên {k}/{total} {components} có dữ liệu',

  componentsHeadingShare: 'Kết quả theo lĩnh vực',
  componentsHeadingPapi: 'Kết quả theo chỉ số nội dung',
  componentShare: 'Lĩnh vực',
  componentPapi: 'Chỉ số nội dung',
  componentsWordShare: 'lĩnh vực',
  componentsWordPapi: 'chỉ số nội dung',
  number: 'STT',
  outOf: 'tối đa {max}',
  partsNote: 'Nội dung thành phần (dòng gạch đầu dòng): trọng số trung bình, từ 0 đến 1.',
  criteriaHeading: 'Kết quả theo tiêu chí',
  criterion: 'Tiêu chí',
  chartCaption: 'Biểu đồ: {what}, độ dài thanh tỷ lệ với điểm tối đa',
  chartMax: 'tối đa',

  groupsHeading: 'Theo nhóm người trả lời và theo địa bàn, đơn vị',
  scope: 'Nhóm, địa bàn, đơn vị',
  allRespondents: 'Tất cả người trả lời',
  overallColumnShare: 'Chung (%)',
  overallColumnPoints: 'Tổng ({max})',
  columnsAre: 'Các cột đánh số là các {components}: {list}.',
  unitPercent: 'Kết quả tính bằng %.',

  breakdownsHeading: 'Theo đặc điểm người trả lời',
  notAnswered: 'Không trả lời',

  comparisonHeading: 'So sánh với đợt khảo sát trước',
  comparedWith: 'So với đợt “{title}” ({start} – {end}).',
  differentScoring:
    'Cách tính điểm của phiếu này khác giữa hai đợt: các kết quả được so sánh theo từng lĩnh vực và cần được đọc thận trọng.',
  comparisonNote:
    'Thay đổi: đợt này trừ đợt trước, tính bằng {unit}. Vượt mức nhiễu: khoảng tin cậy 95 % của thay đổi không chứa 0, tức thay đổi lớn hơn mức dao động do chọn mẫu; trong mức nhiễu: chưa thể khẳng định có thay đổi.',
  comparisonNone: 'Không có dòng so sánh nào cho phiếu này.',
  before: 'Đợt trước',
  after: 'Đợt này',
  change: 'Thay đổi',
  changeInterval: 'KTC 95 % của thay đổi',
  changeFromTo: 'từ {low} đến {high}',
  assessment: 'Đánh giá',
  exceeds: 'vượt mức nhiễu',
  withinNoise: 'trong mức nhiễu',
  unitShare: 'điểm phần trăm',
  unitPoints: 'điểm',

  markPrimary: '(ẩn)*',
  markComplementary: '(ẩn)**',
  legendPrimary: '{mark} Không công bố: dựa trên dưới {min} người trả lời.',
  legendComplementary: '{mark} Không công bố để không thể suy ra kết quả đã ẩn từ tổng và các kết quả còn lại.',
  legendNoData: '— Không có dữ liệu.',
  percent: '{x} %',
  percentRange: '{low}–{high} %',
  range: '{low}–{high}',
} as const;

type TextKey = keyof typeof VI;

const EN: Record<TextKey, string> = {
  reportTitle: 'Survey results report',
  period: 'Survey period: {start} – {end}',
  organiser: 'Conducted by: {organiser}',
  generated: 'Report prepared: {date}',
  interviews: 'Interviews counted: {n}',
  minCell: 'Minimum cell size: {min} respondents',
  howToReadLead: 'How to read this report. ',
  howToRead:
    'Each result comes with its 95% confidence interval: with 95% confidence, the result for the whole surveyed population lies in this range; the wider it is, the less certain the result, usually because few people answered. n is the number of respondents a result rests on. To keep the promise that respondents cannot be identified, results resting on fewer than {min} people are withheld and marked {primary}; some other results are withheld too, marked {complementary}, so that a withheld one cannot be worked out from the total and the other results. A dash (—) means no data.',
  page: 'Page {page} of {pages}',
  styleTable: 'Table text',
  styleNote: 'Method note',
  styleLegend: 'Table legend',
  styleSubtitle: 'Report subtitle',

  targetsHeading: 'Targets at a glance',
  targetsNone: 'The campaign has set no targets.',
  targetsIntro:
    'A target is met when the whole 95% confidence interval satisfies it and not met when none of it does; otherwise (the interval straddles the target, there is too little data, or the figure is withheld) it cannot be decided yet.',
  target: 'Target',
  figure: 'Result (95% interval)',
  status: 'Assessment',
  source: 'Source: {source}',
  met: 'Met',
  notMet: 'Not met',
  undecided: 'Not yet decidable',

  methodHeading: 'How the scores are computed',
  methodLead: 'Method: ',
  exampleLead: 'Example: ',
  versionOne: 'Results of version {version} of the questionnaire.',
  versionsPooled: 'Versions {versions} of the questionnaire are pooled (same scoring).',
  versionExcluded: '{n} interviews of version {version} are not counted: its scoring differs.',
  and: 'and',

  overallHeading: 'Overall result',
  measure: 'Measure',
  result: 'Result',
  interval: '95% interval',
  n: 'n',
  interviewsColumn: 'Interviews',
  overallShare: 'Overall index',
  overallPoints: 'Total score',
  partial: 'from {k} of {total} {components} with data',

  componentsHeadingShare: 'Results by component',
  componentsHeadingPapi: 'Results by dimension',
  componentShare: 'Component',
  componentPapi: 'Dimension',
  componentsWordShare: 'components',
  componentsWordPapi: 'dimensions',
  number: 'No.',
  outOf: 'out of {max}',
  partsNote: 'Sub-dimensions (dashed rows): mean weight, from 0 to 1.',
  criteriaHeading: 'Results by criterion',
  criterion: 'Criterion',
  chartCaption: 'Chart: {what}, each bar’s length relative to the best possible score',
  chartMax: 'best',

  groupsHeading: 'By respondent group and stratum',
  scope: 'Group, stratum',
  allRespondents: 'All respondents',
  overallColumnShare: 'Overall (%)',
  overallColumnPoints: 'Total ({max})',
  columnsAre: 'The numbered columns are the {components}: {list}.',
  unitPercent: 'Results in percent.',

  breakdownsHeading: 'By respondent characteristics',
  notAnswered: 'Not answered',

  comparisonHeading: 'Comparison with an earlier campaign',
  comparedWith: 'Compared with “{title}” ({start} – {end}).',
  differentScoring:
    'The scoring of this questionnaire differs between the two campaigns: results are compared component by component and should be read with care.',
  comparisonNote:
    'Change: this campaign minus the earlier one, in {unit}. Beyond noise: the 95% confidence interval of the change excludes 0, so the change is larger than sampling explains; within noise: a change cannot be asserted.',
  comparisonNone: 'No comparison rows for this questionnaire.',
  before: 'Before',
  after: 'This campaign',
  change: 'Change',
  changeInterval: '95% interval of the change',
  changeFromTo: '{low} to {high}',
  assessment: 'Assessment',
  exceeds: 'beyond noise',
  withinNoise: 'within noise',
  unitShare: 'percentage points',
  unitPoints: 'points',

  markPrimary: '[c]*',
  markComplementary: '[c]**',
  legendPrimary: '{mark} Withheld (confidential): rests on fewer than {min} respondents.',
  legendComplementary: '{mark} Withheld (confidential) so that a withheld result cannot be worked out from the total and the other results.',
  legendNoData: '— No data.',
  percent: '{x}%',
  percentRange: '{low}–{high}%',
  range: '{low}–{high}',
};

export const REPORT_TEXT: Readonly<Record<ReportLang, Readonly<Record<TextKey, string>>>> = { vi: VI, en: EN };

/** The symbols beside a target's status words (the words say it; the symbol lets a reader scan). */
const STATUS_MARK = { met: '✓', not_met: '✗', undecided: '?' } as const;

// --- Layout: A4, margins of Vietnamese administrative documents (top/bottom 2 cm, left 3 cm, right 2 cm).
// Wide tables (groups and strata, breakdowns, comparison of a questionnaire with many components) go on landscape pages.
const CM = 567;
const A4 = { short: 11906, long: 16838 };
const MARGIN = { top: 2 * CM, bottom: 2 * CM, left: 3 * CM, right: 2 * CM };
/** The width of the text on a portrait and on a landscape page, in twentieths of a point. */
const PORTRAIT = A4.short - MARGIN.left - MARGIN.right;
const LANDSCAPE = A4.long - MARGIN.left - MARGIN.right;
/** Below this width a numbered component column goes landscape (a withheld mark must fit on one line). */
const MIN_COLUMN = 900;
/** Times New Roman: the standard of official documents in Vietnam, with every Vietnamese letter. */
const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: 'Times New Roman' };
const COLOUR = {
  heading: '1F3864',
  header: 'D9E2F3',
  groupRow: 'F2F2F2',
  note: 'EEF3F8',
  noteBorder: '8EAADB',
  bar: '2E75B6',
  track: 'E7E6E6',
  met: 'E2EFDA',
  notMet: 'FBE5D6',
  undecided: 'EDEDED',
};
/** A chart's bar area is this many table columns: a bar spans as many as its score's share of the maximum. */
const BAR_COLUMNS = 40;

type Method = QuestionnaireScores['method'];
type Report = QuestionnaireScores['overall'];
type Why = 'primary' | 'complementary';
/** What a table marked: withheld figures of each kind, figures without data. */
type Marks = Set<Why | 'none'>;
type Block = Paragraph | Table;

interface Shown {
  score: number | null;
  max: number;
  suppressed?: Why | undefined;
}

interface Ctx {
  lang: ReportLang;
  t: Readonly<Record<TextKey, string>>;
  minCell: number;
}

function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

// --- Numbers and dates in the language's format: "62,5 %" and "1.234" in Vietnamese, "62.5%" and "1,234" in English.

const formats = new Map<string, Intl.NumberFormat>();
function number(ctx: Ctx, x: number, digits: number, opts: { signed?: boolean; trim?: boolean } = {}): string {
  const key = `${ctx.lang}|${digits}|${opts.signed ? 1 : 0}|${opts.trim ? 1 : 0}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(ctx.lang === 'vi' ? 'vi-VN' : 'en-GB', {
      minimumFractionDigits: opts.trim ? 0 : digits,
      maximumFractionDigits: digits,
      ...(opts.signed ? { signDisplay: 'exceptZero' as const } : {}),
    });
    formats.set(key, f);
  }
  return f.format(x);
}

const count = (ctx: Ctx, n: number) => number(ctx, n, 0);
const digitsOf = (method: Method) => (method === 'share' ? 1 : 2);
const maxText = (ctx: Ctx, max: number) => number(ctx, max, 2, { trim: true });

/**
 * A score on its scale: a percentage, or points (out of the maximum when `withMax`). `bare`: the
 * number alone, in a table whose heading gives the unit.
 */
function scoreText(ctx: Ctx, method: Method, score: number, max: number, withMax: boolean, bare = false): string {
  const value = number(ctx, score, digitsOf(method));
  if (method === 'share') return bare ? value : fill(ctx.t.percent, { x: value });
  return withMax ? `${value}/${maxText(ctx, max)}` : value;
}

function intervalText(ctx: Ctx, method: Method, interval: IntervalWire): string {
  if (!interval) return '—';
  const low = number(ctx, interval.low, digitsOf(method));
  const high = number(ctx, interval.high, digitsOf(method));
  return fill(method === 'share' ? ctx.t.percentRange : ctx.t.range, { low, high });
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** dd/mm/yyyy, as on the coordinators' pages: a calendar day as it is, an instant as its day in Vietnam (UTC+7). */
function formatDate(value: string, withTime = false): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  const t = new Date(ms + VIETNAM_OFFSET_MS);
  const date = `${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
  return withTime ? `${date} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}` : date;
}

function listText(ctx: Ctx, items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${ctx.t.and} ${items[items.length - 1]}`;
}

// --- Figures: a number, a withheld mark or "—"; what a table used is collected for its legend.

function figure(ctx: Ctx, method: Method, f: Shown, marks: Marks, opts: { withMax?: boolean; bare?: boolean } = {}): string {
  if (f.suppressed) {
    marks.add(f.suppressed);
    return f.suppressed === 'primary' ? ctx.t.markPrimary : ctx.t.markComplementary;
  }
  if (f.score === null) {
    marks.add('none');
    return '—';
  }
  return scoreText(ctx, method, f.score, f.max, opts.withMax ?? false, opts.bare ?? false);
}

/** A figure's interval: blank beside a withheld figure (its mark says it all). */
function figureInterval(ctx: Ctx, method: Method, f: Shown & { interval: IntervalWire }): string {
  return f.suppressed ? '' : intervalText(ctx, method, f.interval);
}

function legend(ctx: Ctx, marks: Marks): Paragraph[] {
  const lines: string[] = [];
  if (marks.has('primary')) lines.push(fill(ctx.t.legendPrimary, { mark: ctx.t.markPrimary, min: ctx.minCell }));
  if (marks.has('complementary')) lines.push(fill(ctx.t.legendComplementary, { mark: ctx.t.markComplementary }));
  if (marks.has('none')) lines.push(ctx.t.legendNoData);
  return lines.map((text) => new Paragraph({ style: 'Legend', children: [new TextRun(text)] }));
}

// --- Tables: fixed widths (twentieths of a point), header rows repeated on every page, rows kept whole.

interface CellSpec {
  text?: string;
  runs?: TextRun[];
  bold?: boolean;
  italics?: boolean;
  align?: 'left' | 'center' | 'right';
  fill?: string;
  span?: number;
  indent?: number;
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '808080' } as const;
const CELL_MARGINS = { top: 0, bottom: 0, left: 70, right: 70 };

function cell(spec: CellSpec, width: number): TableCell {
  const runs = spec.runs ?? [new TextRun({ text: spec.text ?? '', bold: spec.bold ?? false, italics: spec.italics ?? false })];
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(spec.span && spec.span > 1 ? { columnSpan: spec.span } : {}),
    ...(spec.fill ? { shading: { fill: spec.fill, type: ShadingType.CLEAR, color: 'auto' } } : {}),
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        style: 'TableText',
        alignment: ALIGN[spec.align ?? 'left'],
        ...(spec.indent ? { indent: { left: spec.indent } } : {}),
        children: runs,
      }),
    ],
  });
}

function row(widths: readonly number[], specs: readonly CellSpec[], opts: { header?: boolean; height?: number; keepNext?: boolean } = {}): TableRow {
  let column = 0;
  const cells = specs.map((spec) => {
    const span = spec.span ?? 1;
    const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
    column += span;
    return cell(opts.header ? { bold: true, fill: COLOUR.header, ...spec } : spec, width);
  });
  return new TableRow({
    children: cells,
    cantSplit: true,
    ...(opts.header ? { tableHeader: true } : {}),
    ...(opts.keepNext ? { keepNext: true } : {}),
    ...(opts.height ? { height: { value: opts.height, rule: HeightRule.EXACT } } : {}),
  });
}

function table(widths: readonly number[], header: readonly CellSpec[][], body: readonly CellSpec[][]): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    margins: CELL_MARGINS,
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
    rows: [...header.map((h) => row(widths, h, { header: true })), ...body.map((b) => row(widths, b))],
  });
}

/** Widths that fill `width` in proportion to `weights`. */
function fit(weights: readonly number[], width: number): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.floor((w * width) / total));
}

// --- Paragraphs.

const heading = (text: string, level: 1 | 2 | 3, pageBreakBefore = false) =>
  new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
    ...(pageBreakBefore ? { pageBreakBefore: true } : {}),
    children: [new TextRun(text)],
  });

/** A paragraph; `keepNext` keeps it on the page of what follows (a table it introduces). */
const para = (text: string, keepNext = false) => new Paragraph({ ...(keepNext ? { keepNext: true } : {}), children: [new TextRun(text)] });

const note = (lead: string, text: string, keepNext = false) =>
  new Paragraph({ style: 'Note', ...(keepNext ? { keepNext: true } : {}), children: [...(lead ? [new TextRun({ text: lead, bold: true })] : []), new TextRun(text)] });

const legendLine = (text: string, keepNext = false) => new Paragraph({ style: 'Legend', ...(keepNext ? { keepNext: true } : {}), children: [new TextRun(text)] });

// --- Sections.

function titleBlock(ctx: Ctx, report: CampaignReport): Block[] {
  const { t } = ctx;
  const c = report.campaign;
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(c.title[ctx.lang])] }),
    new Paragraph({ style: 'ReportSubtitle', children: [new TextRun(t.reportTitle)] }),
    para(fill(t.period, { start: formatDate(c.start), end: formatDate(c.end) })),
    ...(c.organiser ? [para(fill(t.organiser, { organiser: c.organiser[ctx.lang] }))] : []),
    para(fill(t.generated, { date: formatDate(report.generatedAt, true) })),
    para(fill(t.interviews, { n: count(ctx, report.interviews) })),
    para(fill(t.minCell, { min: report.minCell })),
    note(t.howToReadLead, fill(t.howToRead, { min: report.minCell, primary: t.markPrimary, complementary: t.markComplementary })),
  ];
}

function methodOf(report: CampaignReport, surveyId: string, max: number): Method {
  return report.questionnaires.find((q) => q.surveyId === surveyId)?.method ?? (max === 100 ? 'share' : 'points');
}

function targetsSection(ctx: Ctx, report: CampaignReport): Block[] {
  const { t } = ctx;
  const out: Block[] = [heading(t.targetsHeading, 1, true)];
  if (report.targets.length === 0) return [...out, para(t.targetsNone)];
  const marks: Marks = new Set();
  const word = { met: t.met, not_met: t.notMet, undecided: t.undecided };
  const shade = { met: COLOUR.met, not_met: COLOUR.notMet, undecided: COLOUR.undecided };
  const body = report.targets.map((target: TargetResultWire): CellSpec[] => {
    const f = target.figure;
    const method = methodOf(report, target.surveyId, f?.max ?? 100);
    const label = [new TextRun(target.label[ctx.lang])];
    if (target.source) label.push(new TextRun({ text: fill(t.source, { source: target.source[ctx.lang] }), italics: true, break: 1 }));
    let result: TextRun[];
    if (!f) {
      marks.add('none');
      result = [new TextRun('—')];
    } else {
      const shown = figure(ctx, method, f, marks, { withMax: method !== 'share' && target.component === undefined });
      result = [new TextRun(shown)];
      if (!f.suppressed && f.score !== null) result.push(new TextRun(` (${intervalText(ctx, method, f.interval)})`));
      result.push(new TextRun({ text: `${t.n} = ${count(ctx, f.n)}`, break: 1 }));
    }
    return [
      { runs: label },
      { runs: result, align: 'center' },
      { text: `${STATUS_MARK[target.status]} ${word[target.status]}`, bold: true, align: 'center', fill: shade[target.status] },
    ];
  });
  out.push(para(t.targetsIntro, true));
  out.push(table(fit([43, 31, 17], PORTRAIT), [[{ text: t.target }, { text: t.figure, align: 'center' }, { text: t.status, align: 'center' }]], body));
  out.push(...legend(ctx, marks));
  return out;
}

function words(ctx: Ctx, method: Method) {
  const { t } = ctx;
  const papi = method === 'papi';
  return {
    componentsHeading: papi ? t.componentsHeadingPapi : t.componentsHeadingShare,
    component: papi ? t.componentPapi : t.componentShare,
    components: papi ? t.componentsWordPapi : t.componentsWordShare,
    overall: method === 'share' ? t.overallShare : t.overallPoints,
  };
}

function methodSection(ctx: Ctx, q: QuestionnaireScores): Block[] {
  const { t } = ctx;
  const example = q.methodNote.example[ctx.lang];
  // The worked examples say "Ví dụ…" / "Example…" themselves; the lead is added only to one that does not.
  const exampleLead = example.startsWith(t.exampleLead.replace(/:\s*$/, '')) ? '' : t.exampleLead;
  const out = [heading(t.methodHeading, 2), note(t.methodLead, q.methodNote.text[ctx.lang]), note(exampleLead, example)];
  const versions = [...q.versions].sort((a, b) => a - b);
  out.push(
    para(
      versions.length > 1
        ? fill(t.versionsPooled, { versions: listText(ctx, versions.map(String)) })
        : fill(t.versionOne, { version: versions[0] ?? q.surveyVersion }),
    ),
  );
  for (const e of q.excluded) out.push(para(fill(t.versionExcluded, { n: count(ctx, e.interviews), version: e.version })));
  return out;
}

function overallSection(ctx: Ctx, q: QuestionnaireScores): Block[] {
  const { t } = ctx;
  const w = words(ctx, q.method);
  const o = q.overall;
  const marks: Marks = new Set();
  const partial = o.score !== null && !o.suppressed && q.method !== 'share' && o.withData < q.components.length;
  const label: TextRun[] = [new TextRun({ text: w.overall, bold: true })];
  if (partial) label.push(new TextRun({ text: fill(t.partial, { k: o.withData, total: q.components.length, components: w.components }), italics: true, break: 1 }));
  return [
    heading(t.overallHeading, 2),
    table(
      fit([32, 18, 20, 12, 14], PORTRAIT),
      [[{ text: t.measure }, { text: t.result, align: 'right' }, { text: t.interval, align: 'right' }, { text: t.n, align: 'right' }, { text: t.interviewsColumn, align: 'right' }]],
      [
        [
          { runs: label },
          { text: figure(ctx, q.method, o, marks, { withMax: true }), align: 'right', bold: true },
          { text: figureInterval(ctx, q.method, o), align: 'right' },
          { text: count(ctx, o.n), align: 'right' },
          { text: count(ctx, o.interviews), align: 'right' },
        ],
      ],
    ),
    ...legend(ctx, marks),
  ];
}

/** The components in the block's order, each with its figures in `report` (none when the report lacks it). */
function componentsOf(q: QuestionnaireScores, report: Report) {
  return q.components.map((c) => {
    const r = report.components.find((x) => x.id === c.id);
    return { meta: c, score: r ?? { id: c.id, score: null, max: c.max, n: 0, interval: null, count: 0, value: null } };
  });
}

function componentLabel(ctx: Ctx, q: QuestionnaireScores, c: QuestionnaireScores['components'][number]): string {
  const label = c.label[ctx.lang];
  return q.method === 'points' ? `${label} (${fill(ctx.t.outOf, { max: maxText(ctx, c.max) })})` : label;
}

function componentsSection(ctx: Ctx, q: QuestionnaireScores): Block[] {
  const { t } = ctx;
  const w = words(ctx, q.method);
  const marks: Marks = new Set();
  const body: CellSpec[][] = [];
  componentsOf(q, q.overall).forEach(({ meta, score }, i) => {
    body.push([
      { text: String(i + 1), align: 'center' },
      { text: meta.label[ctx.lang] },
      { text: figure(ctx, q.method, score, marks, { withMax: q.method === 'points' }), align: 'right' },
      { text: figureInterval(ctx, q.method, score), align: 'right' },
      { text: count(ctx, score.n), align: 'right' },
    ]);
    for (const p of meta.parts ?? []) {
      const part = score.parts?.find((x) => x.id === p.id);
      let value = '—';
      if (part?.suppressed) value = figure(ctx, q.method, { score: null, max: 1, suppressed: part.suppressed }, marks);
      else if (part && part.value !== null) value = number(ctx, part.value, 2);
      else marks.add('none');
      body.push([{ text: '' }, { text: `– ${p.label[ctx.lang]}`, indent: 240, italics: true }, { text: value, align: 'right', italics: true }, { text: '' }, { text: part ? count(ctx, part.n) : '', align: 'right' }]);
    }
  });
  const headers: CellSpec[] = [{ text: t.number, align: 'center' }, { text: w.component }, { text: t.result, align: 'right' }, { text: t.interval, align: 'right' }, { text: t.n, align: 'right' }];
  const out: Block[] = [heading(w.componentsHeading, 2), table(fit([8, 52, 15, 17, 8], PORTRAIT), [headers], body), ...legend(ctx, marks)];
  if (q.components.some((c) => (c.parts ?? []).length > 0)) out.push(legendLine(t.partsNote));
  out.push(new Paragraph({ style: 'Legend', keepNext: true, spacing: { before: 200 }, children: [new TextRun({ text: fill(t.chartCaption, { what: w.componentsHeading.toLowerCase() }), italics: true })] }));
  out.push(barChart(ctx, q));
  return out;
}

/**
 * The components as horizontal bars: each row a label, a bar of BAR_COLUMNS table columns of which
 * the score's share of its maximum are shaded, and the figure. A withheld or empty component has
 * no bar, only its mark. Thin empty rows keep the bars apart.
 */
function barChart(ctx: Ctx, q: QuestionnaireScores): Table {
  const labelWidth = 3400;
  const valueWidth = 1250;
  const barWidth = Math.floor((PORTRAIT - labelWidth - valueWidth) / BAR_COLUMNS);
  const widths = [labelWidth, ...Array.from({ length: BAR_COLUMNS }, () => barWidth), valueWidth];
  const marks: Marks = new Set();
  const w = words(ctx, q.method);
  const half = BAR_COLUMNS / 2;
  const rows: TableRow[] = [
    row(
      widths,
      [
        { text: w.component, bold: true },
        { text: q.method === 'share' ? fill(ctx.t.percent, { x: 0 }) : '0', span: half, bold: true },
        { text: q.method === 'share' ? fill(ctx.t.percent, { x: 100 }) : ctx.t.chartMax, span: half, align: 'right', bold: true },
        { text: ctx.t.result, align: 'right', bold: true },
      ],
      { header: true, keepNext: true },
    ),
  ];
  // Every row but the last is kept with the next: the chart is not split across pages.
  const spacer = () => row(widths, [{ text: '', span: widths.length }], { height: 70, keepNext: true });
  componentsOf(q, q.overall).forEach(({ meta, score }, i) => {
    const shown = figure(ctx, q.method, score, marks, { withMax: q.method === 'points' });
    const ratio = score.score === null || score.suppressed ? 0 : Math.min(1, Math.max(0, score.score / score.max));
    const filled = Math.round(ratio * BAR_COLUMNS);
    const bar: CellSpec[] = [];
    if (filled > 0) bar.push({ text: '', span: filled, fill: COLOUR.bar });
    if (filled < BAR_COLUMNS) bar.push({ text: '', span: BAR_COLUMNS - filled, fill: COLOUR.track });
    rows.push(spacer());
    const last = i === q.components.length - 1;
    rows.push(row(widths, [{ text: `${i + 1}. ${meta.label[ctx.lang]}` }, ...bar, { text: shown, align: 'right', bold: true }], { keepNext: !last }));
  });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: CELL_MARGINS,
    borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER },
    rows,
  });
}

/** The fixed columns of a table of reports (name, n, overall) on a page `width` wide; the components share the rest. */
const REPORT_COLUMNS = (width: number) => (width >= LANDSCAPE ? [3000, 650, 1400] : [2300, 650, 1150]);

/** Whether a questionnaire's tables of reports need a landscape page for their component columns. */
function wide(q: QuestionnaireScores): boolean {
  const fixed = REPORT_COLUMNS(PORTRAIT).reduce((a, b) => a + b, 0);
  return (PORTRAIT - fixed) / Math.max(1, q.components.length) < MIN_COLUMN;
}

/** A table of reports as rows, the components as numbered columns; figures without their unit (the heading gives it). */
function reportsTable(ctx: Ctx, q: QuestionnaireScores, width: number, firstHeader: string, rows: readonly { label: string; report: Report; level: 0 | 1 }[]): Block[] {
  const { t } = ctx;
  const marks: Marks = new Set();
  const fixed = REPORT_COLUMNS(width);
  const k = Math.max(1, q.components.length);
  const each = Math.floor((width - fixed.reduce((a, b) => a + b, 0)) / k);
  const widths = [...fixed, ...q.components.map(() => each)];
  const overallHeader = q.method === 'share' ? t.overallColumnShare : fill(t.overallColumnPoints, { max: fill(t.outOf, { max: maxText(ctx, q.overall.max) }) });
  const header: CellSpec[] = [
    { text: firstHeader },
    { text: t.n, align: 'right' },
    { text: overallHeader, align: 'right' },
    ...q.components.map((_, i) => ({ text: String(i + 1), align: 'right' as const })),
  ];
  const body = rows.map(({ label, report, level }): CellSpec[] => {
    const shade = level === 0 ? { fill: COLOUR.groupRow } : {};
    const shown = (f: Shown) => ({ text: figure(ctx, q.method, f, marks, { bare: true }), align: 'right' as const, ...shade });
    return [
      { text: label, ...(level === 1 ? { indent: 200 } : { bold: true }), ...shade },
      { text: count(ctx, report.n), align: 'right', ...shade },
      shown(report),
      ...componentsOf(q, report).map(({ score }) => shown(score)),
    ];
  });
  return [table(widths, [header], body), ...legend(ctx, marks)];
}

function columnsLegend(ctx: Ctx, q: QuestionnaireScores): Paragraph {
  const w = words(ctx, q.method);
  const list = q.components.map((c, i) => `${i + 1}. ${componentLabel(ctx, q, c)}`).join('; ');
  const unit = q.method === 'share' ? ` ${ctx.t.unitPercent}` : '';
  return legendLine(`${fill(ctx.t.columnsAre, { components: w.components, list })}${unit}`, true);
}

function groupsSection(ctx: Ctx, q: QuestionnaireScores, width: number): Block[] {
  if (q.groups.length === 0) return [];
  const rows: { label: string; report: Report; level: 0 | 1 }[] = [{ label: ctx.t.allRespondents, report: q.overall, level: 0 }];
  for (const g of q.groups) {
    rows.push({ label: g.label[ctx.lang], report: g.report, level: 0 });
    for (const s of g.strata) rows.push({ label: s.label[ctx.lang], report: s.report, level: 1 });
  }
  return [heading(ctx.t.groupsHeading, 2), columnsLegend(ctx, q), ...reportsTable(ctx, q, width, ctx.t.scope, rows)];
}

function breakdownsSection(ctx: Ctx, q: QuestionnaireScores, width: number): Block[] {
  const breakdowns = q.breakdowns.filter((b) => b.cells.length > 0);
  if (breakdowns.length === 0) return [];
  const out: Block[] = [heading(ctx.t.breakdownsHeading, 2), columnsLegend(ctx, q)];
  for (const b of breakdowns) {
    const label = b.label[ctx.lang];
    const rows = b.cells.map((c) => ({ label: c.label[ctx.lang] || (c.value === '' ? ctx.t.notAnswered : c.value), report: c.report, level: 1 as const }));
    out.push(heading(label, 3), ...reportsTable(ctx, q, width, label, rows));
  }
  return out;
}

function comparisonSection(ctx: Ctx, report: CampaignReport, q: QuestionnaireScores, width: number): Block[] {
  const comparison = report.comparison;
  if (!comparison) return [];
  const { t } = ctx;
  const earlier = comparison.campaign;
  const out: Block[] = [
    heading(t.comparisonHeading, 2),
    para(fill(t.comparedWith, { title: earlier.title[ctx.lang], start: formatDate(earlier.start), end: formatDate(earlier.end) }), true),
  ];
  if (comparison.differentScoring.includes(q.surveyId)) out.push(note('', t.differentScoring, true));
  const rows = comparison.rows.filter((r) => r.surveyId === q.surveyId);
  if (rows.length === 0) return [...out, para(t.comparisonNone)];
  const marks: Marks = new Set();
  const digits = digitsOf(q.method);
  const body = rows.map((r): CellSpec[] => {
    const withMax = q.method !== 'share' && r.component === undefined;
    const side = (f: typeof r.before) => {
      if (f) return figure(ctx, q.method, f, marks, { withMax });
      marks.add('none');
      return '—';
    };
    const signed = (x: number) => number(ctx, x, digits, { signed: true });
    const assessment = r.exceeds === null ? '—' : r.exceeds ? t.exceeds : t.withinNoise;
    return [
      { text: r.scopeLabel[ctx.lang] },
      { text: r.label[ctx.lang] },
      { text: side(r.before), align: 'right' },
      { text: side(r.after), align: 'right' },
      { text: r.change === null ? '—' : signed(r.change), align: 'right', bold: r.exceeds === true },
      { text: r.low === null || r.high === null ? '—' : fill(t.changeFromTo, { low: signed(r.low), high: signed(r.high) }), align: 'center' },
      { text: assessment, align: 'center', bold: r.exceeds === true },
    ];
  });
  const unit = q.method === 'share' ? t.unitShare : t.unitPoints;
  out.push(
    table(
      fit([15, 21, 11, 11, 10, 19, 13], width),
      [
        [
          { text: t.scope },
          { text: t.measure },
          { text: t.before, align: 'right' },
          { text: t.after, align: 'right' },
          { text: t.change, align: 'right' },
          { text: t.changeInterval, align: 'center' },
          { text: t.assessment, align: 'center' },
        ],
      ],
      body,
    ),
    ...legend(ctx, marks),
    legendLine(fill(t.comparisonNote, { unit })),
  );
  return out;
}

/** Content on pages of one orientation; consecutive parts of one orientation share a section. */
interface Part {
  landscape: boolean;
  children: Block[];
}

/**
 * A questionnaire's parts: its heading, method, overall result and components on portrait pages,
 * then its groups and strata, breakdowns and comparison on the same pages, or on landscape pages
 * when its component columns would not fit. `newSection`: the questionnaire starts a section (after
 * landscape pages), which begins on a page of its own anyway.
 */
/** Every criterion (scored question, table row) over the whole campaign, under its component. */
function criteriaSection(ctx: Ctx, q: QuestionnaireScores): Block[] {
  if (q.criteria.length === 0) return [];
  const { t } = ctx;
  const w = words(ctx, q.method);
  const marks: Marks = new Set();
  const body: CellSpec[][] = [];
  for (const c of q.components) {
    const mine = q.criteria.filter((x) => x.component === c.id);
    if (mine.length === 0) continue;
    body.push([{ text: c.label[ctx.lang], bold: true }, { text: '' }, { text: '' }, { text: '' }]);
    for (const x of mine)
      body.push([
        { text: x.label[ctx.lang], indent: 240 },
        { text: figure(ctx, q.method, x, marks, { withMax: q.method === 'points' }), align: 'right' },
        { text: figureInterval(ctx, q.method, x), align: 'right' },
        { text: count(ctx, x.n), align: 'right' },
      ]);
  }
  const headers: CellSpec[] = [{ text: `${w.component} / ${t.criterion}` }, { text: t.result, align: 'right' }, { text: t.interval, align: 'right' }, { text: t.n, align: 'right' }];
  return [heading(t.criteriaHeading, 2), table(fit([60, 15, 17, 8], PORTRAIT), [headers], body), ...legend(ctx, marks)];
}

function questionnaireParts(ctx: Ctx, report: CampaignReport, q: QuestionnaireScores, newSection: boolean): Part[] {
  const landscape = wide(q);
  const width = landscape ? LANDSCAPE : PORTRAIT;
  const first = [heading(q.title[ctx.lang], 1, !newSection), ...methodSection(ctx, q), ...overallSection(ctx, q), ...componentsSection(ctx, q), ...criteriaSection(ctx, q)];
  const rest = [...groupsSection(ctx, q, width), ...breakdownsSection(ctx, q, width), ...comparisonSection(ctx, report, q, width)];
  return landscape ? [{ landscape: false, children: first }, { landscape: true, children: rest }] : [{ landscape: false, children: [...first, ...rest] }];
}

function pageFooter(ctx: Ctx): Footer {
  // "Trang {page} / {pages}": the page fields where the placeholders are.
  const parts = ctx.t.page.split(/(\{page\}|\{pages\})/).filter((s) => s !== '');
  const children = parts.map((s) => (s === '{page}' ? PageNumber.CURRENT : s === '{pages}' ? PageNumber.TOTAL_PAGES : s));
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children, size: 20 })] })] });
}

function sections(ctx: Ctx, parts: readonly Part[]): ISectionOptions[] {
  const merged: Part[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (last && last.landscape === p.landscape) last.children.push(...p.children);
    else merged.push({ landscape: p.landscape, children: [...p.children] });
  }
  return merged.map((p) => ({
    properties: {
      page: {
        size: { width: A4.short, height: A4.long, orientation: p.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: MARGIN,
      },
    },
    footers: { default: pageFooter(ctx) },
    children: p.children,
  }));
}

/** The campaign's report as a .docx in `lang` (every label, number and date in that language's form). */
export async function reportDocx(report: CampaignReport, lang: ReportLang): Promise<Buffer> {
  const ctx: Ctx = { lang, t: REPORT_TEXT[lang], minCell: report.minCell };
  const { t } = ctx;
  const parts: Part[] = [{ landscape: false, children: [...titleBlock(ctx, report), ...targetsSection(ctx, report)] }];
  for (const q of report.questionnaires) parts.push(...questionnaireParts(ctx, report, q, parts[parts.length - 1]!.landscape));
  const headingRun = (size: number) => ({ font: FONT, size, bold: true, color: COLOUR.heading });
  const headingParagraph = (outlineLevel: number, before: number) => ({ keepNext: true, keepLines: true, outlineLevel, spacing: { before, after: 120 } });
  const doc = new Document({
    title: `${t.reportTitle}: ${report.campaign.title[lang]}`,
    creator: report.campaign.organiser?.[lang] ?? report.campaign.title[lang],
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 26, language: { value: lang === 'vi' ? 'vi-VN' : 'en-GB' } },
          paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
        },
        title: { run: headingRun(36), paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 1200, after: 240 } } },
        heading1: { run: headingRun(32), paragraph: headingParagraph(0, 240) },
        heading2: { run: headingRun(28), paragraph: headingParagraph(1, 240) },
        heading3: { run: { ...headingRun(26), italics: true }, paragraph: headingParagraph(2, 180) },
      },
      paragraphStyles: [
        { id: 'TableText', name: t.styleTable, basedOn: 'Normal', quickFormat: true, run: { size: 20 }, paragraph: { spacing: { before: 20, after: 20, line: 240, lineRule: LineRuleType.AUTO } } },
        {
          id: 'Note',
          name: t.styleNote,
          basedOn: 'Normal',
          quickFormat: true,
          run: { size: 23 },
          paragraph: {
            spacing: { before: 60, after: 120 },
            indent: { left: 113, right: 113 },
            shading: { fill: COLOUR.note, type: ShadingType.CLEAR, color: 'auto' },
            border: { left: { style: BorderStyle.SINGLE, size: 18, color: COLOUR.noteBorder, space: 4 } },
          },
        },
        { id: 'Legend', name: t.styleLegend, basedOn: 'Normal', quickFormat: true, run: { size: 20 }, paragraph: { spacing: { before: 40, after: 80 } } },
        { id: 'ReportSubtitle', name: t.styleSubtitle, basedOn: 'Normal', run: { size: 30, color: COLOUR.heading }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 480 } } },
      ],
    },
    sections: sections(ctx, parts),
  });
  return Packer.toBuffer(doc);
}
