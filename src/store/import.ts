/**
 * Importing a backup of unsent interviews made on another device: each interview becomes a
 * completed record with a pending outbox entry, so sync delivers it. Idempotent by id: an
 * interview already here with the same content is left alone; one with the same id but
 * different content is reported, never overwritten. All or nothing, in one transaction: a file
 * that is cut off, damaged, or holds an interview of a record format this app does not read is
 * refused whole, naming the interview and the field.
 */
import { BACKUP_FORMAT, canonicalJson, parseBackup, submissionCandidate } from '../contract';
import type { BackupFault } from '../contract/backup';
import { getDb, type SurveyDb } from './db';
import { StoreError } from './errors';
import { quotaKeyOf } from './quota-key';
import { restoreRecord } from './records';
import { withDb } from './reopen';
import { RECORD_FORMAT_VERSION, type InterviewRecord, type OutboxEntry } from './types';

/**
 * Why a file is not an importable backup: not JSON; a backup cut off (or broken by an edit) so it
 * is no longer JSON; not a backup; made by a newer app (the file, or one of its interviews); damaged.
 */
export type BackupFileProblem = 'notJson' | 'truncated' | 'wrongFormat' | 'unsupportedVersion' | 'invalidContent';

/** The file given to importBackup is not a backup this app can read; nothing was imported. */
export class InvalidBackupError extends StoreError {
  override readonly name = 'InvalidBackupError';
  readonly code = 'invalidBackup';
  constructor(
    readonly problem: BackupFileProblem,
    message: string,
    readonly details: readonly { path: string; message: string }[] = [],
    /** The interview (place in the file, id) and field where the file is wrong, when that is where. */
    readonly fault: BackupFault | undefined = undefined,
  ) {
    super(message);
  }
}

export interface ImportResult {
  /** Interviews added to the device and queued for sending. */
  added: string[];
  /** Already on the device with the same content: nothing done. */
  present: string[];
  /** On the device with different content under the same id (or saved there by a newer app): kept as they were. */
  conflicts: string[];
}

/** The file's text as JSON; a backup cut off in transfer (or broken by an edit) still starts like one. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (text.slice(0, 200).includes(`"${BACKUP_FORMAT}"`))
      throw new InvalidBackupError('truncated', `The backup file is cut off or damaged: it is not complete JSON (${why}).`, [{ path: 'JSON', message: why }]);
    throw new InvalidBackupError('notJson', 'The file is not JSON, so it is not a backup of this app.');
  }
}

/** An interview of the file in a record format newer than this app's: the file is refused whole. */
function newerInterview(index: number, id: string, formatVersion: unknown): InvalidBackupError {
  const message = `record format ${String(formatVersion)} is newer than this app's (${RECORD_FORMAT_VERSION})`;
  return new InvalidBackupError(
    'unsupportedVersion',
    `Interview ${index + 1} of the backup (id ${id}) was saved by a newer version of the app: update this app and import the file again.`,
    [{ path: `interviews[${index}].record.formatVersion`, message }],
    { index, id, field: 'formatVersion', message },
  );
}

/** Reads a backup file's text; throws InvalidBackupError for anything but a readable backup. */
export async function importBackup(text: string, db: SurveyDb = getDb()): Promise<ImportResult> {
  const json = parseJson(text);
  const parsed = parseBackup(json);
  if (!parsed.ok) throw new InvalidBackupError(parsed.problem, parsed.message, parsed.details, parsed.fault);
  // Whole records as another copy of this app wrote them (the schema checked every field of the
  // record format; unknown fields are kept), restored like a record read from this device.
  const interviews = parsed.file.interviews.map(({ record: raw, outbox }, index) => {
    const { syncedAt: _notHere, ...stored } = raw;
    const restored = restoreRecord(stored);
    if (!restored.ok) throw newerInterview(index, raw.id, raw.formatVersion);
    return { record: restored.record, queuedAt: outbox?.queuedAt };
  });
  const sameContent = (a: InterviewRecord, b: InterviewRecord) =>
    a.status === 'completed' && canonicalJson(submissionCandidate(a)) === canonicalJson(submissionCandidate(b));

  const now = new Date().toISOString();
  return withDb(() =>
    db.transaction('rw', db.records, db.outbox, async () => {
      const result: ImportResult = { added: [], present: [], conflicts: [] };
      for (const { record, queuedAt } of interviews) {
        const stored = await db.records.get(record.id);
        if (stored) {
          const here = restoreRecord(stored);
          (here.ok && sameContent(here.record, record) ? result.present : result.conflicts).push(record.id);
          continue;
        }
        const entry: OutboxEntry = { id: record.id, queuedAt: queuedAt ?? record.completedAt ?? now, attempts: 0, state: 'pending', quotaKey: quotaKeyOf(record) };
        await db.records.add(record);
        await db.outbox.put(entry);
        result.added.push(record.id);
      }
      return result;
    }),
  );
}
