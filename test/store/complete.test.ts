import { afterEach, describe, expect, it } from 'vitest';
import {
  completeInterview,
  getRecord,
  IncompleteInterviewError,
  RecordFrozenError,
  RecordNotFoundError,
  saveDraft,
  startInterview,
  SurveyDb,
} from '../../src/store';
import { deleteTestDbs, pilotV1, testDb } from './fixtures';

afterEach(deleteTestDbs);

const start = (db: SurveyDb) => startInterview({ definition: pilotV1, respondentGroup: 'citizen', lang: 'vi' }, db);

describe('completeInterview', () => {
  it('refuses missing required answers with the errors, and leaves the record a draft', async () => {
    const db = testDb();
    const { id } = await start(db);
    const before = await saveDraft(id, { answers: { hasJob: 'yes' }, sectionTimes: { household: 1000 } }, db);

    const error: unknown = await completeInterview(id, { answers: { hasJob: 'yes', comment: 'x' } }, db).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IncompleteInterviewError);
    const { errors } = error as IncompleteInterviewError;
    expect(Object.keys(errors).sort()).toEqual(['jobSector', 'satisfied']);
    expect(errors['jobSector']?.code).toBe('required');
    expect(errors['satisfied']?.message.en).toBeTruthy();

    // Nothing stored, not even the final patch.
    expect(await getRecord(id, db)).toEqual(before);
  });

  it('completes with the final patch merged and hidden answers dropped, then freezes the record', async () => {
    const db = testDb();
    const { id } = await start(db);
    await saveDraft(id, { answers: { hasJob: 'yes', jobSector: 'farming' } }, db);

    const done = await completeInterview(
      id,
      { answers: { hasJob: 'no', jobSector: 'farming', satisfied: 'yes' }, sectionTimes: { household: 7, services: 3 }, lang: 'en' },
      db,
    );
    expect(done).toMatchObject({
      status: 'completed',
      answers: { hasJob: 'no', satisfied: 'yes' },
      sectionTimes: { household: 7, services: 3 },
      lang: 'en',
      progress: { answered: 2, total: 3 },
    });
    expect(done.completedAt).toBeDefined();
    expect(done.updatedAt).toBe(done.completedAt);
    expect(await getRecord(id, db)).toEqual(done);

    await expect(saveDraft(id, { answers: { hasJob: 'yes' } }, db)).rejects.toBeInstanceOf(RecordFrozenError);
    await expect(completeInterview(id, {}, db)).rejects.toBeInstanceOf(RecordFrozenError);
    expect(await getRecord(id, db)).toEqual(done);
  });

  it('throws RecordNotFoundError for an unknown id', async () => {
    const db = testDb();
    await expect(completeInterview('missing', {}, db)).rejects.toBeInstanceOf(RecordNotFoundError);
  });
});
