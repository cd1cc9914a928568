/**
 * Completing an interview: validate every kept answer, freeze the record and queue it in the
 * outbox, all in one transaction: a completed interview is never left out of the upload queue.
 */
import { alignStratumAnswer, keptAnswers, progress, validateAnswers } from '../survey';
import { getDb, type SurveyDb } from './db';
import { definitionOf } from './definitions';
import { draftRecord } from './drafts';
import { IncompleteInterviewError } from './errors';
import { quotaKeyOf } from './quota-key';
import { withDb } from './reopen';
import type { FinalPatch, InterviewRecord, OutboxEntry } from './types';

/**
 * Marks a draft completed, with `final` merged in first, and queues it for upload. If any answer is
 * missing or invalid it throws IncompleteInterviewError with the errors and stores nothing (not
 * even `final`); if queueing fails, the record stays a draft.
 */
export async function completeInterview(
  id: string,
  final: FinalPatch = {},
  db: SurveyDb = getDb(),
): Promise<InterviewRecord> {
  return withDb(() =>
    db.transaction('rw', db.records, db.definitions, db.outbox, async () => {
      const record = await draftRecord(db, id);
      const def = await definitionOf(db, record);
      const answers = keptAnswers(def, alignStratumAnswer(def, final.answers ?? record.answers, record).answers);
      // The form checked each row of a matrix of the campaign's strata against the rows it showed
      // (its campaign's, bound to the draft): here they are taken as the server takes them, and the
      // stratum as the server takes it (one the campaign plans outside the list included).
      const errors = validateAnswers(def, answers, { receivedStrataRows: true, stratum: record });
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
      const entry: OutboxEntry = {
        id,
        queuedAt: now,
        attempts: 0,
        state: 'pending',
        quotaKey: quotaKeyOf(done),
        // An interview from a respondent link goes back through that link.
        ...(record.linkToken !== undefined ? { linkToken: record.linkToken } : {}),
      };
      await db.outbox.add(entry); // add, not put: an interview is queued once
      return done;
    }),
  );
}
