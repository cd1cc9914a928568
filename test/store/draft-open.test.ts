/**
 * Drafts and the question that records the stratum: filled when the draft starts (by the
 * enumerator or through a respondent's link), kept equal to the stratum when saved and completed,
 * and aligned when a draft begun before the link opens, without losing the draft. And a draft in
 * which nothing was answered is not kept when the enumerator leaves it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LinkInfo } from '../../src/contract';
import {
  alignDraftStratum,
  cacheDefinition,
  completeInterview,
  discardIfUnanswered,
  getRecord,
  saveDraft,
  startInterview,
  type SurveyDb,
} from '../../src/store';
import { openLinkInterview, saveLinkInfo } from '../../src/store/links';
import type { Definition } from '../../src/survey';
import { completeAnswers, deleteTestDbs, pilotV1, testDb } from './fixtures';

afterEach(deleteTestDbs);

/** pilotV1 asking officials their province again, the question linked to the stratum. */
function withProvinceQuestion(linked: boolean): Definition {
  const [first, ...rest] = pilotV1.sections;
  const province = {
    id: 'province',
    type: 'single' as const,
    label: { vi: 'Tỉnh', en: 'Province' },
    optionsFrom: 'provinces',
    required: true,
    ...(linked ? { fromStratum: true } : {}),
  };
  return {
    ...pilotV1,
    respondentGroups: [{ id: 'official', label: { vi: 'Cán bộ', en: 'Official' }, stratumList: 'provinces' }],
    sections: [{ ...first!, questions: [province, ...first!.questions] }, ...rest],
  };
}
const linked = withProvinceQuestion(true);

const startHue = (db: SurveyDb, definition = linked) => startInterview({ definition, respondentGroup: 'official', stratum: 'HUE', lang: 'vi' }, db);

describe('the answer that records the stratum', () => {
  it('is filled when the draft starts, and counts as answered', async () => {
    const db = testDb();
    const record = await startHue(db);
    expect(record.answers).toEqual({ province: 'HUE' });
    expect(record.progress).toEqual({ answered: 1, total: 4 });
    expect((await getRecord(record.id, db))?.answers).toEqual({ province: 'HUE' });
  });

  it('is filled for a respondent’s link too, from the link’s stratum', async () => {
    const db = testDb();
    const token = 'k7qm2xpa9dh4ex0v3b8n6c1rtw';
    const info: LinkInfo = {
      kind: 'single',
      state: 'opened',
      survey: { id: 'pilot', version: 1, title: linked.title },
      campaign: { id: 'c', title: { vi: 'Đợt thử', en: 'Trial' }, start: '2026-11-01', end: '2026-11-30' },
      group: { id: 'official', label: { vi: 'Cán bộ', en: 'Official' } },
      stratum: { value: 'HN', label: { vi: 'Hà Nội', en: 'Hanoi' } },
      remaining: 1,
      quota: { policy: 'continue', target: 10, accepted: 0, full: false },
      startAllowed: true,
      serverTime: '2026-11-23T08:00:00.000Z',
    };
    await saveLinkInfo(token, info, db);
    const draft = await openLinkInterview({ token, definition: linked, lang: 'vi' }, db);
    expect(draft.answers).toEqual({ province: 'HN' });
    // Tied to its link: never discarded for being unanswered.
    expect(await discardIfUnanswered(draft.id, db)).toBe(false);
  });

  it('stays the stratum when a draft is saved or completed with another answer', async () => {
    const db = testDb();
    const record = await startHue(db);
    expect((await saveDraft(record.id, { answers: { province: 'HN', hasJob: 'no' } }, db)).answers).toEqual({ province: 'HUE', hasJob: 'no' });
    expect((await saveDraft(record.id, { answers: { hasJob: 'no' } }, db)).answers).toEqual({ province: 'HUE', hasJob: 'no' });
    const done = await completeInterview(record.id, { answers: { ...completeAnswers, province: 'HN' } }, db);
    expect(done.answers).toEqual({ ...completeAnswers, province: 'HUE' });
  });

  it('of a draft begun before the link: set to the stratum when it opens, the draft and its other answers kept, the earlier answer told', async () => {
    const db = testDb();
    // Begun with the same version before it linked the question: the enumerator chose Hà Nội there.
    const old = await startHue(db, withProvinceQuestion(false));
    await saveDraft(old.id, { answers: { province: 'HN', hasJob: 'yes', jobSector: 'farming' } }, db);
    // The app now ships that version with the link.
    await cacheDefinition(linked, db);
    const { record, replaced } = await alignDraftStratum(old.id, db);
    expect(replaced).toEqual({ questionId: 'province', previous: 'HN' });
    expect(record.answers).toEqual({ province: 'HUE', hasJob: 'yes', jobSector: 'farming' });
    expect(await getRecord(old.id, db)).toMatchObject({ status: 'draft', stratum: 'HUE', answers: record.answers });
    // Once aligned, opening again changes nothing and tells nothing.
    const again = await alignDraftStratum(old.id, db);
    expect(again.replaced).toBeUndefined();
    expect(again.record).toEqual(record);
  });

  it('of a draft begun before the link with no answer there: filled silently', async () => {
    const db = testDb();
    const old = await startHue(db, withProvinceQuestion(false));
    await cacheDefinition(linked, db);
    const { record, replaced } = await alignDraftStratum(old.id, db);
    expect(replaced).toBeUndefined();
    expect(record.answers).toEqual({ province: 'HUE' });
  });
});

describe('leaving a draft', () => {
  it('discards a draft with no answer, even one with the answer filled from its stratum', async () => {
    const db = testDb();
    const plain = await startInterview({ definition: pilotV1, respondentGroup: 'citizen', lang: 'vi' }, db);
    const filled = await startHue(db);
    expect(await discardIfUnanswered(plain.id, db)).toBe(true);
    expect(await discardIfUnanswered(filled.id, db)).toBe(true);
    expect(await getRecord(plain.id, db)).toBeUndefined();
    expect(await getRecord(filled.id, db)).toBeUndefined();
    expect(await discardIfUnanswered(plain.id, db)).toBe(false);
  });

  it('keeps a draft with any answer and a completed interview', async () => {
    const db = testDb();
    const answered = await startHue(db);
    await saveDraft(answered.id, { answers: { province: 'HUE', hasJob: 'no' } }, db);
    const done = await startHue(db);
    await completeInterview(done.id, { answers: completeAnswers }, db);
    for (const id of [answered.id, done.id]) expect(await discardIfUnanswered(id, db)).toBe(false);
    expect((await getRecord(answered.id, db))?.status).toBe('draft');
    expect((await getRecord(done.id, db))?.status).toBe('completed');
    // A draft whose stratum answer says another area (begun before the link) holds an answer given.
    const before = testDb();
    const old = await startHue(before, withProvinceQuestion(false));
    await saveDraft(old.id, { answers: { province: 'HN' } }, before);
    await cacheDefinition(linked, before);
    expect(await discardIfUnanswered(old.id, before)).toBe(false);
    expect((await getRecord(old.id, before))?.answers).toEqual({ province: 'HN' });
  });
});
