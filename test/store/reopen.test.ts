/**
 * IndexedDB closed under the app, as iOS does under memory pressure: the connection closes
 * (with or without its `close` event), even in the middle of a transaction. Nothing is lost: the
 * store reopens and the command or the draft saver's write goes through. The first two cases are
 * Dexie 4's own reopening; the aborted-transaction cases need the store's withDb retry.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import {
  completeInterview,
  createDraftSaver,
  getRecord,
  outboxCounts,
  saveDraft,
  startInterview,
  SurveyDb,
} from '../../src/store';
import { completeAnswers, deleteTestDbs, pilotV1, testDb } from './fixtures';

afterEach(deleteTestDbs);

const start = (db: SurveyDb) => startInterview({ definition: pilotV1, respondentGroup: 'citizen', lang: 'vi' }, db);

/** What the browser does when it drops the connection: closes it, then fires `close` at it. */
function dropConnection(db: SurveyDb, { fireClose = true } = {}): void {
  const idb = db.backendDB();
  idb.close();
  if (fireClose) idb.onclose?.call(idb, new Event('close'));
}

/**
 * Arms a forced close in the middle of the next write to `records`: the running transaction is
 * aborted (as a browser aborts it when it closes a connection), then the connection is dropped.
 * Registered before the database opens (a Dexie middleware), like the counter in saver.test.ts.
 */
function closeMidWrite(db: SurveyDb): { arm(): void; readonly fired: number } {
  let armed = false;
  let fired = 0;
  db.use({
    stack: 'dbcore',
    name: 'closeMidWrite',
    create: (down: DBCore): DBCore => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'records') return table;
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            const result = table.mutate(req);
            if (armed) {
              armed = false;
              fired += 1;
              (req.trans as unknown as IDBTransaction).abort();
              dropConnection(db);
            }
            return result;
          },
        };
      },
    }),
  });
  return {
    arm: () => void (armed = true),
    get fired() {
      return fired;
    },
  };
}

describe('the store when IndexedDB is closed under it', () => {
  it('saves the next answer after the browser closed the connection with a close event', async () => {
    const db = testDb();
    const { id } = await start(db);
    await saveDraft(id, { answers: { hasJob: 'yes' } }, db);
    dropConnection(db);
    expect(db.isOpen()).toBe(false);
    await saveDraft(id, { answers: { hasJob: 'yes', jobSector: 'farming' }, currentSectionId: 'services' }, db);
    expect(db.isOpen()).toBe(true);
    expect(await getRecord(id, db)).toMatchObject({ answers: { hasJob: 'yes', jobSector: 'farming' }, currentSectionId: 'services' });
  });

  it('saves the next answer after the connection closed silently (no close event, as Safari)', async () => {
    const db = testDb();
    const { id } = await start(db);
    dropConnection(db, { fireClose: false });
    await saveDraft(id, { answers: { hasJob: 'no' } }, db);
    expect((await getRecord(id, db))?.answers).toEqual({ hasJob: 'no' });
  });

  it('retries a save whose transaction the closing connection aborted', async () => {
    const db = testDb();
    const killer = closeMidWrite(db);
    const { id } = await start(db);
    killer.arm();
    const saved = await saveDraft(id, { answers: { hasJob: 'no', comment: 'mid-write' } }, db);
    expect(killer.fired).toBe(1);
    expect(saved.answers).toEqual({ hasJob: 'no', comment: 'mid-write' });
    // A fresh connection (the app after a reload) sees the answer.
    const reopened = testDb(db.name);
    expect((await getRecord(id, reopened))?.answers).toEqual({ hasJob: 'no', comment: 'mid-write' });
  });

  it('loses nothing from the draft saver when the connection drops during an interview', async () => {
    const db = testDb();
    const killer = closeMidWrite(db);
    const { id } = await start(db);
    const saver = createDraftSaver(id, db);
    await saver.save({ answers: { hasJob: 'yes' } });
    killer.arm();
    const during = saver.save({ answers: { hasJob: 'yes', jobSector: 'services' }, currentSectionId: 'services' });
    const after = saver.save({ answers: { hasJob: 'yes', jobSector: 'services', satisfied: 'no' }, sectionTimes: { household: 4000 } });
    await expect(Promise.all([during, after])).resolves.toBeDefined();
    dropConnection(db); // and once more between answers
    await saver.save({ answers: { hasJob: 'yes', jobSector: 'services', satisfied: 'no', comment: 'ok' } });
    await saver.flush();
    expect(killer.fired).toBe(1);
    const reopened = testDb(db.name);
    expect(await getRecord(id, reopened)).toMatchObject({
      answers: { hasJob: 'yes', jobSector: 'services', satisfied: 'no', comment: 'ok' },
      currentSectionId: 'services',
      sectionTimes: { household: 4000 },
    });
  });

  it('completes an interview (record and outbox entry together) across a dropped connection', async () => {
    const db = testDb();
    const killer = closeMidWrite(db);
    const { id } = await start(db);
    killer.arm();
    const done = await completeInterview(id, { answers: completeAnswers }, db);
    expect(killer.fired).toBe(1);
    expect(done.status).toBe('completed');
    expect(await outboxCounts(db)).toEqual({ pending: 1, rejected: 0 });
  });

  it('does not retry an error that is not a lost connection', async () => {
    const db = testDb();
    await expect(saveDraft('no-such-id', { answers: {} }, db)).rejects.toMatchObject({ code: 'notFound' });
  });
});
