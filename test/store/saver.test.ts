import { afterEach, describe, expect, it } from 'vitest';
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import {
  completeInterview,
  createDraftSaver,
  getRecord,
  RecordFrozenError,
  startInterview,
  SurveyDb,
} from '../../src/store';
import { completeAnswers, deleteTestDbs, pilotV1, testDb } from './fixtures';

afterEach(deleteTestDbs);

/** Counts write requests to the records table (registered before the database opens). */
function countRecordWrites(db: SurveyDb): { readonly count: number } {
  const counter = { count: 0 };
  db.use({
    stack: 'dbcore',
    name: 'countRecordWrites',
    create: (down: DBCore): DBCore => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'records') return table;
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            if (req.type === 'put') counter.count += 1;
            return table.mutate(req);
          },
        };
      },
    }),
  });
  return counter;
}

const start = (db: SurveyDb) => startInterview({ definition: pilotV1, respondentGroup: 'citizen', lang: 'vi' }, db);

describe('createDraftSaver', () => {
  it('coalesces rapid saves into few writes; the stored state is the last patch', async () => {
    const db = testDb();
    const writes = countRecordWrites(db);
    const { id } = await start(db);
    const saver = createDraftSaver(id, db);

    const saves = Array.from({ length: 50 }, (_, i) =>
      saver.save({ answers: { hasJob: 'no', comment: `note ${i}` }, sectionTimes: { household: i * 100 } }),
    );
    await saver.flush();
    expect(writes.count).toBeGreaterThan(0);
    expect(writes.count).toBeLessThanOrEqual(3);
    expect(await getRecord(id, db)).toMatchObject({
      answers: { hasJob: 'no', comment: 'note 49' },
      sectionTimes: { household: 4900 },
    });
    await expect(Promise.all(saves)).resolves.toBeDefined();
  });

  it('merges patches field by field, latest wins', async () => {
    const db = testDb();
    const { id } = await start(db);
    const saver = createDraftSaver(id, db);
    void saver.save({ answers: { hasJob: 'yes' } });
    void saver.save({ currentSectionId: 'services', lang: 'en' });
    void saver.save({ answers: { hasJob: 'no' } });
    await saver.flush();
    expect(await getRecord(id, db)).toMatchObject({ answers: { hasJob: 'no' }, currentSectionId: 'services', lang: 'en' });
  });

  it('flush waits for the write in flight and resolves at once when nothing is pending', async () => {
    const db = testDb();
    const { id } = await start(db);
    const saver = createDraftSaver(id, db);
    await saver.flush();
    void saver.save({ answers: { hasJob: 'no' } });
    await saver.flush();
    expect((await getRecord(id, db))?.answers).toEqual({ hasJob: 'no' });
    // save() itself resolves once its patch is durably written.
    await saver.save({ currentSectionId: 'services' });
    expect((await getRecord(id, db))?.currentSectionId).toBe('services');
  });

  it('keeps a patch whose write failed and writes it on the next flush', async () => {
    const name = `saver-fail-${Math.random()}`;
    const db = testDb(name);
    const { id } = await start(db);
    const saver = createDraftSaver(id, db);
    await saver.save({ answers: { hasJob: 'yes' } });

    db.close(); // the write under the saver now fails
    await expect(saver.save({ answers: { hasJob: 'no' }, sectionTimes: { household: 12 } })).rejects.toThrow();
    await expect(saver.flush()).rejects.toThrow(); // still pending, still failing

    await db.open();
    expect((await getRecord(id, db))?.answers).toEqual({ hasJob: 'yes' });
    await saver.flush();
    const other = testDb(name); // as after a reload
    expect(await getRecord(id, other)).toMatchObject({ answers: { hasJob: 'no' }, sectionTimes: { household: 12 } });
  });

  it('merges a patch that arrives during a failing write with the failed one', async () => {
    const db = testDb();
    const { id } = await start(db);
    const saver = createDraftSaver(id, db);
    db.close();
    const first = saver.save({ answers: { hasJob: 'no' } });
    const second = saver.save({ currentSectionId: 'services' });
    await expect(first).rejects.toThrow();
    await expect(second).rejects.toThrow();
    await db.open();
    await saver.save({ sectionTimes: { household: 3 } });
    expect(await getRecord(id, db)).toMatchObject({
      answers: { hasJob: 'no' },
      currentSectionId: 'services',
      sectionTimes: { household: 3 },
    });
  });

  it('surfaces RecordFrozenError once the interview is completed', async () => {
    const db = testDb();
    const { id } = await start(db);
    await completeInterview(id, { answers: completeAnswers }, db);
    const saver = createDraftSaver(id, db);
    await expect(saver.save({ answers: { hasJob: 'yes' } })).rejects.toBeInstanceOf(RecordFrozenError);
    await expect(saver.flush()).rejects.toBeInstanceOf(RecordFrozenError);
  });
});
