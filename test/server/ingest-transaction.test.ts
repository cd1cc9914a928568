// @vitest-environment node
/**
 * The ingest transaction writes what its interviews add to the counters and score totals itself,
 * before the commit: a caller that only inserts and counts leaves the totals right, and a
 * transaction that fails leaves nothing, neither rows nor counts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { checkItem } from '../../src/server/ingest/check-item';
import { rowOf } from '../../src/server/ingest/store';
import { ingestTransaction } from '../../src/server/ingest/transaction';
import { totalsAgree } from '../../src/server/scores/backfill';
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
  const count = async (table: 'quota_counts' | 'score_totals' | 'submissions') =>
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
    const scored = await server.database.db.selectFrom('score_totals').select(({ fn }) => fn.sum<string | number>('interviews').as('n')).where('part_key', '=', '').executeTakeFirstOrThrow();
    expect(Number(scored.n)).toBe(2);
    expect(await totalsAgree(server.database.db)).toBe(true);
  });

  it('writes nothing when it fails: no row, no count, no total', async () => {
    const before = [await count('submissions'), await count('quota_counts'), await count('score_totals')];
    await expect(
      ingestTransaction(server.database.db, async (writes) => {
        await writes.insert([entry()]);
        throw new Error('the request failed half-way');
      }),
    ).rejects.toThrow('half-way');
    expect([await count('submissions'), await count('quota_counts'), await count('score_totals')]).toEqual(before);
  });
});
