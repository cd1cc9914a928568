/**
 * An uploaded questionnaire file → a checked definition or located problems. The format is read
 * from the bytes, not trusted from a name or a content type: a zip (.xlsx), an OLE compound file
 * (.xls) or JSON. Spreadsheets are read with SheetJS; a file it cannot read, or one that would
 * unpack to more than a bounded size, is refused as damaged, never a crash.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import type { Definition } from '../../survey';
import { formatPath, translationNotes } from '../../survey/check';
import { parseDefinition } from '../../survey/load';
import { importXlsform } from '../../survey/xlsform/import';
import type { Cell, Workbook } from '../../survey/xlsform/workbook';

export type UploadFormat = 'xlsx' | 'xls' | 'json';

export type UploadResult =
  | { ok: true; format: UploadFormat; definition: Definition; warnings: UploadNote[] }
  | { ok: false; format: UploadFormat | undefined; problems: LocatedProblem[] };

/** A problem at a place in the file: a sheet's row and column, or a JSON path. */
export interface LocatedProblem {
  sheet?: string;
  row?: number;
  column?: string;
  path?: string;
  message: { vi: string; en: string };
}

/** A note on an accepted upload (something left out, a missing translation), located as a problem is. */
export type UploadNote = LocatedProblem;

/** What a spreadsheet may unpack to: XLSForms are a few MB at most; a zip bomb is refused before it is read. */
const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

export function formatOf(bytes: Buffer): UploadFormat | undefined {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'xls';
  const start = bytes.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{')) return 'json';
  return undefined;
}

/** The sum of a zip's declared unpacked sizes, from its central directory; undefined when it has none readable. */
export function zipUnpackedSize(bytes: Buffer): number | undefined {
  const entries = zipEntries(bytes);
  return entries?.reduce((n, e) => n + e.size, 0);
}

interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  packed: number;
  size: number;
  /** Where its local header starts. */
  offset: number;
}

/** The entries of a zip's central directory; undefined when it has none readable. */
function zipEntries(bytes: Buffer): ZipEntry[] | undefined {
  const from = Math.max(0, bytes.length - 65_557);
  for (let i = bytes.length - 22; i >= from; i -= 1) {
    if (bytes.readUInt32LE(i) !== 0x06054b50) continue;
    const count = bytes.readUInt16LE(i + 10);
    let at = bytes.readUInt32LE(i + 16);
    const entries: ZipEntry[] = [];
    for (let n = 0; n < count; n += 1) {
      if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return undefined;
      const nameLength = bytes.readUInt16LE(at + 28);
      entries.push({
        name: bytes.toString('utf8', at + 46, Math.min(bytes.length, at + 46 + nameLength)),
        method: bytes.readUInt16LE(at + 10),
        crc: bytes.readUInt32LE(at + 16),
        packed: bytes.readUInt32LE(at + 20),
        size: bytes.readUInt32LE(at + 24),
        offset: bytes.readUInt32LE(at + 42),
      });
      at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    }
    return entries;
  }
  return undefined;
}

/**
 * Why a zip is damaged, or undefined when every entry unpacks to its declared size and checksum.
 * Node's zlib checks this quickly and safely before the spreadsheet parser, which on some damaged
 * entries never returns, sees the file.
 */
export function zipDamage(bytes: Buffer): string | undefined {
  const entries = zipEntries(bytes);
  if (!entries) return 'zip';
  for (const e of entries) {
    if (e.offset + 30 > bytes.length || bytes.readUInt32LE(e.offset) !== 0x04034b50) return `${e.name}: header`;
    const start = e.offset + 30 + bytes.readUInt16LE(e.offset + 26) + bytes.readUInt16LE(e.offset + 28);
    const packed = bytes.subarray(start, start + e.packed);
    if (packed.length !== e.packed) return `${e.name}: truncated`;
    let data: Buffer;
    try {
      if (e.method === 0) data = packed;
      else if (e.method === 8) data = inflateRawSync(packed, { maxOutputLength: Math.max(1, e.size) });
      else return `${e.name}: compression ${e.method}`;
    } catch {
      return `${e.name}: deflate`;
    }
    if (data.length !== e.size || crc32(data) !== e.crc) return `${e.name}: checksum`;
  }
  return undefined;
}

const damaged = (format: UploadFormat, detail: string): UploadResult & { ok: false } => ({
  ok: false,
  format,
  problems: [
    {
      sheet: '(file)',
      message: {
        vi: `không đọc được tệp ${format === 'json' ? 'JSON' : 'bảng tính'}: tệp bị hỏng hoặc không đúng định dạng (${detail})`,
        en: `the ${format === 'json' ? 'JSON' : 'spreadsheet'} file cannot be read: it is damaged or not in its format (${detail})`,
      },
    },
  ],
});

