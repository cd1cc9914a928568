/**
 * The XLSX export, written as a stream with ExcelJS (server side only): sheet "data" (codes, integer
 * codes as numbers), sheet "labels" (labels in one language), sheet "codebook" (every column,
 * question and option in Vietnamese and English) and, for a questionnaire with scoring, sheet
 * "scores" (see ./scores). Each data sheet reads the interviews in batches. Every row of every
 * sheet, header included, is written by `writeRow`, which makes each text cell safe (./text: the
 * characters XML forbids, which would make the whole file unreadable, become U+FFFD). Text cells
 * are plain strings, never formulas, so they need no guard here.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { QuestionnaireScores } from '../../contract';
import type { Definition, Lang } from '../../survey';
import type { Cell, Column, ExportRow } from './columns';
import { typed } from './columns';
import { SCORE_COLUMNS, scoreLines } from './scores';
import { safeCell, safeText } from './text';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CODEBOOK_HEADER = ['column', 'question', 'section', 'type', 'label (vi)', 'label (en)', 'code', 'code label (vi)', 'code label (en)'];

/** The one way a row reaches a sheet: every cell made safe, then written out. */
function writeRow(sheet: ExcelJS.Worksheet, cells: readonly Cell[], bold = false): void {
  const row = sheet.addRow(cells.map(safeCell));
  if (bold) row.font = { bold: true };
  row.commit();
}

async function writeWorkbook(
  out: PassThrough,
  def: Definition,
  columns: readonly Column[],
  batches: () => AsyncGenerator<ExportRow[]>,
  labels: Lang,
  scores: QuestionnaireScores | undefined,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Khảo sát CCHC';
  wb.title = safeText(`${def.id} v${def.version}`);
  const frozen = { views: [{ state: 'frozen' as const, ySplit: 1 }] };
  for (const [name, lang] of [['data', undefined], ['labels', labels]] as const) {
    const sheet = wb.addWorksheet(name, frozen);
    writeRow(sheet, columns.map((c) => c.key), true);
    for await (const batch of batches())
      for (const r of batch) writeRow(sheet, columns.map((c) => (lang ? c.label(r, lang) : typed(c, c.code(r)))));
    sheet.commit();
  }
  const book = wb.addWorksheet('codebook', frozen);
  writeRow(book, CODEBOOK_HEADER, true);
  for (const c of columns)
    for (const line of c.codebook)
      writeRow(book, [line.column, line.question, line.section, line.type, line.label.vi, line.label.en, line.code, line.codeLabel?.vi, line.codeLabel?.en]);
  book.commit();
  if (scores) {
    const sheet = wb.addWorksheet('scores', frozen);
    writeRow(sheet, SCORE_COLUMNS, true);
    for (const line of scoreLines(scores, labels)) writeRow(sheet, line);
    sheet.commit();
  }
  await wb.commit();
}

/** A stream of the workbook's bytes; an error while writing destroys the stream. */
export function xlsxStream(
  def: Definition,
  columns: readonly Column[],
  batches: () => AsyncGenerator<ExportRow[]>,
  labels: Lang,
  scores?: QuestionnaireScores,
): PassThrough {
  const out = new PassThrough();
  writeWorkbook(out, def, columns, batches, labels, scores).catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
