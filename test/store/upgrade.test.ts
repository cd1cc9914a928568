import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { getRecord, outboxCounts, pendingSubmissions, recentCompleted, unsentCounts, type InterviewRecord, type OutboxEntry } from '../../src/store';
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

describe('schema versions 2 and 3', () => {
  it('queues the completed interviews a version 1 database holds, oldest first, and keeps every record', async () => {
    const name = `upgrade-${Math.random()}`;
    const later = record('b0000000-0000-4000-8000-000000000002', 'completed', '2026-11-01T10:00:00.000Z');
    const earlier = record('a0000000-0000-4000-8000-000000000001', 'completed', '2026-11-01T09:00:00.000Z');
    const draft = record('c0000000-0000-4000-8000-000000000003', 'draft');
    await versionOneDb(name, [later, earlier, draft]);

    const db = testDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await outboxCounts(db)).toEqual({ pending: 2, rejected: 0 });
    const queued = await pendingSubmissions(10, db);
    expect(queued.map((q) => q.record.id)).toEqual([earlier.id, later.id]);
    expect(queued[0]?.entry).toEqual({ id: earlier.id, queuedAt: earlier.completedAt, attempts: 0, state: 'pending', quotaKey: ['pilot', 'citizen', ''] });
    expect(await getRecord(draft.id, db)).toEqual(draft);
    expect(await getRecord(later.id, db)).toEqual(later);
  });
});

/** A database as the second app version (schema version 2) left it: an outbox without quota keys. */
async function versionTwoDb(name: string, records: InterviewRecord[], outbox: OutboxEntry[]): Promise<void> {
  const old = new Dexie(name);
  old.version(1).stores({ records: 'id, status, updatedAt, [surveyId+surveyVersion]', definitions: '[id+version]' });
  old.version(2).stores({ outbox: 'id, state, [state+queuedAt]', meta: 'key' });
  await old.table('records').bulkAdd(records);
  await old.table('outbox').bulkAdd(outbox);
  old.close();
}

describe('schema version 3', () => {
  it('gives every queued interview its quota key, keeps refusals, and lists completed interviews newest first', async () => {
    const name = `upgrade-${Math.random()}`;
    const inHue = { ...record('a0000000-0000-4000-8000-000000000001', 'completed', '2026-11-01T09:00:00.000Z'), respondentGroup: 'official', stratum: 'HUE' };
    const refused = record('b0000000-0000-4000-8000-000000000002', 'completed', '2026-11-01T10:00:00.000Z');
    const sent = { ...record('c0000000-0000-4000-8000-000000000003', 'completed', '2026-11-01T11:00:00.000Z'), syncedAt: '2026-11-01T11:05:00.000Z' };
    const draft = record('d0000000-0000-4000-8000-000000000004', 'draft');
    const rejection = { code: 'unknown_version', message: 'no such version', at: '2026-11-01T10:30:00.000Z' };
    await versionTwoDb(
      name,
      [inHue, refused, sent, draft],
      [
        { id: inHue.id, queuedAt: inHue.completedAt!, attempts: 2, state: 'pending' },
        { id: refused.id, queuedAt: refused.completedAt!, attempts: 1, state: 'rejected', rejection },
      ],
    );

    const db = testDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.outbox.get(inHue.id)).toEqual({ id: inHue.id, queuedAt: inHue.completedAt, attempts: 2, state: 'pending', quotaKey: ['pilot', 'official', 'HUE'] });
    expect(await db.outbox.get(refused.id)).toEqual({ id: refused.id, queuedAt: refused.completedAt, attempts: 1, state: 'rejected', rejection, quotaKey: ['pilot', 'citizen', ''] });
    expect(await unsentCounts(db)).toEqual(
      expect.arrayContaining([
        { surveyId: 'pilot', respondentGroup: 'official', stratum: 'HUE', count: 1 },
        { surveyId: 'pilot', respondentGroup: 'citizen', stratum: undefined, count: 1 },
      ]),
    );
    expect(await recentCompleted(10, db)).toEqual({ records: [sent, refused, inHue], total: 3 });
    expect(await getRecord(draft.id, db)).toEqual(draft);
  });
});
