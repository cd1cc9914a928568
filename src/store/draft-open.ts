/**
 * Opening and leaving a draft on the enumerator's device: the answer that records the stratum is
 * set to the stratum when the draft opens, and a draft in which nothing was answered is not kept
 * when the enumerator leaves it.
 */
import { alignStratumAnswer, isAnswered, localDate, progress, stratumQuestion, withDefaults, type AlignedAnswers } from '../survey';
import { getDb, type SurveyDb } from './db';
import { definitionOf } from './definitions';
import { draftRecord } from './drafts';
import { StoreError } from './errors';
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

/** Whether anything was answered in `record`; the answer filled in from its stratum does not count. */
export function hasAnswers(record: InterviewRecord, def: Parameters<typeof stratumQuestion>[0]): boolean {
  const fromStratum = stratumQuestion(def, record.respondentGroup)?.id;
  // A default the interview started with is not an answer someone gave.
  const defaults = withDefaults(def, {}, localDate(new Date(record.startedAt)));
  return Object.entries(record.answers).some(
    ([key, value]) => isAnswered(value) && !(key === fromStratum && value === record.stratum) && JSON.stringify(value) !== JSON.stringify(defaults[key]),
  );
}

/**
 * Deletes the draft if nothing was answered in it yet, when the enumerator leaves it (after its
 * last change is stored). Returns whether it was deleted. A draft with any answer, a completed
 * interview, a respondent's link interview, a record of another app version and a draft whose
 * questionnaire is missing are all kept.
 */
export async function discardIfUnanswered(id: string, db: SurveyDb = getDb()): Promise<boolean> {
  return withDb(() =>
    db.transaction('rw', db.records, db.definitions, async () => {
      try {
        const record = await draftRecord(db, id);
        if (record.linkToken !== undefined || hasAnswers(record, await definitionOf(db, record))) return false;
        await db.records.delete(id);
        return true;
      } catch (e) {
        // Gone already, completed, of another format, its questionnaire missing: nothing to discard.
        if (e instanceof StoreError) return false;
        throw e;
      }
    }),
  );
}
