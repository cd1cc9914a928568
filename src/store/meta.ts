/** Device settings in the meta table: the enrolment with the server (and one awaiting its reply), the sync state. */
import { getDb, type SurveyDb } from './db';
import { withDb } from './reopen';
import type { Enrolment, PendingEnrolment, SyncState, SyncStatePatch } from './types';

export async function getEnrolment(db: SurveyDb = getDb()): Promise<Enrolment | undefined> {
  const row = await withDb(() => db.meta.get('enrolment'));
  return row?.key === 'enrolment' ? row.value : undefined;
}

export async function saveEnrolment(enrolment: Enrolment, db: SurveyDb = getDb()): Promise<void> {
  await withDb(() => db.meta.put({ key: 'enrolment', value: enrolment }));
}

export async function clearEnrolment(db: SurveyDb = getDb()): Promise<void> {
  await withDb(() => db.meta.delete('enrolment'));
}

export async function getPendingEnrolment(db: SurveyDb = getDb()): Promise<PendingEnrolment | undefined> {
  const row = await withDb(() => db.meta.get('pendingEnrolment'));
  return row?.key === 'pendingEnrolment' ? row.value : undefined;
}

export async function savePendingEnrolment(pending: PendingEnrolment, db: SurveyDb = getDb()): Promise<void> {
  await withDb(() => db.meta.put({ key: 'pendingEnrolment', value: pending }));
}

export async function clearPendingEnrolment(db: SurveyDb = getDb()): Promise<void> {
  await withDb(() => db.meta.delete('pendingEnrolment'));
}

export async function getSyncState(db: SurveyDb = getDb()): Promise<SyncState> {
  const row = await withDb(() => db.meta.get('syncState'));
  return row?.key === 'syncState' ? row.value : {};
}

/** Merges `patch` into the sync state (a field given as undefined is removed); returns the result. */
export async function saveSyncState(patch: SyncStatePatch, db: SurveyDb = getDb()): Promise<SyncState> {
  return withDb(() =>
    db.transaction('rw', db.meta, async () => {
      const next: Record<string, unknown> = { ...(await getSyncState(db)) };
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) delete next[k];
        else next[k] = v;
      }
      const state = next as SyncState;
      await db.meta.put({ key: 'syncState', value: state });
      return state;
    }),
  );
}
