/**
 * Logging the device out (handing the tablet over, say): the enrolment and sync state are
 * cleared, but never while completed interviews wait for the server or were refused by it.
 */
import { getDb, type SurveyDb } from './db';
import { UnsentDataError } from './errors';
import { withDb } from './reopen';

export interface DeviceHoldings {
  /** Completed interviews waiting to be sent. */
  pending: number;
  /** Completed interviews the server refused (still on the device). */
  rejected: number;
  /** Interviews not finished yet: they stay on the device after a logout. */
  drafts: number;
}

export async function deviceHoldings(db: SurveyDb = getDb()): Promise<DeviceHoldings> {
  return withDb(() =>
    db.transaction('r', db.outbox, db.records, async () => ({
      pending: await db.outbox.where('state').equals('pending').count(),
      rejected: await db.outbox.where('state').equals('rejected').count(),
      drafts: await db.records.where('status').equals('draft').count(),
    })),
  );
}

/** Clears the enrolment; throws UnsentDataError (and changes nothing) while unsent interviews remain. */
export async function logOutDevice(db: SurveyDb = getDb()): Promise<void> {
  await withDb(() =>
    db.transaction('rw', db.outbox, db.meta, async () => {
      const pending = await db.outbox.where('state').equals('pending').count();
      const rejected = await db.outbox.where('state').equals('rejected').count();
      if (pending + rejected > 0) throw new UnsentDataError(pending, rejected);
      await db.meta.bulkDelete(['enrolment', 'syncState']);
    }),
  );
}
