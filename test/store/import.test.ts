/**
 * Importing another device's backup of unsent interviews: queued for sending here, idempotent
 * by id, a clash reported and never overwritten, a wrong file refused with a clear reason.
 */
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { BackupRecord } from '../../src/contract';
import {
  completeInterview,
  exportUnsent,
  getRecord,
  outboxCounts,
  RECORD_FORMAT_VERSION,
  pendingSubmissions,
  rejectSubmission,
  saveEnrolment,
  startInterview,
  type InterviewRecord,
  type SurveyDb,
  type UnsentExport,
} from '../../src/store';
import { importBackup, InvalidBackupError } from '../../src/store/import';
import { completeAnswers, deleteTestDbs, pilotV1, testDb } from './fixtures';

afterEach(deleteTestDbs);

const enrolment = { serverUrl: 'http://10.0.0.2:8080', deviceId: 'd1', name: 'Máy 1', token: 'secret-token-'.repeat(4), enrolledAt: '2026-11-01T00:00:00.000Z' };

async function completed(db: SurveyDb, answers: Record<string, string> = completeAnswers) {
  const { id } = await startInterview({ definition: pilotV1, respondentGroup: 'official', stratum: 'HUE', lang: 'vi' }, db);
  return completeInterview(id, { answers, sectionTimes: { household: 1200 } }, db);
}

/** A device with two unsent interviews (one refused by the server) and its backup file's text. */
async function backupOfAnotherDevice() {
  const source = testDb();
  await saveEnrolment(enrolment, source);
  const a = await completed(source);
  const b = await completed(source, { hasJob: 'yes', jobSector: 'services', satisfied: 'no' });
  await rejectSubmission(b.id, { code: 'conflict', message: 'server clash' }, source);
  const file = await exportUnsent(source);
  return { records: [a, b], file, text: JSON.stringify(file, null, 2) };
}

