/**
 * A backup of everything not yet on the server (pending and refused interviews, whole records with
 * their outbox entries), as plain JSON for a download. The device's token is never included.
 */
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION } from '../contract/backup-format';
import { getDb, type SurveyDb } from './db';
import { withDb } from './reopen';
import type { InterviewRecord, OutboxEntry } from './types';

// The file format is the contract's (POST /api/backups reads the same files); constants only here.
export const UNSENT_EXPORT_FORMAT = BACKUP_FORMAT;

export interface UnsentExport {
  format: typeof UNSENT_EXPORT_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  exportedAt: string;
  device?: { deviceId: string; name: string; serverUrl: string };
  interviews: { record: InterviewRecord; outbox: OutboxEntry }[];
}

export async function exportUnsent(db: SurveyDb = getDb()): Promise<UnsentExport> {
  return withDb(() =>
    db.transaction('r', db.outbox, db.records, db.meta, async () => {
      const entries = await db.outbox.toArray();
      entries.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
      // Records go out as they are stored, not restored: one saved by a newer version of the app
      // is carried unchanged, for that version (or the server) to read.
      const records = await db.records.bulkGet(entries.map((e) => e.id));
      const interviews = entries.flatMap((outbox, i) => {
        const record = records[i];
        return record ? [{ record, outbox }] : [];
      });
      const enrolment = await db.meta.get('enrolment');
      const device =
        enrolment?.key === 'enrolment'
          ? { deviceId: enrolment.value.deviceId, name: enrolment.value.name, serverUrl: enrolment.value.serverUrl }
          : undefined;
      return {
        format: UNSENT_EXPORT_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        exportedAt: new Date().toISOString(),
        ...(device ? { device } : {}),
        interviews,
      } satisfies UnsentExport;
    }),
  );
}
