/**
 * A backup file of unsent interviews (a device's "download unsent data") ingested like a batch
 * of submissions: each interview becomes the very submission the device would have sent (same
 * content hash), so a backup and a later sync of the same interview count once.
 */
import type { Kysely } from 'kysely';
import { describeIssues, parseBackup, Submission, submissionCandidate, type BackupFile, type SubmitResult } from '../../contract';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { ServerRefusal } from '../errors';
import { ingestItems, type Decided } from './ingest';

/** Reads the file; a file that is not a readable backup is a 400 invalid_request saying why. */
export function readBackup(json: unknown): BackupFile {
  const parsed = parseBackup(json);
  if (!parsed.ok) throw new ServerRefusal('invalid_request', parsed.message, parsed.details);
  return parsed.file;
}

function itemOf(record: BackupFile['interviews'][number]['record']): Submission | Decided {
  const parsed = Submission.safeParse(submissionCandidate(record));
  if (parsed.success) return parsed.data;
  const where = describeIssues(parsed.error.issues, 5).map((d) => `${d.path}: ${d.message}`);
  return { result: { id: record.id, status: 'rejected', code: 'invalid_request', message: `Not a valid submission (${where.join('; ')})` } };
}

/** Stores the backup's interviews for `deviceId`; one result per interview, in the file's order. */
export async function ingestBackup(
  db: Kysely<DatabaseSchema>,
  catalog: Catalog,
  file: BackupFile,
  deviceId: string,
  now = new Date(),
): Promise<SubmitResult[]> {
  return ingestItems(db, catalog, file.interviews.map(({ record }) => itemOf(record)), deviceId, now);
}
