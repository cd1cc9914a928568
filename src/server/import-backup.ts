/**
 * `npm run import-backup -- <file> [--device <id>]`: a coordinator stores the interviews of a
 * device's "unsent data" file straight into the database, through the same ingest as uploads
 * (idempotent: running it twice, or after the device synced, stores nothing twice). Interviews
 * are attributed to the device named in the file, or to --device.
 */
import { readFileSync } from 'node:fs';
import type { SubmitResult } from '../contract';
import type { ServerDatabase } from './db/open';
import type { Catalog } from './definitions/catalog';
import { ServerRefusal } from './errors';
import { ingestBackup, readBackup } from './ingest/backup';

/** The file cannot be imported as asked; the message says why and what to do. */
export class BackupImportError extends Error {}

export interface BackupImportReport {
  deviceId: string;
  results: SubmitResult[];
}

export async function importBackupFile(
  database: ServerDatabase,
  catalog: Catalog,
  path: string,
  deviceOption: string | undefined,
): Promise<BackupImportReport> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new BackupImportError(`Cannot read ${path} as JSON: ${(e as Error).message}`);
  }
  let file;
  try {
    file = readBackup(json);
  } catch (e) {
    if (!(e instanceof ServerRefusal)) throw e;
    const details = (e.details ?? []).map((d) => `\n  ${d.path}: ${d.message}`).join('');
    throw new BackupImportError(`${path}: ${e.message}${details}`);
  }
  const deviceId = deviceOption ?? file.device?.deviceId;
  if (!deviceId)
    throw new BackupImportError(`${path} does not say which device made it: name one with --device <device id> (see npm run devices).`);
  const device = await database.db.selectFrom('devices').select('id').where('id', '=', deviceId).executeTakeFirst();
  if (!device)
    throw new BackupImportError(
      `There is no device ${deviceId} on this server${deviceOption ? '' : ' (the file names it)'}: name one with --device <device id> (see npm run devices).`,
    );
  return { deviceId, results: await ingestBackup(database.db, catalog, file, deviceId) };
}

/** The report as the command prints it. */
export function describeImport(path: string, { deviceId, results }: BackupImportReport): string {
  const count = (status: SubmitResult['status']) => results.filter((r) => r.status === status).length;
  const lines = [
    `${path}: ${results.length} interview(s) for device ${deviceId}: ${count('stored')} stored, ${count('duplicate')} already stored, ${count('rejected')} refused.`,
  ];
  for (const r of results.filter((x) => x.status === 'rejected')) {
    lines.push(`  refused ${r.id}: ${r.code ?? 'rejected'}: ${r.message ?? ''}`);
    for (const [question, error] of Object.entries(r.errors ?? {})) lines.push(`    ${question}: ${error.code} (${error.message.en})`);
  }
  return lines.join('\n');
}
