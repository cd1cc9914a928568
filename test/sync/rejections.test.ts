// @vitest-environment node
/**
 * Refused interviews against the real server: a batch with one bad item delivers the good ones;
 * the bad one stays on the device, marked with the server's reason, and is not resent by itself.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportUnsent, getRecord, listRejected, outboxCounts, retryRejected, type InterviewRecord, type SurveyDb } from '../../src/store';
import { createSyncer } from '../../src/sync';
import type { TestServer } from '../server/harness';
import { completeMany, completeSipas } from './interviews';
import { cleanUp, deviceDb, enrol, observedFetch, testServer } from './setup';

let srv: TestServer;
beforeEach(async () => {
  srv = await testServer();
});
afterEach(cleanUp);

/** A completed interview altered after completion (as a bug or an old app version might leave it). */
async function tampered(db: SurveyDb, change: (r: InterviewRecord) => InterviewRecord): Promise<InterviewRecord> {
  const record = change(await completeSipas(db));
  await db.records.put(record);
  return record;
}

describe('a batch with one bad item', () => {
  it('acknowledges the good interviews and keeps the bad one, refused with its reason and errors', async () => {
    const db = deviceDb();
    await enrol(db, srv);
    const good = await completeMany(db, 2);
    // apologyLetter is only asked when the result was late; this interview says it was on time.
    const bad = await tampered(db, (r) => ({ ...r, answers: { ...r.answers, apologyLetter: 'yes' } }));
    good.push(...(await completeMany(db, 2)));
    const { fetch, uploads: requests } = observedFetch();
    const syncer = createSyncer({ db, fetch });

    expect(await syncer.syncNow()).toEqual({ status: 'ok', acknowledged: 4, rejected: 1 });
    expect(requests).toHaveLength(1); // one batch, five interviews
    expect(requests[0]?.ids).toHaveLength(5);
    expect(await srv.countSubmissions()).toBe(4);
    for (const r of good) expect((await getRecord(r.id, db))?.syncedAt).toBeDefined();
    expect(await srv.getSubmission(bad.id)).toBeUndefined();

    expect(await outboxCounts(db)).toEqual({ pending: 0, rejected: 1 });
    expect(await getRecord(bad.id, db)).toEqual(bad); // kept whole, never marked synced
    const [refused] = await listRejected(db);
    expect(refused?.record.id).toBe(bad.id);
    expect(refused?.entry.rejection).toMatchObject({ code: 'invalid_answers', errors: { apologyLetter: { code: expect.any(String) } } });
    expect(refused?.entry.rejection?.message).toMatch(/\S/);
    expect(syncer.getStatus()).toMatchObject({ pending: 0, rejected: 1, needsEnrolment: false });
    expect(syncer.getStatus().lastError).toBeUndefined();

    // It is not resent on its own, and it can be exported.
    expect(await syncer.syncNow()).toEqual({ status: 'ok', acknowledged: 0, rejected: 0 });
    expect(requests).toHaveLength(1);
    expect((await exportUnsent(db)).interviews.map((i) => i.record.id)).toEqual([bad.id]);

    // Retried by hand, the server refuses it again and it stays.
    await retryRejected(bad.id, db);
    expect(await syncer.syncNow()).toEqual({ status: 'ok', acknowledged: 0, rejected: 1 });
    expect(requests.at(-1)?.ids).toEqual([bad.id]);
    expect(await outboxCounts(db)).toEqual({ pending: 0, rejected: 1 });
  });

  it('keeps an interview of a questionnaire version the server lacks, with code unknown_version', async () => {
    const db = deviceDb();
    await enrol(db, srv);
    const [good] = await completeMany(db, 1);
    const bad = await tampered(db, (r) => ({ ...r, surveyVersion: 99 }));
    const syncer = createSyncer({ db });
    expect(await syncer.syncNow()).toEqual({ status: 'ok', acknowledged: 1, rejected: 1 });
    expect(await srv.getSubmission(good!.id)).toBeDefined();
    expect((await listRejected(db)).map((q) => [q.record.id, q.entry.rejection?.code])).toEqual([[bad.id, 'unknown_version']]);
  });

  it('keeps an interview the wire format refuses without blocking the batch (checked before sending)', async () => {
    const db = deviceDb();
    await enrol(db, srv);
    const bad = await tampered(db, (r) => ({ ...r, answers: { ...r.answers, comment: 'x'.repeat(20_001) } }));
    const good = await completeMany(db, 2);
    const { fetch, uploads: requests } = observedFetch();
    const syncer = createSyncer({ db, fetch });
    expect(await syncer.syncNow()).toEqual({ status: 'ok', acknowledged: 2, rejected: 1 });
    expect(requests.flatMap((r) => r.ids).sort()).toEqual(good.map((r) => r.id).sort());
    const [refused] = await listRejected(db);
    expect(refused?.entry.rejection).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('answers.comment') });
    expect(refused?.record.id).toBe(bad.id);
  });

  it('halves a batch the server finds too large, and keeps the one interview that is too large alone', async () => {
    const db = deviceDb();
    await enrol(db, srv);
    const good = await completeMany(db, 3);
    // About 6 MB of answers (within the wire format's per-answer limits, over the body limit).
    const bulky = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`note${i}`, Array.from({ length: 500 }, () => 'y'.repeat(200))]));
    const huge = await tampered(db, (r) => ({ ...r, answers: { ...r.answers, ...bulky } }));
    good.push(...(await completeMany(db, 2)));
    const { fetch, uploads: requests } = observedFetch();
    const syncer = createSyncer({ db, fetch, batchSize: 6 });

    expect(await syncer.syncNow()).toEqual({ status: 'ok', acknowledged: 5, rejected: 1 });
    expect(await srv.countSubmissions()).toBe(5);
    expect(requests[0]?.ids).toHaveLength(6);
    expect(requests[1]?.ids).toHaveLength(3);
    expect((await listRejected(db)).map((q) => [q.record.id, q.entry.rejection?.code])).toEqual([[huge.id, 'body_too_large']]);
    for (const r of good) expect(await srv.getSubmission(r.id)).toBeDefined();
  });
});
