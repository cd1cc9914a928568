/**
 * Text as every export writes it (XLSX and CSV; JSON keeps the stored text exactly, JSON escaping
 * any character). XML 1.0, which XLSX is made of, forbids the C0 controls other than tab, line feed
 * and carriage return, lone surrogates (half a character), U+FFFE and U+FFFF: one of them in one
 * cell (a free-text answer, an enumerator's name, a label) makes the whole workbook ill-formed and
 * no spreadsheet opens it. Each is replaced by U+FFFD, the Unicode replacement character, rather
 * than removed: removing it would merge the words on either side ("a\vb" → "ab") and hide that the
 * text held something. A character outside the Basic Multilingual Plane (a surrogate pair) is legal
 * and kept. CSV uses the same rule, so both files show the same text, and a NUL, which cuts a field
 * short in many programs reading CSV, never reaches one.
 */
import type { Cell } from './columns';

// eslint-disable-next-line no-control-regex -- the control characters are what is matched
const XML_ILLEGAL = /[\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/gu;

/** `text` with every character XML forbids replaced by U+FFFD. */
export const safeText = (text: string): string => text.replace(XML_ILLEGAL, '\uFFFD');

/** A cell with its text made safe; numbers and empty cells as they are. */
export const safeCell = (value: Cell): Cell => (typeof value === 'string' ? safeText(value) : value);
