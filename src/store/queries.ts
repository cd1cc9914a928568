/** Reads of stored interviews: plain async Dexie reads, so useLiveQuery can observe them. */
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
