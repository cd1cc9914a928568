// @vitest-environment node
/**
 * Group commit: batches arriving together share one transaction, each caller answered only after
 * it commits, with its own results; a group that fails is written again piece by piece so only the
 * failing piece fails. Checked on the mechanism alone, then on both databases with device batches
 * that overlap (one row per id, counters and scores once, each device's last contact).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Submission } from '../../src/contract';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { GroupCommit } from '../../src/server/ingest/group-commit';
import { ingestItems } from '../../src/server/ingest/ingest';
import { totalsAgree } from '../../src/server/scores/backfill';
import { CAMPAIGN_ID } from './campaign-fixtures';
import { validSipasSubmission } from './fixtures';
import { DEFINITIONS_DIR, describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { foldScoreTotals } from '../../src/server/scores/fold';

/** A write that records its groups and answers each piece with its double, after `gate` opens. */
function recorder(fail: (piece: number) => boolean = () => false) {
  const groups: number[][] = [];
  let open: () => void = () => undefined;
  let gate = Promise.resolve();
  const write = async (group: readonly number[]) => {
    groups.push([...group]);
    await gate;
    if (group.some(fail)) throw new Error(`cannot write ${group.join(',')}`);
    return group.map((n) => n * 2);
  };
  return {
    groups,
    write,
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release: () => open(),
  };
}

