/**
 * The messages between the server and the thread that writes an XLSX export (./xlsx-thread,
 * ./xlsx-worker). The thread pulls the interviews a batch at a time (one pass per data sheet) and
 * sends the workbook's bytes a chunk at a time, each acknowledged once the response has taken it.
 */
import type { QuestionnaireScores } from '../../contract';
import type { Definition, Lang, ListItem } from '../../survey';
import type { MatrixRows } from '../campaigns/strata-rows';
import type { ExportRow } from './columns';

/** The XLSX export's media type (here, so that the server's main thread never loads ExcelJS). */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What the thread is started with. */
export interface XlsxJob {
  def: Definition;
  /** The rows of its matrices rating the campaign's strata (exportColumns). */
  matrixRows?: MatrixRows | undefined;
  /** The strata campaigns plan outside its stratum lists, with their labels (exportColumns). */
  ownStrata?: ListItem[] | undefined;
  labels: Lang;
  scores: QuestionnaireScores | undefined;
}

/** From the thread: read the interviews from the start, the next batch, bytes written, the end. */
export type FromXlsxThread =
  | { type: 'pass' }
  | { type: 'next' }
  | { type: 'chunk'; data: Uint8Array }
  | { type: 'done' }
  | { type: 'failed'; message: string };

/** To the thread: a batch, the end of a pass, a chunk taken. */
export type ToXlsxThread = { type: 'batch'; rows: ExportRow[] } | { type: 'passEnd' } | { type: 'ack' };
