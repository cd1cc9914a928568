import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { getRecord, outboxCounts, pendingSubmissions, type InterviewRecord } from '../../src/store';
import { completeAnswers, deleteTestDbs, testDb } from './fixtures';

afterEach(deleteTestDbs);

/** A database as the first app version (schema version 1 only) left it. */
async function versionOneDb(name: string, records: InterviewRecord[]): Promise<void> {
  const old = new Dexie(name);
  old.version(1).stores({ records: 'id, status, updatedAt, [surveyId+surveyVersion]', definitions: '[id+version]' });
  await old.table('records').bulkAdd(records);
  old.close();
}

const record = (id: string, status: InterviewRecord['status'], completedAt?: string): InterviewRecord => ({
  id,
  surveyId: 'pilot',
  surveyVersion: 1,
  respondentGroup: 'citizen',
  status,
  lang: 'vi',
  answers: status === 'completed' ? completeAnswers : {},
  currentSectionId: 'services',
  sectionTimes: {},
  progress: { answered: 2, total: 3 },
  startedAt: '2026-11-01T08:00:00.000Z',
  updatedAt: completedAt ?? '2026-11-01T08:30:00.000Z',
  ...(completedAt ? { completedAt } : {}),
  formatVersion: 1,
});

describe('schema version 2', () => {
  it('queues the completed interviews a version 1 database holds, oldest first, and keeps every record', async () => {
    const name = `upgrade-${Math.random()}`;
    const later = record('b0000000-0000-4000-8000-000000000002', 'completed', '2026-11-01T10:00:00.000Z');
    const earlier = record('a0000000-0000-4000-8000-000000000001', 'completed', '2026-11-01T09:00:00.000Z');
    const draft = record('c0000000-0000-4000-8000-000000000003', 'draft');
    await versionOneDb(name, [later, earlier, draft]);

    const db = testDb(name);
    await db.open();
    expect(db.verno).toBe(2);
    expect(await outboxCounts(db)).toEqual({ pending: 2, rejected: 0 });
    const queued = await pendingSubmissions(10, db);
    expect(queued.map((q) => q.record.id)).toEqual([earlier.id, later.id]);
    expect(queued[0]?.entry).toEqual({ id: earlier.id, queuedAt: earlier.completedAt, attempts: 0, state: 'pending' });
    expect(await getRecord(draft.id, db)).toEqual(draft);
    expect(await getRecord(later.id, db)).toEqual(later);
  });
});