/** The workbook's sheets as rows of plain cells. Throws on a file SheetJS cannot read. */
export function readWorkbook(bytes: Buffer): Workbook {
  const book = XLSX.read(bytes, { type: 'buffer', cellFormula: false, cellHTML: false, cellText: false, cellDates: false, sheetStubs: false });
  const sheets: Record<string, Cell[][]> = {};
  for (const name of book.SheetNames) {
    const sheet = book.Sheets[name];
    if (!sheet) continue;
    sheets[name] = XLSX.utils.sheet_to_json<Cell[]>(sheet, { header: 1, raw: true, defval: '', blankrows: true });
  }
  return { sheets };
}

/** Writes a workbook as .xlsx bytes. */
export function writeWorkbook(book: Workbook): Buffer {
  const out = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(book.sheets)) XLSX.utils.book_append_sheet(out, XLSX.utils.aoa_to_sheet(rows.map((r) => r.map((c) => c ?? ''))), name);
  return XLSX.write(out, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

export function readUpload(bytes: Buffer, fileName: string): UploadResult {
  const format = formatOf(bytes);
  if (format === undefined)
    return {
      ok: false,
      format,
      problems: [
        {
          sheet: '(file)',
          message: {
            vi: 'tệp không phải là bảng tính Excel (.xlsx, .xls) hay tệp JSON của bảng hỏi',
            en: 'the file is not an Excel spreadsheet (.xlsx, .xls) nor a questionnaire JSON file',
          },
        },
      ],
    };
  if (format === 'json') {
    const loaded = parseDefinition(bytes.toString('utf8').replace(/^\uFEFF/, ''), fileName);
    if (loaded.ok) {
      // A text lacking one of the questionnaire's further languages falls back: said, not refused.
      const warnings = translationNotes(loaded.definition).map((n) => ({ path: formatPath(n.path), message: { vi: n.messageVi, en: n.message } }));
      return { ok: true, format, definition: loaded.definition, warnings };
    }
    return { ok: false, format, problems: loaded.errors.map((e) => ({ path: e.path, message: { vi: e.messageVi ?? e.message, en: e.message } })) };
  }
  if (format === 'xlsx') {
    const unpacked = zipUnpackedSize(bytes);
    if (unpacked === undefined) return damaged(format, 'zip');
    if (unpacked > MAX_UNPACKED_BYTES) return damaged(format, `${Math.round(unpacked / 1048576)} MB`);
    const damage = zipDamage(bytes);
    if (damage !== undefined) return damaged(format, damage);
  }
  let book: Workbook;
  try {
    book = readWorkbook(bytes);
  } catch (e) {
    return damaged(format, e instanceof Error ? e.message.slice(0, 200) : 'unknown');
  }
  try {
    const imported = importXlsform(book, { fileName });
    if (imported.ok) return { ok: true, format, definition: imported.definition, warnings: imported.warnings };
    return { ok: false, format, problems: imported.problems };
  } catch (e) {
    // The importer promises located problems for any workbook; a throw is a bug, still not a 5xx for the user.
    return damaged(format, e instanceof Error ? e.message.slice(0, 200) : 'unknown');
  }
}

/** A table read from an uploaded spreadsheet or CSV file: the rows of its first sheet. */
export type TableResult = { ok: true; format: 'xlsx' | 'xls' | 'csv'; sheet: string; rows: Cell[][] } | { ok: false; problems: LocatedProblem[] };

/**
 * The first sheet of an .xlsx or .xls file, or a CSV file (UTF-8, commas or semicolons), as rows of
 * cells; a damaged or other file is refused with a located problem.
 */
export function readTable(bytes: Buffer): TableResult {
  const format = formatOf(bytes);
  if (format === 'xlsx') {
    const unpacked = zipUnpackedSize(bytes);
    const damage = unpacked === undefined ? 'zip' : unpacked > MAX_UNPACKED_BYTES ? `${Math.round(unpacked / 1048576)} MB` : zipDamage(bytes);
    if (damage !== undefined) return { ok: false, problems: damaged(format, damage).problems };
  }
  let book: Workbook;
  if (format === 'xlsx' || format === 'xls') {
    try {
      book = readWorkbook(bytes);
    } catch (e) {
      return { ok: false, problems: damaged(format, e instanceof Error ? e.message.slice(0, 200) : 'unknown').problems };
    }
  } else {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    if (bytes.length === 0 || text.includes('\u0000') || text.includes('\uFFFD'))
      return {
        ok: false,
        problems: [
          {
            sheet: '(file)',
            message: {
              vi: 'tệp không phải là bảng tính Excel (.xlsx, .xls) hay tệp CSV (UTF-8)',
              en: 'the file is not an Excel spreadsheet (.xlsx, .xls) nor a CSV file (UTF-8)',
            },
          },
        ],
      };
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    const FS = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
    const sheet = XLSX.read(text, { type: 'string', FS, raw: true }).Sheets;
    const first = Object.values(sheet)[0];
    book = { sheets: { CSV: first ? XLSX.utils.sheet_to_json<Cell[]>(first, { header: 1, raw: true, defval: '', blankrows: true }) : [] } };
  }
  const [name, rows] = Object.entries(book.sheets)[0] ?? ['(file)', []];
  return { ok: true, format: format === 'xlsx' || format === 'xls' ? format : 'csv', sheet: name, rows };
}
