import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  cacheDefinition,
  completeInterview,
  discardDraft,
  discardIfUnanswered,
  getDefinition,
  getRecord,
  InvalidInputError,
  listRecords,
  RecordFrozenError,
  RecordNotFoundError,
  saveDraft,
  startInterview,
  SurveyDb,
} from '../../src/store';
import { completeAnswers, deleteTestDbs, pilotV1, pilotV2, testDb } from './fixtures';

afterEach(async () => {
  vi.useRealTimers();
  await deleteTestDbs();
});

const start = (db: SurveyDb) =>
  startInterview({ definition: pilotV1, respondentGroup: 'citizen', stratum: 'hanoi', lang: 'vi' }, db);

describe('startInterview', () => {
  it('creates a draft at the first section and caches its definition', async () => {
    const db = testDb();
    const record = await start(db);
    expect(record).toMatchObject({
      surveyId: 'pilot',
      surveyVersion: 1,
      respondentGroup: 'citizen',
      stratum: 'hanoi',
      status: 'draft',
      lang: 'vi',
      answers: {},
      currentSectionId: 'household',
      sectionTimes: {},
      progress: { answered: 0, total: 3 },
      formatVersion: 1,
    });
    expect(record.updatedAt).toBe(record.startedAt);
    expect(await getRecord(record.id, db)).toEqual(record);
    expect(await getDefinition('pilot', 1, db)).toEqual(pilotV1);
  });

  it('starts with each question’s default, a date’s "today" being the device’s date', async () => {
    vi.useFakeTimers({ now: new Date(2026, 11, 7, 9, 30), toFake: ['Date'] });
    const db = testDb();
    const household = pilotV1.sections[0]!;
    const withDefaults = {
      ...pilotV1,
      sections: [
        {
          ...household,
          questions: [
            { ...household.questions[0]!, default: 'yes' } as (typeof household.questions)[number],
            ...household.questions.slice(1),
            { id: 'visited', type: 'date' as const, label: { vi: 'Ngày', en: 'Date' }, default: 'today' as const },
            { id: 'people', type: 'integer' as const, label: { vi: 'Số người', en: 'People' }, default: 4 },
          ],
        },
        ...pilotV1.sections.slice(1),
      ],
    };
    const record = await startInterview({ definition: withDefaults, respondentGroup: 'citizen', lang: 'vi' }, db);
    expect(record.answers).toEqual({ hasJob: 'yes', visited: '2026-12-07', people: 4 });
    // Nobody answered anything yet: leaving it discards it.
    expect(await discardIfUnanswered(record.id, db)).toBe(true);
  });

  it('leaves stratum out when none is given, and refuses an unknown respondent group', async () => {
    const db = testDb();
    const record = await startInterview({ definition: pilotV1, respondentGroup: 'citizen', lang: 'en' }, db);
    expect('stratum' in record).toBe(false);
    await expect(
      startInterview({ definition: pilotV1, respondentGroup: 'farmer', lang: 'en' }, db),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(await listRecords(db)).toHaveLength(1);
  });

  it("keeps the stratum's label from the group's list, and refuses a stratum not in it", async () => {
    const db = testDb();
    const record = await startInterview({ definition: pilotV1, respondentGroup: 'official', stratum: 'HUE', lang: 'vi' }, db);
    expect(record).toMatchObject({ stratum: 'HUE', stratumLabel: { vi: 'Huế', en: 'Hue' } });
    await expect(
      startInterview({ definition: pilotV1, respondentGroup: 'official', stratum: 'XX', lang: 'vi' }, db),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe('saveDraft', () => {
  it('restores answers, section and times after a reload (a new database instance)', async () => {
    const name = `reload-${Math.random()}`;
    const db = testDb(name);
    const { id } = await start(db);
    const saved = await saveDraft(
      id,
      {
        answers: { hasJob: 'yes', jobSector: 'services', satisfied: 'no', comment: 'Chờ lâu quá' },
        currentSectionId: 'services',
        sectionTimes: { household: 41_250, services: 9_000 },
        lang: 'en',
      },
      db,
    );
    db.close();

    const reloaded = testDb(name);
    const restored = await getRecord(id, reloaded);
    expect(restored).toEqual(saved);
    expect(restored?.answers).toEqual({ hasJob: 'yes', jobSector: 'services', satisfied: 'no', comment: 'Chờ lâu quá' });
    expect(restored?.currentSectionId).toBe('services');
    expect(restored?.sectionTimes).toEqual({ household: 41_250, services: 9_000 });
    expect(restored?.lang).toBe('en');
    expect(restored?.progress).toEqual({ answered: 4, total: 4 });
  });

  it('drops answers to hidden questions and recomputes progress', async () => {
    const db = testDb();
    const { id } = await start(db);
    await saveDraft(id, { answers: { hasJob: 'yes', jobSector: 'farming' } }, db);
    const saved = await saveDraft(id, { answers: { hasJob: 'no', jobSector: 'farming', unknownQ: 'x' } }, db);
    expect(saved.answers).toEqual({ hasJob: 'no' });
    expect(saved.progress).toEqual({ answered: 1, total: 3 });
    expect((await getRecord(id, db))?.answers).toEqual({ hasJob: 'no' });
  });

  it('changes only the fields given', async () => {
    const db = testDb();
    const { id } = await start(db);
    await saveDraft(id, { answers: { hasJob: 'no' }, sectionTimes: { household: 5 } }, db);
    const saved = await saveDraft(id, { currentSectionId: 'services' }, db);
    expect(saved).toMatchObject({ answers: { hasJob: 'no' }, sectionTimes: { household: 5 }, currentSectionId: 'services' });
  });

  it('updates updatedAt, and listRecords puts the most recently updated first', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const db = testDb();
    vi.setSystemTime(new Date('2025-03-01T08:00:00Z'));
    const a = await start(db);
    vi.setSystemTime(new Date('2025-03-01T09:00:00Z'));
    const b = await start(db);
    vi.setSystemTime(new Date('2025-03-01T10:00:00Z'));
    const saved = await saveDraft(a.id, { answers: { hasJob: 'no' } }, db);
    expect(saved.updatedAt).toBe('2025-03-01T10:00:00.000Z');
    expect(saved.startedAt).toBe('2025-03-01T08:00:00.000Z');
    expect((await listRecords(db)).map((r) => r.id)).toEqual([a.id, b.id]);
  });

  it('throws RecordNotFoundError for an unknown id and InvalidInputError for an unknown section', async () => {
    const db = testDb();
    const { id } = await start(db);
    await expect(saveDraft('no-such-id', { answers: {} }, db)).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(saveDraft(id, { currentSectionId: 'nowhere' }, db)).rejects.toBeInstanceOf(InvalidInputError);
    expect((await getRecord(id, db))?.currentSectionId).toBe('household');
  });

  it('keeps fields it does not know (written by a newer app version)', async () => {
    const db = testDb();
    const record = await start(db);
    const future = { ...record, gps: { lat: 21.03, lng: 105.85 }, reviewNote: 'checked' };
    await db.table('records').put(future);
    const saved = await saveDraft(record.id, { answers: { hasJob: 'no' } }, db);
    expect(saved).toMatchObject({ gps: { lat: 21.03, lng: 105.85 }, reviewNote: 'checked' });
    expect(await getRecord(record.id, db)).toMatchObject({
      answers: { hasJob: 'no' },
      gps: { lat: 21.03, lng: 105.85 },
      reviewNote: 'checked',
    });
    const done = await completeInterview(record.id, { answers: completeAnswers }, db);
    expect(done).toMatchObject({ status: 'completed', reviewNote: 'checked' });
  });

  it('keeps the definition version a draft was started with after a newer one is cached', async () => {
    const db = testDb();
    const { id } = await start(db);
    await cacheDefinition(pilotV2, db);
    expect(await getDefinition('pilot', 2, db)).toEqual(pilotV2);
    expect(await getDefinition('pilot', 1, db)).toEqual(pilotV1);

    const saved = await saveDraft(id, { answers: { hasJob: 'no', satisfied: 'yes' } }, db);
    expect(saved.surveyVersion).toBe(1);
    expect(saved.progress).toEqual({ answered: 2, total: 3 }); // v2 would count 4 questions
    // v2's new required question does not block completing a v1 interview.
    const done = await completeInterview(id, {}, db);
    expect(done).toMatchObject({ status: 'completed', surveyVersion: 1 });
  });
});

describe('discardDraft', () => {
  it('deletes a draft', async () => {
    const db = testDb();
    const { id } = await start(db);
    await discardDraft(id, db);
    expect(await getRecord(id, db)).toBeUndefined();
    await expect(discardDraft(id, db)).rejects.toBeInstanceOf(RecordNotFoundError);
  });

  it('refuses a completed interview and keeps it', async () => {
    const db = testDb();
    const { id } = await start(db);
    await completeInterview(id, { answers: completeAnswers }, db);
    await expect(discardDraft(id, db)).rejects.toBeInstanceOf(RecordFrozenError);
    expect((await getRecord(id, db))?.status).toBe('completed');
  });
});
