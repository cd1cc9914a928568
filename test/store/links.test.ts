/**
 * Respondent links on the device: the link's description kept for offline reopening, one
 * self-administered draft per link, completing it queues it with the link's token (and the
 * device's own uploads never pick it up).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LinkInfo } from '../../src/contract';
import { completeInterview, getRecord, InvalidInputError, outboxCounts, pendingLinkSubmissions, pendingSubmissions, startInterview } from '../../src/store';
import { getRespondentLink, noteLinkRefusal, noteLinkStarted, openLinkInterview, saveLinkInfo, unreportedLinkStarts } from '../../src/store/links';
import { completeAnswers, deleteTestDbs, pilotV1, pilotV2, testDb } from './fixtures';

afterEach(deleteTestDbs);

const TOKEN = 'k7qm2xpa9dh4ex0v3b8n6c1rtw';

function linkInfo(overrides: Partial<LinkInfo> = {}): LinkInfo {
  return {
    kind: 'single',
    state: 'opened',
    survey: { id: 'pilot', version: 1, title: pilotV1.title },
    campaign: { id: 'c', title: { vi: 'Đợt thử', en: 'Trial' }, start: '2026-11-01', end: '2026-11-30' },
    group: { id: 'official', label: { vi: 'Cán bộ', en: 'Official' } },
    stratum: { value: 'HUE', label: { vi: 'Huế', en: 'Hue' } },
    remaining: 1,
    quota: { policy: 'continue', target: 10, accepted: 0, full: false },
    startAllowed: true,
    serverTime: '2026-11-23T08:00:00.000Z',
    ...overrides,
  };
}

describe('respondent links on the device', () => {
  it('creates one self-administered draft per link with its group and stratum, and resumes it', async () => {
    const db = testDb();
    await saveLinkInfo(TOKEN, linkInfo(), db);
    const draft = await openLinkInterview({ token: TOKEN, definition: pilotV1, lang: 'vi' }, db);
    expect(draft).toMatchObject({
      status: 'draft',
      surveyId: 'pilot',
      surveyVersion: 1,
      respondentGroup: 'official',
      stratum: 'HUE',
      stratumLabel: { vi: 'Huế', en: 'Hue' },
      mode: 'self',
      linkToken: TOKEN,
    });
    expect((await getRespondentLink(TOKEN, db))?.recordId).toBe(draft.id);

    // Opening again (a reload), even after the server described the link anew: the same draft.
    await saveLinkInfo(TOKEN, linkInfo({ state: 'in_progress' }), db);
    expect(await openLinkInterview({ token: TOKEN, definition: pilotV1, lang: 'en' }, db)).toEqual(draft);
    expect((await db.records.toArray()).map((r) => r.id)).toEqual([draft.id]);
  });

  it('makes one draft when two tabs open the link at once', async () => {
    const db = testDb();
    await saveLinkInfo(TOKEN, linkInfo(), db);
    const [a, b] = await Promise.all([
      openLinkInterview({ token: TOKEN, definition: pilotV1, lang: 'vi' }, db),
      openLinkInterview({ token: TOKEN, definition: pilotV1, lang: 'vi' }, db),
    ]);
    expect(a.id).toBe(b.id);
    expect(await db.records.count()).toBe(1);
  });

  it('refuses a link never described by the server, or a definition that is not the link’s', async () => {
    const db = testDb();
    await expect(openLinkInterview({ token: TOKEN, definition: pilotV1, lang: 'vi' }, db)).rejects.toBeInstanceOf(InvalidInputError);
    await saveLinkInfo(TOKEN, linkInfo(), db);
    await expect(openLinkInterview({ token: TOKEN, definition: pilotV2, lang: 'vi' }, db)).rejects.toBeInstanceOf(InvalidInputError);
    expect(await db.records.count()).toBe(0);
  });

  it('opens a link whose stratum the campaign plans outside the questionnaire’s list, named by the campaign', async () => {
    const db = testDb();
    const label = { vi: 'Xã Hòn La (mới)', en: 'Hòn La commune (new)' };
    await saveLinkInfo(TOKEN, linkInfo({ stratum: { value: 'xa-hon-la', label } }), db);
    const draft = await openLinkInterview({ token: TOKEN, definition: pilotV1, lang: 'vi' }, db);
    expect(draft).toMatchObject({ status: 'draft', stratum: 'xa-hon-la', stratumLabel: label, mode: 'self', linkToken: TOKEN });
  });

  it('queues the completed interview with the link’s token, apart from the device’s own uploads', async () => {
    const db = testDb();
    const own = await startInterview({ definition: pilotV1, respondentGroup: 'citizen', lang: 'vi' }, db);
    await completeInterview(own.id, { answers: completeAnswers }, db);
    await saveLinkInfo(TOKEN, linkInfo(), db);
    const draft = await openLinkInterview({ token: TOKEN, definition: pilotV1, lang: 'vi' }, db);
    const done = await completeInterview(draft.id, { answers: completeAnswers }, db);
    expect(done).toMatchObject({ status: 'completed', mode: 'self', linkToken: TOKEN });

    expect((await pendingSubmissions(10, db)).map((q) => q.record.id)).toEqual([own.id]);
    const viaLink = await pendingLinkSubmissions(10, db);
    expect(viaLink.map((q) => [q.record.id, q.entry.linkToken])).toEqual([[draft.id, TOKEN]]);
    expect(await outboxCounts(db)).toEqual({ pending: 2, rejected: 0 });
    // Reopening the link finds the completed interview, not a new draft.
    expect(await openLinkInterview({ token: TOKEN, definition: pilotV1, lang: 'vi' }, db)).toEqual(await getRecord(draft.id, db));
  });

  it('lists a started interview for reporting once, and not after a refusal', async () => {
    const db = testDb();
    await saveLinkInfo(TOKEN, linkInfo(), db);
    expect(await unreportedLinkStarts(db)).toEqual([]);
    const draft = await openLinkInterview({ token: TOKEN, definition: pilotV1, lang: 'vi' }, db);
    expect(await unreportedLinkStarts(db)).toEqual([{ token: TOKEN, recordId: draft.id }]);
    await noteLinkStarted(TOKEN, '2026-11-23T08:01:00.000Z', db);
    expect(await unreportedLinkStarts(db)).toEqual([]);
    expect((await getRespondentLink(TOKEN, db))?.startedReportedAt).toBe('2026-11-23T08:01:00.000Z');

    const other = 'a'.repeat(26);
    await saveLinkInfo(other, linkInfo(), db);
    await openLinkInterview({ token: other, definition: pilotV1, lang: 'vi' }, db);
    await noteLinkRefusal(other, { code: 'link_revoked', message: 'Revoked' }, db);
    expect(await unreportedLinkStarts(db)).toEqual([]);
    expect((await getRespondentLink(other, db))?.refusal).toMatchObject({ code: 'link_revoked', message: 'Revoked' });
    // The server describing the link again clears the refusal; the draft stays linked.
    await saveLinkInfo(other, linkInfo(), db);
    const again = await getRespondentLink(other, db);
    expect(again?.refusal).toBeUndefined();
    expect(again?.recordId).toBeDefined();
  });
});
