/**
 * CSV exports (RFC 4180): UTF-8 with a byte-order mark so spreadsheet programs read Vietnamese
 * correctly, CRLF line ends, a header of column keys, codes or labels in one language. Every text
 * cell (answers, the enumerator's name, codes, labels, the header), not only free text, is written
 * safe (./text) and, when it starts with = + - @, a tab or a carriage return, prefixed with ' so a
 * spreadsheet never runs it as a formula. Numbers are never prefixed: number values, and integer
 * codes in a numeric column (what the XLSX export writes as numbers, see `typed`).
 */
import type { Lang } from '../../survey';
import type { Cell, Column, ExportRow } from './columns';
import { typed } from './columns';
import { safeText } from './text';

/** One field: a number as it is, text made safe, guarded against formulas and quoted when needed. */
export function field(value: Cell): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = safeText(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = (columns: readonly Column[]): string => '\uFEFF' + columns.map((c) => field(c.key)).join(',') + '\r\n';

/** The CSV lines of a batch of interviews: codes, or labels in `labels`. */
export function csvLines(columns: readonly Column[], rows: readonly ExportRow[], labels: Lang | undefined): string {
  let out = '';
  for (const r of rows) out += columns.map((c) => field(typed(c, labels ? c.label(r, labels) : c.code(r)))).join(',') + '\r\n';
  return out;
}
