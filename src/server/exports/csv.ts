/**
 * CSV exports (RFC 4180): UTF-8 with a byte-order mark so spreadsheet programs read Vietnamese
 * correctly, CRLF line ends, a header of column keys, codes or labels in one language. Free text
 * starting with = + - @ or a tab is prefixed with ' so a spreadsheet never runs it as a formula.
 */
import type { Lang } from '../../survey';
import type { Cell, Column, ExportRow } from './columns';

export function field(value: Cell, freeText: boolean | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (freeText && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = (columns: readonly Column[]): string => '\uFEFF' + columns.map((c) => field(c.key, false)).join(',') + '\r\n';

/** The CSV lines of a batch of interviews: codes, or labels in `labels`. */
export function csvLines(columns: readonly Column[], rows: readonly ExportRow[], labels: Lang | undefined): string {
  let out = '';
  for (const r of rows) out += columns.map((c) => field(labels ? c.label(r, labels) : c.code(r), c.freeText)).join(',') + '\r\n';
  return out;
}
