/**
 * SPSS syntax (`.sps`) that reads the codes CSV of one questionnaire version and gives every
 * variable its label and every coded variable its value labels, in Vietnamese or English (UTF-8).
 * Also run by PSPP, which the tests use.
 *
 * - GET DATA /TYPE=TXT reads the CSV (UTF-8, comma, double quotes, the header skipped); integer
 *   codes, 0/1 and numbers are numeric, every other column a string (text codes are kept as text,
 *   with string value labels).
 * - One VALUE LABELS command per label set (a scale or list of the questionnaire, the 0/1 of
 *   multiple choices, an interview field) listing every variable on it.
 * - Names: the CSV's header when it is a valid name, else a valid one (at most 64 characters,
 *   unique), the renaming stated in a comment at the top.
 * - Limits: a variable label at most 255 bytes, a value label at most 120 bytes (UTF-8), cut on a
 *   character; a syntax line stays under 250 bytes (long texts are split into 'a' + 'b'); every
 *   comment line ends with a period (an SPSS comment runs to the first line that does).
 * - A string variable's width: its codes' or the questionnaire's bound (a text's maximum length, 3
 *   bytes a character), or for free text without one the longest value of the interviews read when
 *   the file is made (at least 255 bytes), at most 32,767.
 * - The file starts with a UTF-8 byte-order mark: SPSS in Unicode mode then reads it as UTF-8.
 */
import type { Lang } from '../../survey';
import type { Dictionary, LabelSet, Variable } from './dictionary';
import { aboutLines, fitLabel, labelText, renamedLines, truncate, uniqueNames } from './dictionary';

/** SPSS's limits (bytes of UTF-8). */
export const SPSS_LIMITS = { name: 64, variableLabel: 255, valueLabel: 120, line: 250, string: 32767 } as const;
/** The least width of a free-text variable whose width comes from the data. */
const MIN_TEXT_BYTES = 255;
/** The width of a text code (codes are short; an unexpected longer one is not cut). */
const MIN_CODE_BYTES = 64;

