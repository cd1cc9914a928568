import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  acknowledgeSubmissions,
  completeInterview,
  exportUnsent,
  getRecord,
  IncompleteInterviewError,
  listRejected,
  noteAttempt,
  outboxCounts,
  pendingSubmissions,
  rejectSubmission,
  RecordNotFoundError,
  retryRejected,
  saveEnrolment,
  startInterview,
  SurveyDb,
  UNSENT_EXPORT_FORMAT,
} from '../../src/store';
import { completeAnswers, deleteTestDbs, pilotV1, testDb } from './fixtures';

afterEach(async () => {
  vi.useRealTimers();
  await deleteTestDbs();
});

const start = (db: SurveyDb) => startInterview({ definition: pilotV1, respondentGroup: 'citizen', lang: 'vi' }, db);

async function completed(db: SurveyDb): Promise<string> {
  const { id } = await start(db);
  await completeInterview(id, { answers: completeAnswers }, db);
  return id;
}

describe('completeInterview and the outbox', () => {
  it('queues the completed interview in the same step', async () => {
    const db = testDb();
    const { id } = await start(db);
    expect(await outboxCounts(db)).toEqual({ pending: 0, rejected: 0 });
    const done = await completeInterview(id, { answers: completeAnswers }, db);
    // quotaKey: what the interview counts towards (questionnaire, group, no stratum), for unsent counts.
    expect(await db.outbox.get(id)).toEqual({ id, queuedAt: done.completedAt, attempts: 0, state: 'pending', quotaKey: ['pilot', 'citizen', ''] });
    expect(await outboxCounts(db)).toEqual({ pending: 1, rejected: 0 });
  });

  it('adds no outbox entry when completing is refused', async () => {
    const db = testDb();
    const { id } = await start(db);
    await expect(completeInterview(id, { answers: { hasJob: 'no' } }, db)).rejects.toBeInstanceOf(IncompleteInterviewError);
    expect(await db.outbox.count()).toBe(0);
  });

  it('leaves the record a draft when queueing fails: one transaction', async () => {
    const db = testDb();
    const { id } = await start(db);
    // An entry already there makes the outbox write fail after the record was written.
    const stale = { id, queuedAt: '2020-01-01T00:00:00.000Z', attempts: 7, state: 'pending' as const };
    await db.outbox.add(stale);
    await expect(completeInterview(id, { answers: completeAnswers }, db)).rejects.toThrow();
    expect((await getRecord(id, db))?.status).toBe('draft');
    expect(await db.outbox.get(id)).toEqual(stale);
  });
});

describe('outbox commands', () => {
  it('gives pending interviews oldest first, up to the limit, with their records', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const db = testDb();
    vi.setSystemTime(new Date('2026-11-02T09:00:00Z'));
    const second = await start(db);
    const first = await completed(db);
    vi.setSystemTime(new Date('2026-11-02T10:00:00Z'));
    await completeInterview(second.id, { answers: completeAnswers }, db);
    vi.setSystemTime(new Date('2026-11-02T11:00:00Z'));
    const third = await completed(db);

    const all = await pendingSubmissions(10, db);
    expect(all.map((s) => s.record.id)).toEqual([first, second.id, third]);
    expect(all[0]?.record).toMatchObject({ status: 'completed', answers: completeAnswers });
    expect(all[0]?.entry).toMatchObject({ id: first, state: 'pending' });
    expect((await pendingSubmissions(2, db)).map((s) => s.record.id)).toEqual([first, second.id]);
  });

  it('counts attempts', async () => {
    const db = testDb();
    const id = await completed(db);
    await noteAttempt([id], '2026-11-02T09:00:00.000Z', db);
    await noteAttempt([id, 'not-queued'], '2026-11-02T09:05:00.000Z', db);
    expect(await db.outbox.get(id)).toMatchObject({ attempts: 2, lastAttemptAt: '2026-11-02T09:05:00.000Z' });
  });

  it('acknowledging removes the entries and marks the records synced, nothing else', async () => {
    const db = testDb();
    const a = await completed(db);
    const b = await completed(db);
    await acknowledgeSubmissions([a], '2026-11-02T12:00:00.000Z', db);
    expect(await db.outbox.get(a)).toBeUndefined();
    expect(await getRecord(a, db)).toMatchObject({ status: 'completed', syncedAt: '2026-11-02T12:00:00.000Z', answers: completeAnswers });
    expect((await pendingSubmissions(10, db)).map((s) => s.record.id)).toEqual([b]);
    expect((await getRecord(b, db))?.syncedAt).toBeUndefined();
    expect(await outboxCounts(db)).toEqual({ pending: 1, rejected: 0 });
  });

  it('a rejected interview stays with its reason, out of the queue, until retried', async () => {
    const db = testDb();
    const a = await completed(db);
    const b = await completed(db);
    const errors = { satisfied: { code: 'required', message: { vi: 'Bắt buộc', en: 'Required' } } };
    await rejectSubmission(a, { code: 'invalid_answers', message: 'answers break the rules', errors }, db);

    expect(await outboxCounts(db)).toEqual({ pending: 1, rejected: 1 });
    expect((await pendingSubmissions(10, db)).map((s) => s.record.id)).toEqual([b]);
    const [rejected] = await listRejected(db);
    expect(rejected?.record.id).toBe(a);
    expect(rejected?.entry).toMatchObject({ state: 'rejected', rejection: { code: 'invalid_answers', message: 'answers break the rules', errors } });
    expect(rejected?.entry.rejection?.at).toBeDefined();
    expect(await getRecord(a, db)).toMatchObject({ status: 'completed' });

    await retryRejected(a, db);
    expect(await outboxCounts(db)).toEqual({ pending: 2, rejected: 0 });
    expect(await db.outbox.get(a)).not.toHaveProperty('rejection');
    expect(await listRejected(db)).toEqual([]);
  });

  it('refuses to reject or retry what is not queued', async () => {
    const db = testDb();
    await expect(rejectSubmission('nope', { code: 'conflict', message: 'x' }, db)).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(retryRejected('nope', db)).rejects.toBeInstanceOf(RecordNotFoundError);
  });

  it('exports every unsent interview, whole, with its reason and without the token', async () => {
    const db = testDb();
    const sent = await completed(db);
    const pending = await completed(db);
    const refused = await completed(db);
    await start(db); // a draft is not exported
    await acknowledgeSubmissions([sent], '2026-11-02T12:00:00.000Z', db);
    await rejectSubmission(refused, { code: 'unknown_version', message: 'no such version' }, db);
    await saveEnrolment({ serverUrl: 'http://10.0.0.2:8080', deviceId: 'd1', name: 'Máy 1', token: 'secret-token-'.repeat(4), enrolledAt: '2026-11-01T00:00:00.000Z' }, db);

    const backup = await exportUnsent(db);
    const json = JSON.stringify(backup);
    expect(json).not.toContain('secret-token');
    const parsed = JSON.parse(json) as typeof backup;
    expect(parsed).toMatchObject({ format: UNSENT_EXPORT_FORMAT, formatVersion: 1, device: { deviceId: 'd1', name: 'Máy 1' } });
    expect(parsed.interviews.map((i) => i.record.id).sort()).toEqual([pending, refused].sort());
    expect(parsed.interviews.find((i) => i.record.id === refused)).toMatchObject({
      record: { status: 'completed', answers: completeAnswers },
      outbox: { state: 'rejected', rejection: { code: 'unknown_version', message: 'no such version' } },
    });
    expect(parsed.interviews.find((i) => i.record.id === pending)?.record).toEqual(await getRecord(pending, db));
  });
});
