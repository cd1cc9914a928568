/**
 * Records restored on read: a record of this app's format comes back unchanged; one saved by a
 * newer version of the app is kept exactly as it is stored: left out of lists, refused by the
 * commands that would change, delete or send it, reported, and carried by the backup.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  completeInterview,
  discardDraft,
  exportUnsent,
  getRecord,
  listDrafts,
  listRecords,
  outboxCounts,
  pendingSubmissions,
  RECORD_FORMAT_VERSION,
  RecordFormatError,
  saveDraft,
  startInterview,
  type SurveyDb,
} from '../../src/store';
import { keptForNewerApp } from '../../src/store/kept-for-newer';
import { restoreRecord } from '../../src/store/records';
import { completeAnswers, deleteTestDbs, pilotV1, testDb } from './fixtures';

afterEach(deleteTestDbs);

const start = (db: SurveyDb) => startInterview({ definition: pilotV1, respondentGroup: 'citizen', lang: 'vi' }, db);

/** Rewrites a stored record as a newer version of the app would have saved it. */
async function savedByNewerApp(db: SurveyDb, id: string): Promise<Record<string, unknown>> {
  const row = (await db.table('records').get(id)) as Record<string, unknown>;
  const newer = { ...row, formatVersion: RECORD_FORMAT_VERSION + 1, answers: { hasJob: { value: 'yes', confirmed: true } }, gps: [21.03, 105.85] };
  await db.table('records').put(newer);
  return newer;
}

describe('restoreRecord', () => {
  it('returns a record of this app’s format unchanged', async () => {
    const db = testDb();
    const record = await start(db);
    const stored = await db.records.get(record.id);
    expect(restoreRecord(stored!)).toEqual({ ok: true, record });
  });

  it('does not read a record of a newer format, or of none', () => {
    expect(restoreRecord({ id: 'a', formatVersion: RECORD_FORMAT_VERSION + 1 })).toEqual({ ok: false, id: 'a', formatVersion: RECORD_FORMAT_VERSION + 1 });
    expect(restoreRecord({ id: 'b' })).toEqual({ ok: false, id: 'b', formatVersion: undefined });
  });
});

describe('a draft saved by a newer version of the app', () => {
  it('is kept as it is: never changed, completed or deleted, left out of lists, and reported', async () => {
    const db = testDb();
    const other = await start(db);
    const { id } = await start(db);
    const newer = await savedByNewerApp(db, id);

    await expect(saveDraft(id, { answers: { hasJob: 'no' } }, db)).rejects.toBeInstanceOf(RecordFormatError);
    await expect(completeInterview(id, { answers: completeAnswers }, db)).rejects.toBeInstanceOf(RecordFormatError);
    await expect(discardDraft(id, db)).rejects.toBeInstanceOf(RecordFormatError);
    await expect(getRecord(id, db)).rejects.toThrow(/newer version of this app.*update the app/);
    expect(await db.table('records').get(id)).toEqual(newer);

    expect((await listDrafts(db)).map((r) => r.id)).toEqual([other.id]);
    expect((await listRecords(db)).map((r) => r.id)).toEqual([other.id]);
    expect(await keptForNewerApp(db)).toEqual([{ id, formatVersion: RECORD_FORMAT_VERSION + 1 }]);
  });
});

describe('a completed interview saved by a newer version of the app', () => {
  it('is not sent, stays queued and counted, is carried by the backup, and does not hold back the others', async () => {
    const db = testDb();
    const first = await start(db);
    await completeInterview(first.id, { answers: completeAnswers }, db);
    const newer = await savedByNewerApp(db, first.id);
    const second = await start(db);
    const done = await completeInterview(second.id, { answers: completeAnswers }, db);

    expect((await pendingSubmissions(1, db)).map((q) => q.record)).toEqual([done]);
    expect(await outboxCounts(db)).toEqual({ pending: 2, rejected: 0 });
    expect(await keptForNewerApp(db)).toEqual([{ id: first.id, formatVersion: RECORD_FORMAT_VERSION + 1 }]);
    const backup = await exportUnsent(db);
    expect(backup.interviews.map((i) => i.record)).toEqual([newer, done]);
    expect(await db.table('records').get(first.id)).toEqual(newer);
  });
});
