/**
 * CSV exports (RFC 4180): UTF-8 with a byte-order mark so spreadsheet programs read Vietnamese
 * correctly, CRLF line ends, a header of column keys, codes or labels in one language. Every text
 * cell (answers, the enumerator's name, codes, labels, the header), not only free text, is written
 * safe (./text) and, when it starts with = + - @, a tab or a carriage return, prefixed with ' so a
 * spreadsheet never runs it as a formula. Numbers are never prefixed: number values, and integer
 * codes in a numeric column (what the XLSX export writes as numbers, see `typed`).
 *
 * The codes CSV is also what the SPSS and Stata syntax files read (./spss.ts, ./stata.ts). SPSS and
 * PSPP read one interview per line and cannot take a line break inside a quoted cell (a free-text
 * answer of two lines would split its interview in two and shift every column after it), so in the
 * codes CSV a line break inside a cell (CRLF, CR or LF) is written as one space. The CSV with
 * labels, the XLSX and the JSON keep the text with its line breaks.
 */
import type { Lang } from '../../survey';
import type { Cell, Column, ExportRow } from './columns';
import { typed } from './columns';
import { safeText } from './text';

/** A text on one line: each line break (CRLF, CR or LF) becomes one space. */
export const oneLine = (text: string): string => text.replace(/\r\n|[\r\n]/g, ' ');

/**
 * A text cell as a program reading the CSV gets it back once unquoted: made safe, on one line in the
 * codes CSV (`flat`), and guarded against formulas. The SPSS and Stata files label string codes with it.
 */
export function cellText(value: string, flat: boolean): string {
  const text = safeText(flat ? oneLine(value) : value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One field, on one line when `flat`: a number as it is, text made safe, guarded against formulas and quoted when needed. */
function fieldOf(value: Cell, flat: boolean): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = cellText(value, flat);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One field of a CSV that keeps line breaks (labels, scores, the audit trail). */
export const field = (value: Cell): string => fieldOf(value, false);

export const csvHeader = (columns: readonly Column[]): string => '\uFEFF' + columns.map((c) => fieldOf(c.key, true)).join(',') + '\r\n';

/** The CSV lines of a batch of interviews: codes (each cell on one line), or labels in `labels`. */
export function csvLines(columns: readonly Column[], rows: readonly ExportRow[], labels: Lang | undefined): string {
  const flat = labels === undefined;
  let out = '';
  for (const r of rows) out += columns.map((c) => fieldOf(typed(c, labels ? c.label(r, labels) : c.code(r)), flat)).join(',') + '\r\n';
  return out;
}
