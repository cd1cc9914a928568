/**
 * Opening a draft on the enumerator's device: the answer that records the stratum is set to the
 * stratum when the draft opens.
 */
import { alignStratumAnswer, progress, type AlignedAnswers } from '../survey';
import { getDb, type SurveyDb } from './db';
import { definitionOf } from './definitions';
import { draftRecord } from './drafts';
import { withDb } from './reopen';
import type { InterviewRecord } from './types';

export interface AlignedDraft {
  record: InterviewRecord;
  /** The different answer the stratum replaced, to tell the enumerator. */
  replaced?: AlignedAnswers['replaced'];
}

/**
 * Sets the answer that records the draft's stratum (a `fromStratum` question) to the stratum and
 * stores it. A draft begun before the questionnaire linked that question to the stratum may hold
 * another answer: the draft is kept, its answer becomes the stratum (what quotas counted), and
 * the answer it replaced is returned so that the enumerator is told. Anything else is untouched.
 */
export async function alignDraftStratum(id: string, db: SurveyDb = getDb()): Promise<AlignedDraft> {
  return withDb(() =>
    db.transaction('rw', db.records, db.definitions, async () => {
      const record = await draftRecord(db, id);
      const def = await definitionOf(db, record);
      const aligned = alignStratumAnswer(def, record.answers, record);
      if (aligned.answers === record.answers) return { record };
      const next: InterviewRecord = {
        ...record,
        answers: aligned.answers,
        progress: progress(def, aligned.answers),
        updatedAt: new Date().toISOString(),
      };
      await db.records.put(next);
      return { record: next, ...(aligned.replaced ? { replaced: aligned.replaced } : {}) };
    }),
  );
}
