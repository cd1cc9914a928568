/** The quota snapshot kept on the device (newest wins, survives a reload) and the unsent interviews counted per group and stratum. */
import { afterEach, describe, expect, it } from 'vitest';
import { acknowledgeSubmissions, getQuotaSnapshot, rejectSubmission, saveQuotaSnapshot, startInterview, unsentCounts } from '../../src/store';
import type { QuotaSnapshot } from '../../src/contract';
import { completeSipas, sipas } from '../sync/interviews';
import { deleteTestDbs, testDb } from './fixtures';

afterEach(deleteTestDbs);

const snapshot = (takenAt: string, accepted: number, campaignId = 'quang-binh-2021'): QuotaSnapshot => ({
  campaignId,
  title: { vi: 'Đợt thử', en: 'Test campaign' },
  start: '2021-11-01',
  end: '2021-11-30',
  status: 'running',
  takenAt,
  groups: [
    {
      id: 'citizen',
      label: { vi: 'Người dân', en: 'Citizens' },
      policy: 'stop',
      questionnaire: { id: 'sipas-citizen', version: 1 },
      target: 5,
      accepted,
      over: 0,
      full: false,
      strata: [{ value: 'bo-trach', label: { vi: 'Bố Trạch', en: 'Bố Trạch' }, target: 5, accepted, over: 0, full: false }],
    },
  ],
  discrepancies: [],
});

describe('quota snapshot', () => {
  it('is kept across a reload; an older reply arriving late does not replace a newer one', async () => {
    const name = `quota-${Math.random()}`;
    const db = testDb(name);
    expect(await getQuotaSnapshot(db)).toBeUndefined();
    expect(await saveQuotaSnapshot(snapshot('2021-11-12T03:00:00.000Z', 2), db)).toBe(true);
    expect(await saveQuotaSnapshot(snapshot('2021-11-12T02:59:00.000Z', 1), db)).toBe(false);
    db.close();
    const reloaded = testDb(name);
    expect((await getQuotaSnapshot(reloaded))?.groups[0]?.accepted).toBe(2);
    expect(await saveQuotaSnapshot(snapshot('2021-11-12T03:05:00.000Z', 3), reloaded)).toBe(true);
    expect((await getQuotaSnapshot(reloaded))?.takenAt).toBe('2021-11-12T03:05:00.000Z');
    // Another campaign replaces it whatever its time.
    expect(await saveQuotaSnapshot(snapshot('2021-01-01T00:00:00.000Z', 0, 'other'), reloaded)).toBe(true);
    expect((await getQuotaSnapshot(reloaded))?.campaignId).toBe('other');
  });
});

describe('unsent interviews per group and stratum', () => {
  it('counts completed interviews until the server acknowledges them, refused ones included; drafts never', async () => {
    const db = testDb();
    await startInterview({ definition: sipas, respondentGroup: 'citizen', stratum: 'bo-trach', lang: 'vi' }, db);
    expect(await unsentCounts(db)).toEqual([]);
    const [a, b, c] = [await completeSipas(db), await completeSipas(db), await completeSipas(db)];
    await rejectSubmission(c.id, { code: 'invalid_answers', message: 'no' }, db);
    expect(await unsentCounts(db)).toEqual([{ surveyId: 'sipas-citizen', respondentGroup: 'citizen', stratum: 'bo-trach', count: 3 }]);
    await acknowledgeSubmissions([a.id, b.id], '2021-11-12T03:00:00.000Z', db);
    expect(await unsentCounts(db)).toEqual([{ surveyId: 'sipas-citizen', respondentGroup: 'citizen', stratum: 'bo-trach', count: 1 }]);
  });
});
