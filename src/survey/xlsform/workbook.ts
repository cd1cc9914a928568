/**
 * A spreadsheet as the XLSForm importer and exporter see it: named sheets of rows of cells, the
 * first row of each sheet its column headers. Reading and writing real .xlsx/.xls files happens
 * outside the engine (the server and the bench); this module is pure.
 */
import { languageCodeOfName, languageEnglishName } from '../language-names';
import type { Text } from '../types';

export type Cell = string | number | boolean | null | undefined;
export type Rows = Cell[][];
export interface Workbook {
  /** Sheet name → rows; row 0 is the header. Sheet names are matched without regard to case. */
  sheets: Record<string, Rows>;
}

/**
 * This app's `rows_from` value for a matrix whose rows are the strata the campaign plans for the
 * respondent's group (`"rowsFrom": {"strata": true}`): brackets, so it is never a list's name.
 */
export const STRATA_ROWS = 'strata()';

/** One located problem: the sheet, the row as the spreadsheet numbers it (the header is row 1), the column's header. */
export interface XlsformProblem {
  sheet: string;
  row?: number;
  column?: string;
  message: Text;
}

/** The text of a cell, trimmed ('' for an empty cell). */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return String(cell).trim();
}

/** XLSForm's yes/no cells: yes, true, TRUE, true(), 1. */
export function cellYes(cell: Cell): boolean {
  if (cell === true) return true;
  if (typeof cell === 'number') return cell === 1;
  return /^(yes|true|true\(\)|1|có)$/i.test(cellText(cell));
}

const LANGUAGE_NAMES: Record<string, string> = {
  vietnamese: 'vi',
  'tiếng việt': 'vi',
  'tieng viet': 'vi',
  english: 'en',
  'tiếng anh': 'en',
  'tieng anh': 'en',
};

/** A header split into its column and language: `label::Tiếng Việt (vi)` → label, vi; `label` → label, undefined. */
export function parseHeader(header: string): { column: string; lang?: string } {
  const text = header.trim();
  const at = text.indexOf('::');
  if (at < 0) return { column: text.toLowerCase() };
  const column = text.slice(0, at).trim().toLowerCase();
  const langPart = text.slice(at + 2).trim();
  const code = /\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\)\s*$/.exec(langPart)?.[1];
  const lang = (code ?? LANGUAGE_NAMES[langPart.toLowerCase()] ?? languageCodeOfName(langPart) ?? langPart).toLowerCase();
  return { column, lang };
}

/** A sheet's rows as records keyed by header, with each row's number and the text of each translated column. */
export interface SheetRow {
  /** The row number as the spreadsheet shows it. */
  row: number;
  get(column: string): string;
  cell(column: string): Cell;
  /** column → language (or '' for the column without a language) → text, non-empty only. */
  texts(column: string): Map<string, string>;
  /** The header of `column` as written, for locating a problem. */
  header(column: string): string;
  /** The header of `column` in language `lang` as written, when the sheet has that column. */
  headerOf(column: string, lang: string): string | undefined;
  /** Every column name (lower case) of the sheet. */
  columns: readonly string[];
}

export function sheetRows(rows: Rows): SheetRow[] {
  const header = (rows[0] ?? []).map((h) => cellText(h));
  const parsed = header.map(parseHeader);
  const plain = new Map<string, number>();
  const translated = new Map<string, { lang: string; index: number }[]>();
  parsed.forEach((h, index) => {
    if (h.column === '') return;
    if (h.lang === undefined) {
      if (!plain.has(h.column)) plain.set(h.column, index);
    } else {
      const list = translated.get(h.column) ?? [];
      list.push({ lang: h.lang, index });
      translated.set(h.column, list);
    }
  });
  const columns = [...new Set(parsed.map((h) => h.column).filter((c) => c !== ''))];
  const out: SheetRow[] = [];
  rows.slice(1).forEach((cells, i) => {
    if (!cells || cells.every((c) => cellText(c) === '')) return;
    out.push({
      row: i + 2,
      columns,
      cell: (column) => {
        const index = plain.get(column);
        return index === undefined ? undefined : cells[index];
      },
      get: (column) => {
        const index = plain.get(column);
        return index === undefined ? '' : cellText(cells[index]);
      },
      texts: (column) => {
        const found = new Map<string, string>();
        const index = plain.get(column);
        if (index !== undefined && cellText(cells[index]) !== '') found.set('', cellText(cells[index]));
        for (const t of translated.get(column) ?? []) {
          const v = cellText(cells[t.index]);
          if (v !== '' && !found.has(t.lang)) found.set(t.lang, v);
        }
        return found;
      },
      headerOf: (column, lang) => {
        const index = translated.get(column)?.find((t) => t.lang === lang)?.index;
        return index === undefined ? undefined : header[index];
      },
      header: (column) => {
        const index = plain.get(column) ?? translated.get(column)?.[0]?.index;
        return index === undefined ? column : (header[index] ?? column);
      },
    });
  });
  return out;
}

/** The sheet named `name` (any case), or undefined. */
export function findSheet(book: Workbook, name: string): { name: string; rows: Rows } | undefined {
  const wanted = name.toLowerCase();
  for (const [sheet, rows] of Object.entries(book.sheets)) if (sheet.trim().toLowerCase() === wanted) return { name: sheet, rows };
  return undefined;
}

/**
 * A text from a row's translations: Vietnamese and English from their own columns; a missing one
 * takes the form's default language, then the other one, then the first language written, so a form
 * in one language (or in others) still reads in the best language available. The further languages
 * (`extras`, the form's languages besides vi and en, in the form's order) are kept as they are
 * written; the plain column (no language) is the default language's when that is one of them.
 */
export function textOf(found: Map<string, string>, defaultLang: string, extras: readonly string[] = []): Text | undefined {
  if (found.size === 0) return undefined;
  const first = found.values().next().value!;
  const pick = (...langs: string[]): string => langs.map((l) => found.get(l)).find((v) => v !== undefined) ?? first;
  const vi = pick('vi', defaultLang, '');
  const en = pick('en', defaultLang, '', 'vi');
  const text: Text = { vi, en };
  for (const lang of extras) {
    const value = found.get(lang) ?? (lang === defaultLang ? found.get('') : undefined);
    if (value !== undefined) text[lang] = value;
  }
  return text;
}

/** The column headers the exporter writes for a translated column. */
export const LANGUAGE_HEADERS = { vi: 'Tiếng Việt (vi)', en: 'English (en)' } as const;

/** The language part of a translated column's header: "Tiếng Việt (vi)", "English (en)", "Khmer (km)". */
export const languageHeader = (lang: string): string => (lang === 'vi' || lang === 'en' ? LANGUAGE_HEADERS[lang] : `${languageEnglishName(lang)} (${lang})`);

/** The headers of a translated column, one per language (Vietnamese and English unless told). */
export const translatedHeaders = (column: string, langs: readonly string[] = ['vi', 'en']): string[] => langs.map((l) => `${column}::${languageHeader(l)}`);
