import { afterEach, describe, expect, it } from 'vitest';
import { clearEnrolment, getEnrolment, getSyncState, saveEnrolment, saveSyncState } from '../../src/store';
import { deleteTestDbs, testDb } from './fixtures';

afterEach(deleteTestDbs);

const enrolment = { serverUrl: 'http://10.0.0.2:8080', deviceId: 'd1', name: 'Máy 1', token: 't'.repeat(40), enrolledAt: '2026-11-01T00:00:00.000Z' };

describe('device settings', () => {
  it('keeps the enrolment across a reload until cleared', async () => {
    const name = `meta-${Math.random()}`;
    const db = testDb(name);
    expect(await getEnrolment(db)).toBeUndefined();
    await saveEnrolment(enrolment, db);
    db.close();
    const reloaded = testDb(name);
    expect(await getEnrolment(reloaded)).toEqual(enrolment);
    await clearEnrolment(reloaded);
    expect(await getEnrolment(reloaded)).toBeUndefined();
  });

  it('merges sync state changes; undefined removes a field', async () => {
    const db = testDb();
    expect(await getSyncState(db)).toEqual({});
    const error = { code: 'network', message: 'fetch failed', at: '2026-11-02T09:00:00.000Z' };
    await saveSyncState({ lastAttemptAt: '2026-11-02T09:00:00.000Z', lastError: error }, db);
    expect(await saveSyncState({ lastSuccessAt: '2026-11-02T09:10:00.000Z', lastError: undefined }, db)).toEqual({
      lastAttemptAt: '2026-11-02T09:00:00.000Z',
      lastSuccessAt: '2026-11-02T09:10:00.000Z',
    });
    expect(await getSyncState(db)).toEqual({ lastAttemptAt: '2026-11-02T09:00:00.000Z', lastSuccessAt: '2026-11-02T09:10:00.000Z' });
  });
});
