/** Logging the device out: refused while completed interviews have not reached the server. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  acknowledgeSubmissions,
  completeInterview,
  deviceHoldings,
  getEnrolment,
  getSyncState,
  logOutDevice,
  rejectSubmission,
  saveEnrolment,
  saveSyncState,
  startInterview,
  UnsentDataError,
  type SurveyDb,
} from '../../src/store';
import { completeAnswers, deleteTestDbs, pilotV1, testDb } from './fixtures';

afterEach(deleteTestDbs);

const enrolment = { serverUrl: 'http://10.0.0.2:8080', deviceId: 'd1', name: 'Máy 1', token: 't'.repeat(40), enrolledAt: '2026-11-01T00:00:00.000Z' };

async function enrolled(): Promise<SurveyDb> {
  const db = testDb();
  await saveEnrolment(enrolment, db);
  await saveSyncState({ lastSuccessAt: '2026-11-02T08:00:00.000Z' }, db);
  return db;
}

const completed = async (db: SurveyDb) => {
  const { id } = await startInterview({ definition: pilotV1, respondentGroup: 'citizen', lang: 'vi' }, db);
  return completeInterview(id, { answers: completeAnswers }, db);
};

describe('logOutDevice', () => {
  it('clears the enrolment and the sync state when nothing waits', async () => {
    const db = await enrolled();
    await logOutDevice(db);
    expect(await getEnrolment(db)).toBeUndefined();
    expect(await getSyncState(db)).toEqual({});
  });

  it('is refused with a typed error while an interview waits to be sent, and changes nothing', async () => {
    const db = await enrolled();
    await completed(db);
    const error = await logOutDevice(db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsentDataError);
    expect(error).toMatchObject({ code: 'unsentData', pending: 1, rejected: 0 });
    expect(await getEnrolment(db)).toEqual(enrolment);
  });

  it('is refused while a refused interview is still on the device', async () => {
    const db = await enrolled();
    const record = await completed(db);
    await rejectSubmission(record.id, { code: 'invalid_answers', message: 'no' }, db);
    await expect(logOutDevice(db)).rejects.toMatchObject({ code: 'unsentData', pending: 0, rejected: 1 });
  });

  it('is allowed once the server acknowledged everything, with drafts left on the device', async () => {
    const db = await enrolled();
    const record = await completed(db);
    await startInterview({ definition: pilotV1, respondentGroup: 'citizen', lang: 'vi' }, db);
    expect(await deviceHoldings(db)).toEqual({ pending: 1, rejected: 0, drafts: 1 });
    await acknowledgeSubmissions([record.id], '2026-11-02T09:00:00.000Z', db);
    expect(await deviceHoldings(db)).toEqual({ pending: 0, rejected: 0, drafts: 1 });
    await logOutDevice(db);
    expect(await getEnrolment(db)).toBeUndefined();
    expect((await deviceHoldings(db)).drafts).toBe(1);
  });
});