describe('importBackup', () => {
  it('adds every interview as a completed record with a pending outbox entry', async () => {
    const { records, text } = await backupOfAnotherDevice();
    expect(text).not.toContain('secret-token');
    const db = testDb();
    const result = await importBackup(text, db);
    expect(result).toEqual({ added: records.map((r) => r.id), present: [], conflicts: [] });
    expect(await outboxCounts(db)).toEqual({ pending: 2, rejected: 0 });
    for (const r of records) expect(await getRecord(r.id, db)).toEqual(r);
    const queued = await pendingSubmissions(10, db);
    expect(queued.map((q) => q.entry)).toEqual(records.map((r) => expect.objectContaining({ id: r.id, attempts: 0, state: 'pending' })));
  });

  it('is idempotent: importing the same file again adds nothing', async () => {
    const { records, text } = await backupOfAnotherDevice();
    const db = testDb();
    await importBackup(text, db);
    expect(await importBackup(text, db)).toEqual({ added: [], present: records.map((r) => r.id), conflicts: [] });
    expect(await outboxCounts(db)).toEqual({ pending: 2, rejected: 0 });
  });

  it('reports an interview already here with different content and keeps the one here', async () => {
    const { records, file } = await backupOfAnotherDevice();
    const db = testDb();
    await importBackup(JSON.stringify(file), db);
    const changed: UnsentExport = structuredClone(file);
    changed.interviews[0]!.record.answers = { ...changed.interviews[0]!.record.answers, hasJob: 'yes', jobSector: 'farming' };
    const result = await importBackup(JSON.stringify(changed), db);
    expect(result).toEqual({ added: [], present: [records[1]!.id], conflicts: [records[0]!.id] });
    expect((await getRecord(records[0]!.id, db))?.answers).toEqual(records[0]!.answers);
  });

  it('treats the device’s own interviews (already sent or not) as present', async () => {
    const db = testDb();
    const own = await completed(db);
    const file = await exportUnsent(db);
    expect(await importBackup(JSON.stringify(file), db)).toEqual({ added: [], present: [own.id], conflicts: [] });
    expect(await outboxCounts(db)).toEqual({ pending: 1, rejected: 0 });
  });

  it.each([
    ['not JSON', 'hello', 'notJson'],
    ['another JSON file', JSON.stringify({ name: 'package', version: '1.0.0' }), 'wrongFormat'],
    ['a newer format', JSON.stringify({ format: 'governance-survey/unsent', formatVersion: 2, interviews: [] }), 'unsupportedVersion'],
  ])('refuses %s with a typed error and imports nothing', async (_what, text, problem) => {
    const db = testDb();
    const error = await importBackup(text, db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidBackupError);
    expect(error).toMatchObject({ code: 'invalidBackup', problem });
    expect(await outboxCounts(db)).toEqual({ pending: 0, rejected: 0 });
  });

  /** A backup of another device with its second interview changed by hand. */
  async function damagedBackup(change: (record: Record<string, unknown>) => void) {
    const { records, file } = await backupOfAnotherDevice();
    const damaged = structuredClone(file) as unknown as { interviews: { record: Record<string, unknown> }[] };
    change(damaged.interviews[1]!.record);
    return { id: records[1]!.id, text: JSON.stringify(damaged, null, 2) };
  }

  const storedNothing = async (db: SurveyDb) => {
    expect(await outboxCounts(db)).toEqual({ pending: 0, rejected: 0 });
    expect(await db.records.count()).toBe(0);
  };

  it.each([
    ['an answer that is no answer', 'answers.hasJob', (r: Record<string, unknown>) => (r.answers = { hasJob: { chosen: ['yes'] } })],
    ['a draft', 'status', (r: Record<string, unknown>) => (r.status = 'draft')],
    ['a record without progress', 'progress', (r: Record<string, unknown>) => delete r.progress],
    ['an unknown kind of interview', 'mode', (r: Record<string, unknown>) => (r.mode = 'robot')],
  ])('refuses a backup holding %s, naming the interview and the field, and stores nothing', async (_what, field, change) => {
    const { id, text } = await damagedBackup(change);
    const db = testDb();
    const error = await importBackup(text, db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidBackupError);
    expect(error).toMatchObject({ problem: 'invalidContent', fault: { index: 1, id, field } });
    expect((error as Error).message).toContain(`interview 2 (id ${id}), field ${field}:`);
    await storedNothing(db);
  });

  it('refuses a backup cut off in transfer as such, and stores nothing', async () => {
    const { text } = await backupOfAnotherDevice();
    const db = testDb();
    const error = await importBackup(text.slice(0, Math.floor(text.length * 0.7)), db).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalidBackup', problem: 'truncated' });
    await storedNothing(db);
  });

  it('refuses a backup holding an interview saved by a newer version of the app, naming it, and stores nothing', async () => {
    const { id, text } = await damagedBackup((r) => (r.formatVersion = RECORD_FORMAT_VERSION + 1));
    const db = testDb();
    const error = await importBackup(text, db).catch((e: unknown) => e);
    expect(error).toMatchObject({ problem: 'unsupportedVersion', fault: { index: 1, id, field: 'formatVersion' } });
    expect((error as Error).message).toContain(id);
    await storedNothing(db);
  });

  it('reports an interview here that a newer version of the app saved as a clash, and keeps it', async () => {
    const { records, text } = await backupOfAnotherDevice();
    const db = testDb();
    await importBackup(text, db);
    const newer = { ...(await db.table('records').get(records[0]!.id)), formatVersion: RECORD_FORMAT_VERSION + 1 };
    await db.table('records').put(newer);
    expect(await importBackup(text, db)).toEqual({ added: [], present: [records[1]!.id], conflicts: [records[0]!.id] });
    expect(await db.table('records').get(records[0]!.id)).toEqual(newer);
  });

  it('checks every field of the record format in the backup', () => {
    expectTypeOf<Exclude<keyof InterviewRecord, keyof typeof BackupRecord.shape>>().toEqualTypeOf<never>();
  });

  it('refuses a damaged backup, naming where, and imports none of it', async () => {
    const { file } = await backupOfAnotherDevice();
    const damaged = structuredClone(file) as unknown as { interviews: { record: Record<string, unknown> }[] };
    delete damaged.interviews[1]!.record.answers;
    const db = testDb();
    const error = await importBackup(JSON.stringify(damaged), db).catch((e: unknown) => e);
    expect(error).toMatchObject({ problem: 'invalidContent', details: [expect.objectContaining({ path: 'interviews[1].record.answers' })] });
    expect(await outboxCounts(db)).toEqual({ pending: 0, rejected: 0 });
  });
});
