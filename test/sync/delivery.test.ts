// @vitest-environment node
/**
 * Delivery against the real server on 127.0.0.1: nothing is lost while the server cannot be
 * reached or is restarting, and a reply lost after the server stored a batch is not a duplicate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getRecord, getSyncState, outboxCounts, pendingSubmissions } from '../../src/store';
import { createSyncer, type SyncOutcome } from '../../src/sync';
import { closedPort } from './gateway';
import { completeMany, completeSipas } from './interviews';
import { cleanUp, deviceDb, enrol, enrolledBehindGateway, gateway, testServer } from './setup';
import type { SubmitResponse } from '../../src/contract';

afterEach(cleanUp);

const failed = (o: SyncOutcome) => (o.status === 'failed' ? o : expect.fail(`expected a failure, got ${JSON.stringify(o)}`));

describe('offline queue', () => {
  it('keeps every interview while the server is unreachable, then delivers each exactly once', async () => {
    const srv = await testServer();
    const db = deviceDb();
    const port = await closedPort();
    await enrol(db, srv, `http://127.0.0.1:${port}`);
    const done = await completeMany(db, 7);
    const syncer = createSyncer({ db, batchSize: 3, random: () => 0.5 });

    const outcome = failed(await syncer.syncNow());
    expect(outcome.error.code).toBe('network');
    expect(outcome.retryInMs).toBeGreaterThan(0);
    expect(await outboxCounts(db)).toEqual({ pending: 7, rejected: 0 });
    for (const r of done) expect(await getRecord(r.id, db)).toEqual(r); // untouched, not synced
    expect((await getSyncState(db)).lastError).toMatchObject({ code: 'network' });
    expect(syncer.getStatus()).toMatchObject({ pending: 7, syncing: false, lastError: { code: 'network' } });
    expect(syncer.getStatus().lastSuccessAt).toBeUndefined();
    expect((await pendingSubmissions(10, db))[0]?.entry.attempts).toBe(1);

    await gateway(srv.url, port); // the network comes back, same address
    expect(await syncer.syncNow()).toEqual({ status: 'ok', acknowledged: 7, rejected: 0 });
    expect(await outboxCounts(db)).toEqual({ pending: 0, rejected: 0 });
    expect(await srv.countSubmissions()).toBe(7);
    for (const r of done) {
      const stored = await srv.getSubmission(r.id);
      expect(stored).toMatchObject({ surveyId: 'sipas-citizen', surveyVersion: 1, stratum: 'bo-trach', lang: r.lang, answers: r.answers });
      expect((await getRecord(r.id, db))?.syncedAt).toBeDefined();
    }
    const state = await getSyncState(db);
    expect(state.lastError).toBeUndefined();
    expect(state.lastSuccessAt).toBeDefined();
    expect(syncer.getStatus()).toMatchObject({ pending: 0, rejected: 0, needsEnrolment: false, lastSuccessAt: state.lastSuccessAt });
  });
});

describe('server down, then up', () => {
  it('loses nothing while the server is down or restarting behind its proxy', async () => {
    const { srv, gw, db } = await enrolledBehindGateway();
    const syncer = createSyncer({ db, batchSize: 2 });

    const first = await completeMany(db, 2);
    expect(await syncer.syncNow()).toMatchObject({ status: 'ok', acknowledged: 2 });

    await gw.close(); // the server goes down
    const later = await completeMany(db, 3);
    expect(failed(await syncer.syncNow()).error.code).toBe('network');
    expect(await outboxCounts(db)).toEqual({ pending: 3, rejected: 0 });

    const restarting = await gateway(srv.url, gw.port); // the proxy is back, the server not yet
    restarting.setMode('bad-gateway');
    expect(failed(await syncer.syncNow()).error.code).toBe('internal');
    expect(syncer.getStatus()).toMatchObject({ pending: 3, lastError: { code: 'internal' } });

    restarting.setMode('forward');
    expect(await syncer.syncNow()).toMatchObject({ status: 'ok', acknowledged: 3, rejected: 0 });
    expect(await outboxCounts(db)).toEqual({ pending: 0, rejected: 0 });
    expect(await srv.countSubmissions()).toBe(5);
    for (const r of [...first, ...later]) expect(await srv.getSubmission(r.id)).toMatchObject({ answers: r.answers });
  });

  it('gives up on a server that does not answer in time, keeping the batch', async () => {
    const { db } = await enrolledBehindGateway('hang');
    await completeMany(db, 2);
    const syncer = createSyncer({ db, timeoutMs: 300 });
    expect(failed(await syncer.syncNow()).error.code).toBe('timeout');
    expect(await outboxCounts(db)).toEqual({ pending: 2, rejected: 0 });
  });

  it('treats a garbled reply as a failure and keeps everything', async () => {
    const { db } = await enrolledBehindGateway('garble');
    await completeMany(db, 2);
    const syncer = createSyncer({ db });
    expect(failed(await syncer.syncNow()).error.code).toBe('bad_reply');
    expect(await outboxCounts(db)).toEqual({ pending: 2, rejected: 0 });
  });
});

describe('a reply that leaves interviews out', () => {
  it('is a failure: the interview it says nothing about stays queued, the ones it acknowledges leave', async () => {
    const srv = await testServer();
    const db = deviceDb();
    await enrol(db, srv, srv.url);
    await completeMany(db, 3);
    let left: string | undefined;
    const leavingOneOut = async (url: string, init: RequestInit): Promise<Response> => {
      const r = await fetch(url, init);
      if (!url.endsWith('/api/submissions')) return r;
      const reply = (await r.json()) as SubmitResponse;
      left = reply.results[0]!.id;
      return new Response(JSON.stringify({ ...reply, results: reply.results.slice(1) }), { status: r.status, headers: { 'content-type': 'application/json' } });
    };
    const outcome = failed(await createSyncer({ db, fetch: leavingOneOut }).syncNow());
    expect(outcome.error.code).toBe('bad_reply');
    expect(outcome.error.message).toMatch(/left out 1 of 3/);
    expect(await outboxCounts(db)).toEqual({ pending: 1, rejected: 0 });
    expect((await pendingSubmissions(10, db)).map((s) => s.entry.id)).toEqual([left]);
  });
});

describe('reply lost after the server stored the batch', () => {
  it('resends, the server answers duplicate, and each interview is stored once', async () => {
    const { srv, gw, db } = await enrolledBehindGateway();
    const done = await completeMany(db, 4);
    const syncer = createSyncer({ db, batchSize: 10 });

    gw.setMode('lose-reply', 'forward');
    expect(failed(await syncer.syncNow()).error.code).toBe('network');
    const [lost] = gw.exchanges;
    expect(lost).toMatchObject({ status: 200, delivered: false });
    expect((JSON.parse(lost!.responseBody!) as SubmitResponse).results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored', 'stored']);
    expect(await srv.countSubmissions()).toBe(4); // stored on the server…
    expect(await outboxCounts(db)).toEqual({ pending: 4, rejected: 0 }); // …but not acknowledged

    const extra = await completeSipas(db);
    expect(await syncer.syncNow()).toEqual({ status: 'ok', acknowledged: 5, rejected: 0 });
    const resend = JSON.parse(gw.exchanges[1]!.responseBody!) as SubmitResponse;
    expect(Object.fromEntries(resend.results.map((r) => [r.id, r.status]))).toEqual({
      ...Object.fromEntries(done.map((r) => [r.id, 'duplicate'])),
      [extra.id]: 'stored',
    });
    expect(await srv.countSubmissions()).toBe(5);
    expect(await outboxCounts(db)).toEqual({ pending: 0, rejected: 0 });
    for (const r of [...done, extra]) expect((await getRecord(r.id, db))?.syncedAt).toBe(resend.serverTime);
  });
});
