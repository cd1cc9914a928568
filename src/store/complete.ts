/**
 * Completing an interview: validate every kept answer and freeze the record, in one transaction
 * (a later feature queues the submission in the outbox inside this same transaction).
 */
import { keptAnswers, progress, validateAnswers } from '../survey';
import { getDb, type SurveyDb } from './db';
import { definitionOf } from './definitions';
import { draftRecord } from './drafts';
import { IncompleteInterviewError } from './errors';
import type { FinalPatch, InterviewRecord } from './types';

/**
 * Marks a draft completed, with `final` merged in first. If any answer is missing or invalid it
 * throws IncompleteInterviewError with the errors and stores nothing (not even `final`).
 */
export async function completeInterview(
  id: string,
  final: FinalPatch = {},
  db: SurveyDb = getDb(),
): Promise<InterviewRecord> {
  return db.transaction('rw', db.records, db.definitions, async () => {
    const record = await draftRecord(db, id);
    const def = await definitionOf(db, record);
    const answers = keptAnswers(def, final.answers ?? record.answers);
    const errors = validateAnswers(def, answers);
    if (Object.keys(errors).length > 0) throw new IncompleteInterviewError(id, errors);
    const now = new Date().toISOString();
    const done: InterviewRecord = {
      ...record, // keeps fields this version does not know
      answers,
      lang: final.lang ?? record.lang,
      sectionTimes: final.sectionTimes ?? record.sectionTimes,
      progress: progress(def, answers),
      status: 'completed',
      completedAt: now,
      updatedAt: now,
    };
    await db.records.put(done);
    return done;
  });
}
