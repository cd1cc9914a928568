/** Reads of stored interviews: plain async Dexie reads, so useLiveQuery can observe them. */
import { Dexie } from 'dexie';
import { getDb, type SurveyDb } from './db';
import { withDb } from './reopen';
import type { InterviewRecord } from './types';

export async function getRecord(id: string, db: SurveyDb = getDb()): Promise<InterviewRecord | undefined> {
  return withDb(() => db.records.get(id));
}

/** Every interview on the device, most recently updated first. */
export async function listRecords(db: SurveyDb = getDb()): Promise<InterviewRecord[]> {
  return withDb(() => db.records.orderBy('updatedAt').reverse().toArray());
}

/** The interviews still being filled in, most recently updated first (a device holds few). */
export async function listDrafts(db: SurveyDb = getDb()): Promise<InterviewRecord[]> {
  const drafts = await withDb(() => db.records.where('status').equals('draft').toArray());
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
      records: await db.records
        .where('[status+updatedAt]')
        .between(['completed', Dexie.minKey], ['completed', Dexie.maxKey])
        .reverse()
        .limit(limit)
        .toArray(),
      total: await db.records.where('status').equals('completed').count(),
    })),
  );
}
