/**
 * Reads of stored interviews: plain async Dexie reads, so useLiveQuery can observe them. Records are
 * restored on read (records.ts): lists leave out those saved by a newer version of the app.
 */
import { Dexie } from 'dexie';
import { getDb, type SurveyDb } from './db';
import { readable, restored } from './records';
import { withDb } from './reopen';
import type { InterviewRecord } from './types';

/** One interview, if it is here; throws RecordFormatError for one saved by a newer version of the app. */
export async function getRecord(id: string, db: SurveyDb = getDb()): Promise<InterviewRecord | undefined> {
  const stored = await withDb(() => db.records.get(id));
  return stored && restored(stored);
}

/** Every interview on the device this app can read, most recently updated first. */
export async function listRecords(db: SurveyDb = getDb()): Promise<InterviewRecord[]> {
  return readable(await withDb(() => db.records.orderBy('updatedAt').reverse().toArray()));
}

/** The interviews still being filled in, most recently updated first (a device holds few). */
export async function listDrafts(db: SurveyDb = getDb()): Promise<InterviewRecord[]> {
  const drafts = readable(await withDb(() => db.records.where('status').equals('draft').toArray()));
  return drafts.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export interface RecentCompleted {
  /** The most recently updated completed interviews, newest first. */
  records: InterviewRecord[];
  /** How many completed interviews the device holds in all. */
  total: number;
}

/**
 * The `limit` most recent completed interviews and how many there are: a device can hold
 * thousands, and a screen shows a page of them without reading the others.
 */
export async function recentCompleted(limit: number, db: SurveyDb = getDb()): Promise<RecentCompleted> {
  return withDb(() =>
    db.transaction('r', db.records, async () => ({
      records: readable(
        await db.records
          .where('[status+updatedAt]')
          .between(['completed', Dexie.minKey], ['completed', Dexie.maxKey])
          .reverse()
          .limit(limit)
          .toArray(),
      ),
      total: await db.records.where('status').equals('completed').count(),
    })),
  );
}