describe('GroupCommit', () => {
  it('writes pieces submitted together in one group and answers each with its own result', async () => {
    const r = recorder();
    const gc = new GroupCommit(r.write, { sizeOf: () => 1, maxSize: 10 });
    expect(await Promise.all([gc.submit(1), gc.submit(2), gc.submit(3)])).toEqual([2, 4, 6]);
    expect(r.groups).toEqual([[1, 2, 3]]);
  });

  it('collects what arrives during a write into the next group, and answers only after its own write', async () => {
    const r = recorder();
    const gc = new GroupCommit(r.write, { sizeOf: () => 1, maxSize: 10 });
    r.hold();
    const answered: number[] = [];
    const first = gc.submit(1).then((v) => answered.push(v));
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.groups).toEqual([[1]]);
    const later = [gc.submit(2).then((v) => answered.push(v)), gc.submit(3).then((v) => answered.push(v))];
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(answered).toEqual([]);
    r.release();
    await Promise.all([first, ...later]);
    expect(r.groups).toEqual([[1], [2, 3]]);
    expect(answered).toEqual([2, 4, 6]);
  });

  it('with a concurrency of 2, starts a second group while the first waits for its commit, and a third only when one ends', async () => {
    const r = recorder();
    const gc = new GroupCommit(r.write, { sizeOf: () => 1, maxSize: 2, concurrency: 2 });
    r.hold();
    const answered: number[] = [];
    const all = [1, 2, 3, 4, 5].map((n) => gc.submit(n).then((v) => answered.push(v)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Two groups in flight; the fifth piece waits for one of them.
    expect(r.groups).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(answered).toEqual([]);
    r.release();
    await Promise.all(all);
    expect(r.groups).toEqual([[1, 2], [3, 4], [5]]);
    expect(answered.sort((a, b) => a - b)).toEqual([2, 4, 6, 8, 10]);
  });

  it('closes a group at maxSize (a heavier piece goes alone)', async () => {
    const r = recorder();
    const gc = new GroupCommit(r.write, { sizeOf: (n) => n, maxSize: 5 });
    await Promise.all([gc.submit(2), gc.submit(3), gc.submit(1), gc.submit(9), gc.submit(4)]);
    expect(r.groups).toEqual([[2, 3], [1], [9], [4]]);
  });

  it('writes a failed group again piece by piece: only the piece that cannot be written fails', async () => {
    const r = recorder((n) => n === 2);
    const gc = new GroupCommit(r.write, { sizeOf: () => 1, maxSize: 10 });
    const results = await Promise.allSettled([gc.submit(1), gc.submit(2), gc.submit(3)]);
    expect(results.map((x) => (x.status === 'fulfilled' ? x.value : (x.reason as Error).message))).toEqual([2, 'cannot write 2', 6]);
    expect(r.groups).toEqual([[1, 2, 3], [1], [2], [3]]);
    // It keeps working afterwards.
    expect(await gc.submit(5)).toBe(10);
  });
});

describeEachDatabase('device batches written together', (database) => {
  let server: TestServer;
  const catalog = loadCatalog(DEFINITIONS_DIR);
  let devices: string[];
  beforeAll(async () => {
    server = await startTestServer({ database });
    devices = [(await server.enrolDevice('A')).deviceId, (await server.enrolDevice('B')).deviceId];
  });
  afterAll(() => server.close());

  const quotaTotal = async () =>
    (await server.database.db.selectFrom('quota_counts').select('count').where('campaign_id', '=', CAMPAIGN_ID).execute()).reduce((n, r) => n + Number(r.count), 0);
  const activity = async (deviceId: string) =>
    (await server.database.db.selectFrom('activity_counts').select('count').where('device_id', '=', deviceId).execute()).reduce((n, r) => n + Number(r.count), 0);
  const scoredInterviews = async () =>
    (await foldScoreTotals(server.database.db), await server.database.db.selectFrom('score_totals').select('interviews').where('part_key', '=', '').execute()).reduce((n, r) => n + Number(r.interviews), 0);

  it('answers each batch on its own when batches overlap: one row per id, counted and scored once', async () => {
    const [a, b, c, d] = [validSipasSubmission(), validSipasSubmission(), validSipasSubmission(), validSipasSubmission()];
    const changedC: Submission = { ...c, id: c.id.toUpperCase(), answers: { ...c.answers, trips: 5 } };
    const before = { rows: await server.countSubmissions(), quota: await quotaTotal(), scored: await scoredInterviews() };
    const now = new Date('2024-11-06T03:00:00.000Z');
    // Started in the same turn of the event loop: they share a transaction.
    const [first, second] = await Promise.all([
      ingestItems(server.database.db, catalog, [a, b, c, a], devices[0]!, now),
      ingestItems(server.database.db, catalog, [changedC, d, a], devices[1]!, new Date(now.getTime() + 1000)),
    ]);
    expect(first).toEqual([
      { id: a.id, status: 'stored' },
      { id: b.id, status: 'stored' },
      { id: c.id, status: 'stored' },
      { id: a.id, status: 'duplicate' },
    ]);
    expect(second).toEqual([
      { id: changedC.id, status: 'rejected', code: 'conflict', message: 'An interview with this id is already stored with different content.' },
      { id: d.id, status: 'stored' },
      { id: a.id, status: 'duplicate' },
    ]);
    expect(await server.countSubmissions()).toBe(before.rows + 4);
    expect((await server.getSubmission(c.id))?.deviceId).toBe(devices[0]);
    expect((await server.getSubmission(d.id))?.deviceId).toBe(devices[1]);
    expect(await quotaTotal()).toBe(before.quota + 4);
    expect(await activity(devices[0]!)).toBe(3);
    expect(await activity(devices[1]!)).toBe(1);
    expect(await scoredInterviews()).toBe(before.scored + 4);
    expect(await totalsAgree(server.database.db)).toBe(true);
    const synced = await server.database.db.selectFrom('devices').select(['id', 'last_sync_at']).where('id', 'in', devices).orderBy('id').execute();
    expect(Object.fromEntries(synced.map((r) => [r.id, r.last_sync_at]))).toEqual({
      [devices[0]!]: now.toISOString(),
      [devices[1]!]: new Date(now.getTime() + 1000).toISOString(),
    });
  });

  it('stores the other batches when one batch of the group cannot be written', async () => {
    const good = [validSipasSubmission(), validSipasSubmission()];
    const orphan = [validSipasSubmission()];
    const before = { rows: await server.countSubmissions(), quota: await quotaTotal() };
    const [stored, refused] = await Promise.allSettled([
      ingestItems(server.database.db, catalog, good, devices[0]!),
      // No such device: the database refuses its rows (foreign key).
      ingestItems(server.database.db, catalog, orphan, 'no-such-device'),
    ]);
    expect(stored).toEqual({ status: 'fulfilled', value: good.map((g) => ({ id: g.id, status: 'stored' })) });
    expect(refused.status).toBe('rejected');
    expect(await server.countSubmissions()).toBe(before.rows + 2);
    expect(await server.getSubmission(orphan[0]!.id)).toBeUndefined();
    expect(await quotaTotal()).toBe(before.quota + 2);
    expect(await totalsAgree(server.database.db)).toBe(true);
  });
});
