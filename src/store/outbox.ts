/**
 * The outbox: completed interviews waiting for the server. An entry leaves only through
 * acknowledgeSubmissions (the server stored it); a refused one stays, marked rejected, until the
 * enumerator retries it. Nothing here deletes an interview.
 */
import { Dexie } from 'dexie';
import { getDb, type SurveyDb } from './db';
import { RecordNotFoundError } from './errors';
import { readable, restoreRecord } from './records';
import { withDb } from './reopen';
import type { InterviewRecord, OutboxEntry, OutboxState, QueuedSubmission, Rejection } from './types';

/**
 * The entries with their records. An interview saved by a newer version of the app is left out:
 * this version does not send it, and it stays queued (counted, and in the backup of unsent data).
 */
async function withRecords(db: SurveyDb, entries: OutboxEntry[]): Promise<QueuedSubmission[]> {
  const records = await db.records.bulkGet(entries.map((e) => e.id));
  const out: QueuedSubmission[] = [];
  entries.forEach((entry, i) => {
    const stored = records[i];
    const r = stored && restoreRecord(stored);
    if (r?.ok) out.push({ record: r.record, entry });
  });
  return out;
}

const inState = (db: SurveyDb, state: OutboxState) =>
  db.outbox.where('[state+queuedAt]').between([state, Dexie.minKey], [state, Dexie.maxKey]);

/**
 * Up to `limit` pending interviews the device sends with its own token, with their entries,
 * oldest queued first, leaving out `skip` (interviews a request is carrying right now).
 * Interviews from respondent links go through their link instead.
 */
export async function pendingSubmissions(limit: number, db: SurveyDb = getDb(), skip: ReadonlySet<string> = new Set()): Promise<QueuedSubmission[]> {
  const wanted = (e: OutboxEntry) => e.linkToken === undefined && !skip.has(e.id);
  return withDb(() =>
    db.transaction('r', db.outbox, db.records, async () => {
      // Whole ranges (one getAll), filtered here: a filter in the query would walk a cursor one
      // entry per step. Read more only when links', skipped or unreadable entries took places.
      for (let read = limit + skip.size; ; read *= 2) {
        const entries = await inState(db, 'pending').limit(read).toArray();
        const kept = entries.filter(wanted);
        const queued = await withRecords(db, kept);
        if (queued.length >= limit || entries.length < read) return queued.slice(0, limit);
      }
    }),
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

const attempted = (e: OutboxEntry, at: string): OutboxEntry => ({ ...e, attempts: e.attempts + 1, lastAttemptAt: at });

/** Counts an upload attempt for each of these entries (ids not queued are left out). */
export async function noteAttempt(ids: readonly string[], at: string, db: SurveyDb = getDb()): Promise<void> {
  await withDb(() =>
    db.transaction('rw', db.outbox, async () => {
      const entries = await db.outbox.bulkGet([...ids]);
      await db.outbox.bulkPut(entries.filter((e): e is OutboxEntry => e !== undefined).map((e) => attempted(e, at)));
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
      const synced = readable(await db.records.bulkGet([...ids])).map((r) => ({ ...r, syncedAt: serverTime }));
      await db.records.bulkPut(synced);
      await db.outbox.bulkDelete([...ids]);
    }),
  );
}

/** What one upload round trip changes in the outbox, written together by settleUploads. */
export interface UploadSettlement {
  /**
   * Interviews the server acknowledged (stored, or a duplicate of a stored one), as they were read
   * for sending, with the reply's server time. Completed records do not change while queued, so
   * they are written back with syncedAt without being read again.
   */
  acknowledged?: { records: readonly InterviewRecord[]; serverTime: string } | undefined;
  /** Interviews refused (by the server, or by the device's own check of the wire format), with the reason. */
  rejected?: readonly { id: string; rejection: Omit<Rejection, 'at'> }[] | undefined;
  /** Interviews a request carried that stay in the outbox: an attempt is counted for each. */
  attempted?: readonly string[] | undefined;
  /** When the attempt was made and the refusals noted. */
  at: string;
}

/**
 * Applies what a round trip decided, in one transaction: acknowledged interviews leave the
 * outbox (their records marked with the server's time), refused ones stay, marked with their
 * reason, and attempts are counted. Refusals and attempts of interviews no longer queued are
 * left out.
 */
export async function settleUploads(s: UploadSettlement, db: SurveyDb = getDb()): Promise<void> {
  const sent = s.acknowledged?.records ?? [];
  const rejected = s.rejected ?? [];
  const tried = s.attempted ?? [];
  if (sent.length + rejected.length + tried.length === 0) return;
  await withDb(() =>
    db.transaction('rw', db.outbox, db.records, async () => {
      if (s.acknowledged) {
        const { serverTime } = s.acknowledged;
        await db.records.bulkPut(sent.map((r) => ({ ...r, syncedAt: serverTime })));
        await db.outbox.bulkDelete(sent.map((r) => r.id));
      }
      const ids = [...new Set([...tried, ...rejected.map((r) => r.id)])];
      if (ids.length === 0) return;
      const changed = new Map<string, OutboxEntry>();
      for (const e of await db.outbox.bulkGet(ids)) if (e) changed.set(e.id, e);
      for (const id of new Set(tried)) {
        const e = changed.get(id);
        if (e) changed.set(id, attempted(e, s.at));
      }
      for (const { id, rejection } of rejected) {
        const e = changed.get(id);
        if (e) changed.set(id, { ...e, state: 'rejected', rejection: { ...rejection, at: s.at } });
      }
      await db.outbox.bulkPut([...changed.values()]);
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
