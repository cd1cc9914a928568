/**
 * The XLSX export, written as a stream with ExcelJS (server side only): sheet "data" (codes, integer
 * codes as numbers), sheet "labels" (labels in one language), sheet "codebook" (every column,
 * question and option in Vietnamese and English) and, for a questionnaire with scoring, sheet
 * "scores" (see ./scores). The sheets are written one after the other in that order, each row
 * committed as it is written; each data sheet reads the interviews in batches (two passes, never
 * all held). ExcelJS's streaming writer ignores back-pressure (a committed row is queued for the
 * zip's compressor at once), so every few rows the writer waits while what is queued for the zip
 * is above a bound (see `paced`) or the output is full, and gives the event loop a turn; it stops, and the
 * workbook is abandoned, once the client has gone. Every row of every
 * sheet, header included, is written by `writeRow`, which makes each text cell safe (./text: the
 * characters XML forbids, which would make the whole file unreadable, become U+FFFD). Text cells
 * are plain strings, never formulas, so they need no guard here.
 */
import { PassThrough } from 'node:stream';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { QuestionnaireScores } from '../../contract';
import type { Definition, Lang } from '../../survey';
import type { Cell, Column, ExportRow } from './columns';
import { typed } from './columns';
import { SCORE_COLUMNS, scoreLines } from './scores';
import { nextTurn, once, room, ROWS_PER_TURN } from './flow';
import { safeCell, safeText } from './text';

const CODEBOOK_HEADER = ['column', 'question', 'section', 'type', 'label (vi)', 'label (en)', 'code', 'code label (vi)', 'code label (en)'];

/** The one way a row reaches a sheet: every cell made safe, then written out. */
function writeRow(sheet: ExcelJS.Worksheet, cells: readonly Cell[], bold = false): void {
  const row = sheet.addRow(cells.map(safeCell));
  if (bold) row.font = { bold: true };
  row.commit();
}

/** Bytes a sheet may have queued for the zip's compressor before its writer waits. */
const QUEUED_BYTES = 1 << 20;

/**
 * What ExcelJS's streaming writer keeps of a sheet (not in its types): the sheet's buffer and the
 * streams it is piped to. The zip (archiver) reads each sheet through a stream of its own
 * (readable-stream 2), which has neither `writableLength` nor `writableNeedDrain`: what it holds is
 * in its writable state.
 */
interface SheetInternals {
  _stream?: { buffers?: { length: number }[]; pipes?: (Writable & { _writableState?: { length?: number } })[] };
}

/** Bytes written to `stream` and not yet taken by what reads it. */
const queuedBytes = (stream: { writableLength?: number; _writableState?: { length?: number } }): number =>
  stream.writableLength ?? stream._writableState?.length ?? 0;

/**
 * Waits while the sheet has more than QUEUED_BYTES queued: in its own buffer until the zip reaches
 * it (polled, the zip signals nothing), or in the zip's input for the sheet (until it has all been
 * taken: 'drain'); then while the output is full; then gives the event loop a turn. The zip
 * compresses a sheet only as fast as the event loop turns, far slower than rows are written, so
 * without this wait a sheet would be queued almost whole.
 */
async function paced(sheet: ExcelJS.Worksheet, out: Writable, signal: AbortSignal): Promise<void> {
  for (;;) {
    if (signal.aborted) return;
    const stream = (sheet as unknown as SheetInternals)._stream;
    const pipes = stream?.pipes ?? [];
    if (pipes.length === 0) {
      const held = (stream?.buffers ?? []).reduce((n, b) => n + b.length, 0);
      if (held <= QUEUED_BYTES) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
      continue;
    }
    const full = pipes.find((p) => queuedBytes(p) > QUEUED_BYTES && !p.destroyed);
    if (!full) break;
    await once(full, ['drain', 'close', 'error'], signal);
  }
  await room(out, signal);
  await nextTurn();
}

/** What a workbook is made of. */
export interface WorkbookInput {
  def: Definition;
  columns: readonly Column[];
  /** Reads the interviews in batches; called once per data sheet. */
  batches: () => AsyncGenerator<ExportRow[]>;
  /** The language of the "labels" and "scores" sheets. */
  labels: Lang;
  scores?: QuestionnaireScores | undefined;
  /** Aborted when the client has gone: the workbook is abandoned. */
  signal: AbortSignal;
}

async function writeWorkbook(out: PassThrough, { def, columns, batches, labels, scores, signal }: WorkbookInput): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const abandon = () => {
    // The zip (archiver) is not in ExcelJS's types; aborting it drops what it still queues.
    (wb as unknown as { zip?: { abort?: () => void } }).zip?.abort?.();
    out.destroy();
  };
  wb.creator = 'Khảo sát CCHC';
  wb.title = safeText(`${def.id} v${def.version}`);
  const frozen = { views: [{ state: 'frozen' as const, ySplit: 1 }] };
  for (const [name, lang] of [['data', undefined], ['labels', labels]] as const) {
    const sheet = wb.addWorksheet(name, frozen);
    writeRow(sheet, columns.map((c) => c.key), true);
    for await (const batch of batches()) {
      for (let i = 0; i < batch.length; i++) {
        const r = batch[i]!;
        writeRow(sheet, columns.map((c) => (lang ? c.label(r, lang) : typed(c, c.code(r)))));
        if ((i + 1) % ROWS_PER_TURN === 0) await paced(sheet, out, signal);
        if (signal.aborted) break;
      }
      await paced(sheet, out, signal);
      if (signal.aborted) break;
    }
    if (signal.aborted) return abandon();
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

/**
 * Writes the workbook to `out` (ended by the workbook); resolves once written, or once given up
 * because `signal` was aborted (`out` destroyed). An error while writing destroys `out` and rejects.
 */
export async function writeXlsx(out: PassThrough, input: WorkbookInput): Promise<void> {
  try {
    await writeWorkbook(out, input);
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    out.destroy(error);
    throw error;
  }
}

/** A stream of the workbook's bytes; an error while writing destroys the stream. */
export function xlsxStream(input: Omit<WorkbookInput, 'signal'> & { signal?: AbortSignal }): PassThrough {
  const out = new PassThrough();
  writeXlsx(out, { ...input, signal: input.signal ?? new AbortController().signal }).catch(() => undefined);
  return out;
}
