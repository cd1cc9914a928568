/**
 * The outbox: completed interviews waiting for the server. An entry leaves only through
 * acknowledgeSubmissions (the server stored it); a refused one stays, marked rejected, until the
 * enumerator retries it. Nothing here deletes an interview.
 */
import { Dexie } from 'dexie';
import { getDb, type SurveyDb } from './db';
import { RecordNotFoundError } from './errors';
import { withDb } from './reopen';
import type { InterviewRecord, OutboxEntry, OutboxState, QueuedSubmission, Rejection } from './types';

async function withRecords(db: SurveyDb, entries: OutboxEntry[]): Promise<QueuedSubmission[]> {
  const records = await db.records.bulkGet(entries.map((e) => e.id));
  const out: QueuedSubmission[] = [];
  entries.forEach((entry, i) => {
    const record = records[i];
    if (record) out.push({ record, entry });
  });
  return out;
}

const inState = (db: SurveyDb, state: OutboxState) =>
  db.outbox.where('[state+queuedAt]').between([state, Dexie.minKey], [state, Dexie.maxKey]);

/**
 * Up to `limit` pending interviews the device sends with its own token, with their entries,
 * oldest queued first. Interviews from respondent links go through their link instead.
 */
export async function pendingSubmissions(limit: number, db: SurveyDb = getDb()): Promise<QueuedSubmission[]> {
  return withDb(() =>
    db.transaction('r', db.outbox, db.records, async () =>
      withRecords(db, await inState(db, 'pending').filter((e) => e.linkToken === undefined).limit(limit).toArray()),
    ),
  );
}

/** Up to `limit` pending interviews from respondent links (each sent through its link), oldest queued first. */
export async function pendingLinkSubmissions(limit: number, db: SurveyDb = getDb()): Promise<QueuedSubmission[]> {
  return withDb(() =>
    db.transaction('r', db.outbox, db.records, async () =>
      withRecords(db, await inState(db, 'pending').filter((e) => e.linkToken !== undefined).limit(limit).toArray()),
    ),
  );
}

/** The outbox entry of one interview, if it is still there (waiting or refused). */
export async function getOutboxEntry(id: string, db: SurveyDb = getDb()): Promise<OutboxEntry | undefined> {
  return withDb(() => db.outbox.get(id));
}

/** Counts an upload attempt for each of these entries. */
export async function noteAttempt(ids: readonly string[], at: string, db: SurveyDb = getDb()): Promise<void> {
  await withDb(() =>
    db.outbox
      .where('id')
      .anyOf([...ids])
      .modify((e) => {
        e.attempts += 1;
        e.lastAttemptAt = at;
      }),
  );
}

/**
 * The server durably holds these interviews: their entries leave the outbox and the records are
 * marked with the server's time, in one transaction.
 */
export async function acknowledgeSubmissions(ids: readonly string[], serverTime: string, db: SurveyDb = getDb()): Promise<void> {
  if (ids.length === 0) return;
  await withDb(() =>
    db.transaction('rw', db.outbox, db.records, async () => {
      const records = await db.records.bulkGet([...ids]);
      const synced = records.filter((r): r is InterviewRecord => r !== undefined).map((r) => ({ ...r, syncedAt: serverTime }));
      await db.records.bulkPut(synced);
      await db.outbox.bulkDelete([...ids]);
    }),
  );
}

async function entryOf(db: SurveyDb, id: string): Promise<OutboxEntry> {
  const entry = await db.outbox.get(id);
  if (!entry) throw new RecordNotFoundError(id);
  return entry;
}

/** The server refused this interview: it stays on the device, marked rejected with the reason. */
export async function rejectSubmission(id: string, rejection: Omit<Rejection, 'at'>, db: SurveyDb = getDb()): Promise<void> {
  await withDb(() =>
    db.transaction('rw', db.outbox, async () => {
      const entry = await entryOf(db, id);
      await db.outbox.put({ ...entry, state: 'rejected', rejection: { ...rejection, at: new Date().toISOString() } });
    }),
  );
}

/** Puts a rejected interview back in the queue (after the server was fixed, say). */
export async function retryRejected(id: string, db: SurveyDb = getDb()): Promise<void> {
  await withDb(() =>
    db.transaction('rw', db.outbox, async () => {
      const { rejection: _dropped, ...entry } = await entryOf(db, id);
      await db.outbox.put({ ...entry, state: 'pending' });
    }),
  );
}

export async function outboxCounts(db: SurveyDb = getDb()): Promise<{ pending: number; rejected: number }> {
  return withDb(() =>
    db.transaction('r', db.outbox, async () => ({
      pending: await db.outbox.where('state').equals('pending').count(),
      rejected: await db.outbox.where('state').equals('rejected').count(),
    })),
  );
}

/** Refused interviews with their reasons, oldest first. */
export async function listRejected(db: SurveyDb = getDb()): Promise<QueuedSubmission[]> {
  return withDb(() => db.transaction('r', db.outbox, db.records, async () => withRecords(db, await inState(db, 'rejected').toArray())));
}
