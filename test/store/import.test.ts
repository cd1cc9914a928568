/**
 * Importing another device's backup of unsent interviews: queued for sending here, idempotent
 * by id, a clash reported and never overwritten, a wrong file refused with a clear reason.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  completeInterview,
  exportUnsent,
  getRecord,
  importBackup,
  InvalidBackupError,
  outboxCounts,
  pendingSubmissions,
  rejectSubmission,
  saveEnrolment,
  startInterview,
  type SurveyDb,
  type UnsentExport,
} from '../../src/store';
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
