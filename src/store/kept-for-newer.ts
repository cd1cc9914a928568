/**
 * Interviews kept for a newer version of the app, for the device page (off the enumerator's first
 * load: imported from here directly, not through the store's index).
 */
import { getDb, type SurveyDb } from './db';
import { restoreRecord } from './records';
import { withDb } from './reopen';

/** An interview this version of the app keeps without opening or sending it (see records.ts). */
export interface KeptRecord {
  id: string;
  formatVersion: unknown;
}

/**
 * Drafts and unsent interviews saved by a newer version of the app (a record format this one does
 * not know): kept unchanged, left out of the lists, so the device page can say why and what to do.
 */
export async function keptForNewerApp(db: SurveyDb = getDb()): Promise<KeptRecord[]> {
  return withDb(() =>
    db.transaction('r', db.records, db.outbox, async () => {
      const drafts = await db.records.where('status').equals('draft').toArray();
      const unsent = await db.records.bulkGet(await db.outbox.toCollection().primaryKeys());
      const kept = new Map<string, KeptRecord>();
      for (const stored of [...drafts, ...unsent]) {
        const r = stored && restoreRecord(stored);
        if (r && !r.ok) kept.set(r.id, { id: r.id, formatVersion: r.formatVersion });
      }
      return [...kept.values()];
    }),
  );
}
