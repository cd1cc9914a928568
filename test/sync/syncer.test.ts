// @vitest-environment node
/**
 * The syncer's own behaviour against the real server: one run at a time, stopping on a revoked
 * token, triggers from events and timers, and retry delays that grow with jitter.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getEnrolment, getSyncState, outboxCounts, saveEnrolment } from '../../src/store';
import { createSyncer, enrolDevice, type SyncStatus } from '../../src/sync';
import { completeMany, completeSipas } from './interviews';
import { cleanUp, deviceDb, enrol, enrolledBehindGateway, enrolledDevice, manualTimers, observedFetch, testServer, track } from './setup';

afterEach(cleanUp);

describe('single flight', () => {
  it('shares one run between concurrent calls: one request sequence, nothing sent twice', async () => {
    const { srv, db } = await enrolledDevice();
    await completeMany(db, 5);
    const { fetch, uploads: requests } = observedFetch();
    const syncer = createSyncer({ db, fetch, batchSize: 2 });

    const a = syncer.syncNow();
    const b = syncer.syncNow();
    expect(b).toBe(a);
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra).toEqual({ status: 'ok', acknowledged: 5, rejected: 0 });
    expect(rb).toBe(ra);
    expect(requests.map((r) => r.ids.length)).toEqual([2, 2, 1]);
    expect(new Set(requests.flatMap((r) => r.ids)).size).toBe(5);
    expect(await srv.countSubmissions()).toBe(5);
  });

  it('sends an interview completed during a run in that same run', async () => {
    const { srv, db } = await enrolledDevice();
    await completeMany(db, 2);
    const { fetch, uploads: requests } = observedFetch();
    let added: Promise<unknown> | undefined;
    const syncer = createSyncer({
      db,
      fetch: (url, init) => {
        added ??= completeSipas(db).then(() => syncer.syncNow()); // the app calls syncNow after completing
        return fetch(url, init);
      },
    });
    const outcome = await syncer.syncNow();
    await added;
    expect(outcome.status).toBe('ok');
    expect(await outboxCounts(db)).toEqual({ pending: 0, rejected: 0 });
    expect(await srv.countSubmissions()).toBe(3);
    expect(new Set(requests.flatMap((r) => r.ids)).size).toBe(requests.flatMap((r) => r.ids).length);
  });

  it('publishes syncing while a run is in flight, and the shrinking queue', async () => {
    const { db } = await enrolledDevice();
    await completeMany(db, 3);
    const syncer = createSyncer({ db, batchSize: 1 });
    const seen: SyncStatus[] = [];
    syncer.subscribe((s) => seen.push(s));
    await syncer.syncNow();
    expect(seen[0]).toMatchObject({ syncing: true, pending: 3 });
    const whileSyncing = seen.filter((s) => s.syncing).map((s) => s.pending);
    expect(whileSyncing.filter((n, i) => n !== whileSyncing[i - 1])).toEqual([3, 2, 1, 0]);
    expect(seen.at(-1)).toMatchObject({ syncing: false, pending: 0 });
  });
});

describe('authorization', () => {
  it('stops on a revoked token, asks for a new enrolment, keeps everything, and resumes after it', async () => {
    const srv = await testServer();
    const db = deviceDb();
    const { deviceId } = await enrol(db, srv);
    const timers = manualTimers();
    const { fetch, uploads: requests } = observedFetch();
    const syncer = track(createSyncer({ db, fetch, timers, env: {} }));
    await completeMany(db, 1);
    expect((await syncer.syncNow()).status).toBe('ok');

    await srv.revokeDevice(deviceId);
    await completeMany(db, 2);
    const outcome = await syncer.syncNow();
    expect(outcome).toMatchObject({ status: 'needsEnrolment', error: { code: 'token_revoked' }, acknowledged: 0 });
    expect(await outboxCounts(db)).toEqual({ pending: 2, rejected: 0 });
    expect(syncer.getStatus()).toMatchObject({ needsEnrolment: true, pending: 2, lastError: { code: 'token_revoked' } });

    // No retry loop: starting schedules nothing and sends nothing while the token is refused.
    const before = requests.length;
    syncer.start();
    await syncer.whenIdle();
    expect(syncer.getStatus().needsEnrolment).toBe(true);
    expect(requests.length).toBe(before);
    expect(timers.delays()).toEqual([]);

    // A new code from the coordinator, exchanged over HTTP.
    const code = await srv.issueEnrolmentCode('Điều tra viên thử');
    await enrolDevice({ serverUrl: srv.url, code, label: 'Máy tính bảng 1' }, { db });
    expect((await getSyncState(db)).lastError).toBeUndefined();
    expect(await syncer.syncNow()).toEqual({ status: 'ok', acknowledged: 2, rejected: 0 });
    expect(syncer.getStatus().needsEnrolment).toBe(false);
    expect(await srv.countSubmissions()).toBe(3);
  });

  it('reports a token the server does not know as unauthorized', async () => {
    const srv = await testServer();
    const db = deviceDb();
    await saveEnrolment({ serverUrl: srv.url, deviceId: 'x', name: 'x', token: 'not-a-token-'.repeat(4), enrolledAt: new Date().toISOString() }, db);
    await completeMany(db, 1);
    const syncer = createSyncer({ db });
    expect(await syncer.syncNow()).toMatchObject({ status: 'needsEnrolment', error: { code: 'unauthorized' } });
    expect(await outboxCounts(db)).toEqual({ pending: 1, rejected: 0 });
  });

  it('does not try to send without an enrolment', async () => {
    const db = deviceDb();
    await completeMany(db, 1);
    const { fetch, uploads: requests } = observedFetch();
    const syncer = createSyncer({ db, fetch });
    expect(await syncer.syncNow()).toEqual({ status: 'needsEnrolment', acknowledged: 0, rejected: 0 });
    expect(requests).toEqual([]);
    expect(syncer.getStatus()).toMatchObject({ needsEnrolment: true, pending: 1 });
    expect(await getEnrolment(db)).toBeUndefined();
  });
});

describe('triggers', () => {
  it('syncs on start, on `online`, on becoming visible and on the timer; not while offline or hidden', async () => {
    const { srv, db } = await enrolledDevice();
    const timers = manualTimers();
    const window = new EventTarget();
    const document = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
    const navigator = { onLine: true };
    const syncer = track(createSyncer({ db, timers, env: { window, document, navigator }, idleIntervalMs: 120_000 }));
    const delivered = (n: number) => vi.waitFor(async () => expect(await srv.countSubmissions()).toBe(n));
    const settled = () => vi.waitFor(() => expect(syncer.getStatus()).toMatchObject({ syncing: false, pending: 0 }));

    await completeMany(db, 1);
    syncer.start();
    await delivered(1);
    await settled();
    await vi.waitFor(() => expect(timers.delays()).toEqual([120_000])); // idle: look again in 2 minutes

    navigator.onLine = false;
    window.dispatchEvent(new Event('offline'));
    expect(syncer.getStatus().online).toBe(false);
    await completeMany(db, 1);
    timers.fireAll(); // offline: the timer does not send
    await syncer.whenIdle();
    expect(await srv.countSubmissions()).toBe(1);

    navigator.onLine = true;
    window.dispatchEvent(new Event('online'));
    await delivered(2);
    await settled();
    expect(syncer.getStatus().online).toBe(true);

    await completeMany(db, 1);
    document.dispatchEvent(new Event('visibilitychange')); // still hidden
    await syncer.whenIdle();
    expect(await srv.countSubmissions()).toBe(2);
    document.visibilityState = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await delivered(3);
    await settled();

    await completeMany(db, 1);
    timers.fireAll();
    await delivered(4);
    await settled();

    syncer.stop();
    expect(timers.delays()).toEqual([]);
    await completeMany(db, 1);
    window.dispatchEvent(new Event('online'));
    await syncer.whenIdle();
    expect(await srv.countSubmissions()).toBe(4);
  });
});

describe('reconnecting during a failing upload', () => {
  it('tries again as soon as the run ends, not when the backoff timer fires', async () => {
    const { srv, gw, db } = await enrolledBehindGateway('hang');
    await completeMany(db, 2);
    const timers = manualTimers();
    const window = new EventTarget();
    const navigator = { onLine: true };
    const syncer = track(createSyncer({ db, timers, timeoutMs: 400, env: { window, navigator } }));
    syncer.start();
    await vi.waitFor(() => expect(syncer.getStatus().syncing).toBe(true));
    gw.setMode('forward');
    window.dispatchEvent(new Event('online')); // the connection is back while the upload is still hanging
    await vi.waitFor(async () => expect(await srv.countSubmissions()).toBe(2), { timeout: 5_000 });
    await vi.waitFor(() => expect(syncer.getStatus()).toMatchObject({ syncing: false, pending: 0 }));
  });
});

describe('retry backoff', () => {
  it('waits longer after each failure, with jitter, and starts over after a success', async () => {
    const { srv, gw, db } = await enrolledBehindGateway('bad-gateway');
    await completeMany(db, 1);
    const timers = manualTimers();
    const draws = [0.5, 0.5, 0.5, 0.25, 0.999, 0.999, 0.999, 0.999, 0.999, 0.999, 0.5];
    const random = () => draws.shift() ?? 0.5;
    const syncer = track(createSyncer({ db, timers, random, env: {} }));

    const delays: number[] = [];
    syncer.start();
    for (let i = 0; i < 10; i++) {
      await vi.waitFor(() => expect(timers.delays()).toHaveLength(1));
      delays.push(timers.delays()[0]!);
      if (i < 9) timers.fireAll();
    }
    // ceilings 5 s, 10 s, 20 s, 40 s, 80 s, … capped at 10 minutes; each delay a random share of it.
    expect(delays).toEqual([2_500, 5_000, 10_000, 10_000, 79_920, 159_840, 319_680, 599_400, 599_400, 599_400]);
    expect(syncer.getStatus().nextRetryAt).toBeDefined();
    expect(await outboxCounts(db)).toEqual({ pending: 1, rejected: 0 });

    gw.setMode('forward');
    timers.fireAll();
    await vi.waitFor(() => expect(timers.delays()).toEqual([120_000]));
    expect(await srv.countSubmissions()).toBe(1);
    expect(syncer.getStatus().nextRetryAt).toBeUndefined();

    gw.setMode('bad-gateway');
    await completeMany(db, 1);
    timers.fireAll();
    await vi.waitFor(() => expect(timers.delays()).toEqual([2_500])); // back to the first step
  });
});