export interface SpssOptions {
  lang: Lang;
  /** When the file is made (ISO 8601, UTC). */
  madeAt: string;
  /** The longest value (bytes) of each free-text column without a bound, over `interviews` interviews. */
  measured?: { interviews: number; bytes: ReadonlyMap<string, number> };
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * Comment lines: `* text.`, each under the line limit (a long text continues on the next comment),
 * each ending with a period so that no command after it is taken into the comment.
 */
function comments(text: string): string[] {
  const out: string[] = [];
  // Nothing SPSS could take for the start or end of a /* */ comment.
  let rest = labelText(text).replace(/\/\*|\*\//g, (c) => c.split('').join(' '));
  const room = SPSS_LIMITS.line - 4;
  while (bytes(rest) > room) {
    const chars = Array.from(rest);
    let cut = 0;
    let used = 0;
    while (used + bytes(chars[cut]!) <= room) used += bytes(chars[cut++]!);
    const space = chars.slice(0, cut).lastIndexOf(' ');
    if (space > cut / 2) cut = space;
    out.push(chars.slice(0, cut).join('').trimEnd());
    rest = chars.slice(cut).join('').trimStart();
  }
  out.push(rest.replace(/\.?$/, '.'));
  // Only the last line needs its period: a line after one without it starts with * all the same.
  return out.map((line) => `* ${line}`);
}

/**
 * A quoted string ('…', an apostrophe doubled), split into pieces of at most `piece` bytes joined by
 * `+` on following lines when it is long; `indent` starts the continuation lines.
 */
export function spssString(text: string, indent: string, piece = 160): string {
  const pieces: string[] = [];
  let current = '';
  for (const ch of Array.from(text)) {
    if (bytes(current + ch) > piece) {
      pieces.push(current);
      current = '';
    }
    current += ch;
  }
  pieces.push(current);
  return pieces.map((p) => `'${p.replace(/'/g, "''")}'`).join(` +\r\n${indent}`);
}

/**
 * PSPP, like SPSS, takes a line whose first word is COMMENT or DOCUMENT (or an abbreviation of
 * them, such as COMM or DOC) for the start of that command wherever it is, and reads the lines after
 * it as the comment: a variable named `comment` must never begin a line.
 */
export const beginsCommand = (name: string): boolean => {
  const word = name.toLowerCase();
  return word.length >= 3 && ('comment'.startsWith(word) || 'document'.startsWith(word));
};

/**
 * Names wrapped into lines under the limit, the first line starting with `first` (the command), the
 * others with `indent`; a name that would begin a command never begins a line (the name before it
 * goes with it).
 */
function wrapped(items: readonly string[], indent: string, first: string): string[] {
  const lines: string[][] = [];
  let line: string[] = [];
  for (const item of items) {
    const start = lines.length === 0 ? first : indent;
    if (line.length > 0 && bytes(`${start}${[...line, item].join(' ')}`) > SPSS_LIMITS.line - 70) {
      lines.push(line);
      line = [];
    }
    line.push(item);
  }
  lines.push(line);
  for (let i = 1; i < lines.length; i++) if (beginsCommand(lines[i]![0]!) && lines[i - 1]!.length > 1) lines[i]!.unshift(lines[i - 1]!.pop()!);
  return lines.map((l, i) => `${i === 0 ? first : indent}${l.join(' ')}`);
}

function stringWidth(v: Variable, options: SpssOptions): number {
  if (v.labels && !v.labels.numeric) return Math.max(MIN_CODE_BYTES, ...v.labels.values.map((x) => bytes(String(x.value))));
  if (v.kind === 'code') return MIN_CODE_BYTES;
  const width = v.bytes ?? Math.max(MIN_TEXT_BYTES, options.measured?.bytes.get(v.column) ?? 0);
  return Math.min(SPSS_LIMITS.string, Math.max(1, width));
}

function format(v: Variable, options: SpssOptions): string {
  if (!v.numeric) return `A${stringWidth(v, options)}`;
  if (v.labels) return `F${Math.max(1, ...v.labels.values.map((x) => String(x.value).length))}.0`;
  return v.decimals > 0 ? `F16.${v.decimals}` : 'F12.0';
}

/** GET DATA's variables, one a line; a name that would begin a command goes on the line before. */
function getDataVariables(variables: readonly Variable[], names: readonly string[], options: SpssOptions): string[] {
  const lines: string[] = [];
  variables.forEach((v, i) => {
    const entry = `${names[i]} ${format(v, options)}`;
    if (i > 0 && beginsCommand(names[i]!)) lines[lines.length - 1] += ` ${entry}`;
    else lines.push(`    ${entry}`);
  });
  lines[lines.length - 1] += '.';
  return lines;
}

function valueLabels(set: LabelSet, names: readonly string[], lang: Lang): string[] {
  const variables = set.variables.map((v) => names[v.position - 1]!);
  const missing = set.values.filter((x) => x.missing).map((x) => String(x.value));
  const about =
    lang === 'vi'
      ? `Bộ nhãn ${set.name} (${set.about.vi}): ${set.variables.length} biến${missing.length ? `; mã không thực chất (như “Không biết”, không tính vào điểm): ${missing.join(', ')}` : ''}.`
      : `Label set ${set.name} (${set.about.en}): ${set.variables.length} variable(s)${missing.length ? `; non-substantive codes (such as "don't know", left out of scores): ${missing.join(', ')}` : ''}.`;
  const values = set.values.map((x, i) => {
    const value = typeof x.value === 'number' ? String(x.value) : spssString(x.value, '    ', 100);
    const label = spssString(truncate(labelText(x.label[lang]), SPSS_LIMITS.valueLabel, 'bytes'), '    ');
    return `  ${value} ${label}${i === set.values.length - 1 ? '.' : ''}`;
  });
  return [...comments(about), ...wrapped(variables, '  ', 'VALUE LABELS '), ...values];
}

/** The `.sps` text for the codes CSV described by `dictionary`. */
export function spssSyntax(dictionary: Dictionary, options: SpssOptions): string {
  const { lang } = options;
  const { variables, labelSets, csv } = dictionary;
  const names = uniqueNames(
    variables.map((v) => v.column),
    SPSS_LIMITS.name,
  );
  const measuredNote = variables.some((v) => !v.numeric && v.bytes === undefined && v.kind === 'text') && options.measured
    ? lang === 'vi'
      ? [`Độ rộng các biến văn bản tự do không giới hạn độ dài lấy theo câu trả lời dài nhất trong ${options.measured.interviews} phiếu lúc tạo tệp (ít nhất ${MIN_TEXT_BYTES} byte): với CSV tải sau có câu trả lời dài hơn, hãy tải lại tệp này.`]
      : [`Free-text variables without a maximum length are as wide as the longest answer of the ${options.measured.interviews} interviews stored when this file was made (at least ${MIN_TEXT_BYTES} bytes): download this file again with a later CSV holding longer answers.`]
    : [];
  const unicode =
    lang === 'vi'
      ? 'Tệp CSV và các nhãn là UTF-8: chạy SPSS ở chế độ Unicode (Edit > Options > Language > Unicode); PSPP đọc được như vậy.'
      : 'The CSV and the labels are UTF-8: run SPSS in Unicode mode (Edit > Options > Language > Unicode); PSPP reads them as they are.';
  const save = lang === 'vi' ? `Muốn lưu thành tệp SPSS: SAVE OUTFILE='${csv.replace(/\.csv$/, '.sav')}'` : `To keep an SPSS data file: SAVE OUTFILE='${csv.replace(/\.csv$/, '.sav')}'`;

  const lines: string[] = [
    ...aboutLines(dictionary, lang, options.madeAt, 'SPSS').flatMap(comments),
    ...comments(unicode),
    ...measuredNote.flatMap(comments),
    ...renamedLines(dictionary, names, lang, SPSS_LIMITS.name).flatMap(comments),
    '',
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE=${spssString(csv, '    ')}`,
    "  /ENCODING='UTF8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /DELCASE=LINE',
    '  /FIRSTCASE=2',
    "  /DELIMITERS=','",
    `  /QUALIFIER='"'`,
    '  /VARIABLES=',
    ...getDataVariables(variables, names, options),
    '',
    'VARIABLE LABELS',
    ...variables.map(
      (v, i) =>
        `  ${i === 0 ? '' : '/'}${names[i]} ${spssString(fitLabel(v.label, lang, SPSS_LIMITS.variableLabel, 'bytes'), '    ')}${i === variables.length - 1 ? '.' : ''}`,
    ),
  ];
  for (const set of labelSets) lines.push('', ...valueLabels(set, names, lang));
  const nominal = variables.filter((v) => v.numeric && v.kind === 'code').map((v) => names[v.position - 1]!);
  const scale = variables.filter((v) => v.numeric && v.kind === 'number').map((v) => names[v.position - 1]!);
  const levels = [
    ...(nominal.length ? [...wrapped(nominal, '  ', 'VARIABLE LEVEL '), '  (NOMINAL)'] : []),
    ...(scale.length ? [...wrapped(scale, '  ', nominal.length ? '  /' : 'VARIABLE LEVEL '), '  (SCALE)'] : []),
  ];
  if (levels.length) lines.push('', ...levels.slice(0, -1), `${levels[levels.length - 1]!}.`);
  lines.push('', ...comments(save), 'EXECUTE.', '');
  return '\uFEFF' + lines.join('\r\n');
}
