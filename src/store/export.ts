/**
 * A backup of everything not yet on the server (pending and refused interviews, whole records with
 * their outbox entries), as plain JSON for a download. The device's token is never included.
 */
import { getDb, type SurveyDb } from './db';
import type { InterviewRecord, OutboxEntry } from './types';

export const UNSENT_EXPORT_FORMAT = 'governance-survey/unsent';

export interface UnsentExport {
  format: typeof UNSENT_EXPORT_FORMAT;
  formatVersion: 1;
  exportedAt: string;
  device?: { deviceId: string; name: string; serverUrl: string };
  interviews: { record: InterviewRecord; outbox: OutboxEntry }[];
}

export async function exportUnsent(db: SurveyDb = getDb()): Promise<UnsentExport> {
  return db.transaction('r', db.outbox, db.records, db.meta, async () => {
    const entries = await db.outbox.toArray();
    entries.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
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
      formatVersion: 1,
      exportedAt: new Date().toISOString(),
      ...(device ? { device } : {}),
      interviews,
    } satisfies UnsentExport;
  });
}
