// @vitest-environment node
/**
 * The ingest transaction writes what its interviews add to the counters, and queues what they add
 * to the score totals, itself, before the commit: a caller that only inserts and counts leaves the
 * totals right, and a transaction that fails leaves nothing, neither rows nor counts nor deltas.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { checkItem } from '../../src/server/ingest/check-item';
import { rowOf } from '../../src/server/ingest/store';
import { ingestTransaction } from '../../src/server/ingest/transaction';
import { totalsAgree } from '../../src/server/scores/backfill';
import { foldScoreTotals, totalsWithPending } from '../../src/server/scores/fold';
import { validSipasV2Submission } from './fixtures';
import { DEFINITIONS_DIR, describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';

const catalog = loadCatalog(DEFINITIONS_DIR);

describeEachDatabase('the ingest transaction', (database) => {
  let server: TestServer;
  let deviceId: string;
  beforeAll(async () => {
    server = await startTestServer({ database });
    deviceId = (await server.enrolDevice('A')).deviceId;
  });
  afterAll(() => server.close());

  const entry = () => {
    const item = validSipasV2Submission();
    const checked = checkItem(catalog, item);
    if (!checked.ok) throw new Error(JSON.stringify(checked.result));
    const v = { item, answers: checked.answers, definition: checked.definition };
    return { v, row: rowOf(v, deviceId, new Date().toISOString(), catalog.campaigns) };
  };
  const count = async (table: 'quota_counts' | 'score_totals' | 'score_deltas' | 'submissions') =>
    Number((await server.database.db.selectFrom(table).select(({ fn }) => fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);

  it('adds the counters and score totals of what it inserted before the commit', async () => {
    const entries = [entry(), entry()];
    await ingestTransaction(server.database.db, async (writes) => {
      const written = await writes.insert(entries);
      for (const { row } of entries)
        if (written.has(row.id)) writes.count({ campaignId: row.campaign_id!, groupId: row.respondent_group, stratum: row.stratum ?? '', day: row.completed_day!, deviceId });
    });
    const quota = await server.database.db.selectFrom('quota_counts').select(({ fn }) => fn.sum<string | number>('count').as('n')).executeTakeFirstOrThrow();
    expect(Number(quota.n)).toBe(2);
    // Queued with the commit as one delta, and counted by readers before it is folded in.
    const scored = async (from: 'score_totals' | 'with pending') => {
      const { db } = server.database;
      const q = from === 'score_totals' ? db.selectFrom('score_totals') : db.selectFrom(totalsWithPending(db).as('score_totals'));
      return Number((await q.select(({ fn }) => fn.sum<string | number>('interviews').as('n')).where('part_key', '=', '').executeTakeFirstOrThrow()).n);
    };
    expect(await count('score_deltas')).toBe(1);
    expect(await scored('with pending')).toBe(2);
    expect(await totalsAgree(server.database.db)).toBe(true);
    await foldScoreTotals(server.database.db);
    expect(await count('score_deltas')).toBe(0);
    expect(await scored('score_totals')).toBe(2);
    expect(await totalsAgree(server.database.db)).toBe(true);
  });

  it('writes nothing when it fails: no row, no count, no total', async () => {
    const before = [await count('submissions'), await count('quota_counts'), await count('score_totals'), await count('score_deltas')];
    await expect(
      ingestTransaction(server.database.db, async (writes) => {
        await writes.insert([entry()]);
        throw new Error('the request failed half-way');
      }),
    ).rejects.toThrow('half-way');
    expect([await count('submissions'), await count('quota_counts'), await count('score_totals'), await count('score_deltas')]).toEqual(before);
  });
});
