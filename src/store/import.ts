/**
 * Importing a backup of unsent interviews made on another device: each interview becomes a
 * completed record with a pending outbox entry, so sync delivers it. Idempotent by id: an
 * interview already here with the same content is left alone; one with the same id but
 * different content is reported, never overwritten. All or nothing, in one transaction.
 */
import { getDb, type SurveyDb } from './db';
import { InvalidBackupError } from './errors';
import { quotaKeyOf } from './quota-key';
import { withDb } from './reopen';
import type { InterviewRecord, OutboxEntry } from './types';

export interface ImportResult {
  /** Interviews added to the device and queued for sending. */
  added: string[];
  /** Already on the device with the same content: nothing done. */
  present: string[];
  /** On the device with different content under the same id: kept as they were. */
  conflicts: string[];
}

/** Reads a backup file's text; throws InvalidBackupError for anything but a readable backup. */
export async function importBackup(text: string, db: SurveyDb = getDb()): Promise<ImportResult> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvalidBackupError('notJson', 'The file is not JSON, so it is not a backup of this app.');
  }
  // The contract's schemas (zod/mini) load only now, off the app's first load.
  const { canonicalJson, parseBackup, submissionCandidate } = await import('../contract');
  const parsed = parseBackup(json);
  if (!parsed.ok) throw new InvalidBackupError(parsed.problem, parsed.message, parsed.details);
  const sameContent = (a: InterviewRecord, b: InterviewRecord) =>
    a.status === 'completed' && canonicalJson(submissionCandidate(a)) === canonicalJson(submissionCandidate(b));

  const now = new Date().toISOString();
  return withDb(() =>
    db.transaction('rw', db.records, db.outbox, async () => {
      const result: ImportResult = { added: [], present: [], conflicts: [] };
      for (const { record: raw, outbox } of parsed.file.interviews) {
        // Whole records as another copy of this app wrote them; unknown fields are kept.
        const { syncedAt: _notHere, ...record } = raw as InterviewRecord;
        const existing = await db.records.get(record.id);
        if (existing) {
          (sameContent(existing, record) ? result.present : result.conflicts).push(record.id);
          continue;
        }
        const entry: OutboxEntry = { id: record.id, queuedAt: outbox?.queuedAt ?? record.completedAt ?? now, attempts: 0, state: 'pending', quotaKey: quotaKeyOf(record) };
        await db.records.add(record);
        await db.outbox.put(entry);
        result.added.push(record.id);
      }
      return result;
    }),
  );
}
