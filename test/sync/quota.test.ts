// @vitest-environment node
/**
 * The quota snapshot reaches the device with every sync against the real server: in the reply to
 * an upload, and from GET /api/quota when there is nothing to send, so interviews other devices
 * sent show up here too. A failed fetch keeps the stored snapshot.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getQuotaSnapshot, saveEnrolment } from '../../src/store';
import { createSyncer } from '../../src/sync';
import { validSipasSubmission } from '../server/fixtures';
import { post } from '../server/http';
import { closedPort } from './gateway';
import { completeMany } from './interviews';
import { cleanUp, deviceDb, enrol, enrolledDevice, observedFetch, testServer, track } from './setup';

afterEach(cleanUp);

/** Bố Trạch's citizens in the stored snapshot. */
const boTrach = (snapshot: Awaited<ReturnType<typeof getQuotaSnapshot>>) =>
  snapshot?.groups.find((g) => g.id === 'citizen' && g.questionnaire.id === 'sipas-citizen')?.strata.find((s) => s.value === 'bo-trach');

describe('quota snapshot on the device', () => {
  // Before the 2026 campaign's fieldwork (from 2026-10-01): the snapshot a device gets is the current
  // campaign's, and until then that is the 2021 one (by district, as these interviews are); from
  // then on it is the 2026 one (by commune). Only Date is faked.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-06-01T03:00:00.000Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('is stored from the reply to an upload, counting what was just sent', async () => {
    const { db } = await enrolledDevice();
    await completeMany(db, 3);
    const { fetch, requests } = observedFetch();
    const syncer = track(createSyncer({ db, fetch }));
    expect(await getQuotaSnapshot(db)).toBeUndefined();

    expect(await syncer.syncNow()).toMatchObject({ status: 'ok', acknowledged: 3 });
    const snapshot = await getQuotaSnapshot(db);
    expect(snapshot?.campaignId).toBe('quang-binh-2021');
    expect(boTrach(snapshot)).toMatchObject({ accepted: 3 });
    expect(snapshot?.discrepancies.find((d) => d.scope === 'campaign')).toMatchObject({ declared: 169, computed: 199 });
    // The reply carried it: no separate request for the quota.
    expect(requests.filter((r) => r.url.endsWith('/api/quota'))).toHaveLength(0);
  });

  it('is fetched from GET /api/quota when nothing waits, with what other devices sent since', async () => {
    const { srv, db } = await enrolledDevice();
    const { fetch, requests } = observedFetch();
    const syncer = track(createSyncer({ db, fetch }));

    expect(await syncer.syncNow()).toMatchObject({ status: 'ok', acknowledged: 0 });
    const first = await getQuotaSnapshot(db);
    expect(boTrach(first)).toMatchObject({ accepted: 0, full: false });
    expect(requests.filter((r) => r.url === `${srv.url}/api/quota`)).toHaveLength(1);

    // Another enumerator's tablet sends two interviews in Bố Trạch.
    const other = await srv.enrolDevice('Máy khác');
    const sent = await post(srv, '/api/submissions', { items: [validSipasSubmission({ stratum: 'bo-trach' }), validSipasSubmission({ stratum: 'bo-trach' })] }, { token: other.token });
    expect(sent.status).toBe(200);

    await syncer.syncNow();
    const second = await getQuotaSnapshot(db);
    expect(boTrach(second)).toMatchObject({ accepted: 2 });
    expect(Date.parse(second!.takenAt)).toBeGreaterThanOrEqual(Date.parse(first!.takenAt));
    expect(requests.filter((r) => r.url === `${srv.url}/api/quota`)).toHaveLength(2);
  });

  it('keeps the stored snapshot when the server cannot be reached', async () => {
    const srv = await testServer();
    const db = deviceDb();
    const enrolment = await enrol(db, srv);
    await track(createSyncer({ db })).syncNow();
    const stored = await getQuotaSnapshot(db);
    expect(stored).toBeDefined();

    await saveEnrolment({ ...enrolment, serverUrl: `http://127.0.0.1:${await closedPort()}` }, db);
    await track(createSyncer({ db })).syncNow();
    expect(await getQuotaSnapshot(db)).toEqual(stored);
  });
});
