// @vitest-environment node
/**
 * Score totals in two steps (src/server/scores/fold): an ingest transaction queues one delta, the
 * fold adds deltas into score_totals. Readers count pending deltas, so figures never depend on
 * whether a fold has run; two handles on one database (two server processes, or the server and a
 * command-line tool) folding at once add each delta once; a rebuild drops the deltas it replaces;
 * and ingest on PostgreSQL does not wait for a fold holding its lock. The background fold adds
 * deltas once the oldest has waited FULL_FOLD_MS and meanwhile merges many into one, which changes
 * no figure; deltas left waiting are added in time even if no interview comes after them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { issueEnrolmentCode, redeemEnrolmentCode } from '../../src/server/auth/devices';
import { openDatabase } from '../../src/server/db/open';
import type { ServerDatabase } from '../../src/server/db/open';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { checkItem } from '../../src/server/ingest/check-item';
import { rowOf } from '../../src/server/ingest/store';
import type { RowOf } from '../../src/server/ingest/store';
import { IngestWrites, ingestTransaction } from '../../src/server/ingest/transaction';
import { rebuildScoreTotals, totalsAgree } from '../../src/server/scores/backfill';
import { foldScoreTotals, FULL_FOLD_MS, lockFold, scheduleFold, settleScoreTotals, stopFolding } from '../../src/server/scores/fold';
import { readTotals } from '../../src/server/scores/report';
import type { Submission } from '../../src/contract';
import { validSipasV2Submission } from './fixtures';
import { DEFINITIONS_DIR, describeEachDatabase, freshPostgresDatabase } from './harness';

const catalog = loadCatalog(DEFINITIONS_DIR);
const STRATA = ['dong-hoi', 'ba-don', 'le-thuy', 'quang-ninh'];

describeEachDatabase('score totals folded from deltas', (kind) => {
  let dataDir: string;
  let drop: (() => Promise<void>) | undefined;
  /** The server's handle and a second one on the same database (another process, a tool). */
  let a: ServerDatabase;
  let b: ServerDatabase;
  let deviceId: string;
  let n = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'score-fold-'));
    const pgdb = kind === 'postgres' ? await freshPostgresDatabase() : undefined;
    drop = pgdb?.drop;
    a = await openDatabase({ databaseUrl: pgdb?.url, dataDir });
    b = await openDatabase({ databaseUrl: pgdb?.url, dataDir });
    const { code } = await issueEnrolmentCode(a.db, 'Fold');
    deviceId = (await redeemEnrolmentCode(a.db, code, 'test device')).deviceId;
  });
  afterAll(async () => {
    for (const h of [a, b]) {
      await stopFolding(h.db);
      await h.close();
    }
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Interviews spread over the strata, with varied answers, checked and made into rows. */
  const entries = (count: number): RowOf[] =>
    Array.from({ length: count }, () => {
      const i = n++;
      const stratum = STRATA[i % STRATA.length]!;
      const item: Submission = validSipasV2Submission({ stratum, answers: { overallSat: String((i % 5) + 1), c4_timing: String(((i * 3) % 5) + 1) } });
      const checked = checkItem(catalog, item);
      if (!checked.ok) throw new Error(JSON.stringify(checked.result));
      const v = { item, answers: checked.answers, definition: checked.definition };
      return { v, row: rowOf(v, deviceId, new Date().toISOString(), catalog.campaigns) };
    });

  /** Stores interviews in one transaction as ingest does, without asking for a background fold. */
  async function storeQueued(count: number): Promise<void> {
    await a.db.transaction().execute(async (trx) => {
      const writes = new IngestWrites(trx);
      const made = entries(count);
      const written = await writes.insert(made);
      for (const { row } of made)
        if (written.has(row.id)) writes.count({ campaignId: row.campaign_id!, groupId: row.respondent_group, stratum: row.stratum ?? '', day: row.completed_day!, deviceId });
      await writes.finish();
    });
  }

  const pending = async () => Number((await a.db.selectFrom('score_deltas').select(({ fn }) => fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);
  /** What the reports read, in a stable order. */
  const figures = async () => {
    const rows = await readTotals(a.db, {});
    return rows.map((r) => ({ ...r, sum: Math.round(r.sum * 1e6) / 1e6, vSum: Math.round(r.vSum * 1e6) / 1e6, vSq: Math.round(r.vSq * 1e6) / 1e6 })).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  };
  /** score_totals alone, as the reports would read it with nothing pending. */
  const storedTotals = async () =>
    (await a.db.selectFrom('score_totals').select(['group_id', 'stratum', 'part_key', 'interviews', 'count']).where('part_key', '=', '').execute())
      .map((r) => [r.stratum, Number(r.interviews)])
      .sort();

  it('queues one delta per transaction, which readers count before it is folded and the fold adds once', async () => {
    for (let t = 0; t < 5; t++) await storeQueued(8);
    expect(await pending()).toBe(5);
    const before = await figures();
    const interviews = before.filter((r) => r.key === '').reduce((s, r) => s + r.interviews, 0);
    expect(interviews).toBe(40);
    expect(await totalsAgree(a.db)).toBe(true);
    // Nothing was in score_totals yet.
    expect(await storedTotals()).toEqual([]);

    expect(await foldScoreTotals(a.db)).toBe(5);
    expect(await pending()).toBe(0);
    expect(await figures()).toEqual(before);
    expect(await storedTotals()).toEqual(STRATA.map((s) => [s, 10]).sort());
    expect(await totalsAgree(a.db)).toBe(true);
    // A second fold finds nothing and changes nothing.
    expect(await foldScoreTotals(a.db)).toBe(0);
    expect(await figures()).toEqual(before);
  });

  // PostgreSQL: several server processes share one database. (SQLite has one server per data
  // folder, and two handles in one process would wait for each other's write lock on one thread.)
  it.skipIf(kind === 'sqlite')('adds each delta once when two handles on the database fold at the same time', async () => {
    for (let t = 0; t < 30; t++) await storeQueued(3);
    expect(await pending()).toBe(30);
    const before = await figures();
    const folded = await Promise.all([foldScoreTotals(a.db), foldScoreTotals(b.db), foldScoreTotals(b.db, { skipIfBusy: true }), foldScoreTotals(a.db)]);
    expect(folded.reduce((s, x) => s + x, 0)).toBe(30);
    expect(await pending()).toBe(0);
    expect(await figures()).toEqual(before);
    expect(await storedTotals()).toEqual(STRATA.map((s, i) => [s, Math.floor(n / 4) + (i < n % 4 ? 1 : 0)]).sort());
    expect(await totalsAgree(a.db)).toBe(true);
  });

  it('rebuilds damaged totals from the interviews and drops the deltas the rebuild replaces', async () => {
    await storeQueued(6);
    await storeQueued(6);
    const before = await figures();
    await a.db.deleteFrom('score_totals').where('stratum', '=', 'ba-don').execute();
    expect(await totalsAgree(a.db)).toBe(false);
    expect(await rebuildScoreTotals(a.db)).toBe(true);
    expect(await pending()).toBe(0);
    const after = await figures();
    expect(after.filter((r) => !before.some((x) => JSON.stringify(x) === JSON.stringify(r))).slice(0, 3)).toEqual([]);
    expect(after).toEqual(before);
    expect(await totalsAgree(a.db)).toBe(true);
  });

  // PostgreSQL: SQLite adds every delta at once (below).
  it.skipIf(kind === 'sqlite')('merges the oldest deltas into one while many wait, changing no figure, and adds them once the oldest is due', async () => {
    await foldScoreTotals(a.db);
    const storedBefore = await storedTotals();
    const queuedFrom = Date.now();
    for (let t = 0; t < 20; t++) await storeQueued(2);
    expect(await pending()).toBe(20);
    const before = await figures();
    // Not due yet (the clock held at when they were queued): 16 merged into 1; 5 left, the merged
    // one and the 4 newest.
    expect(await settleScoreTotals(a.db, () => queuedFrom)).toBeGreaterThan(0);
    expect(await pending()).toBe(5);
    expect(await figures()).toEqual(before);
    expect(await totalsAgree(a.db)).toBe(true);
    // Nothing was added to score_totals.
    expect(await storedTotals()).toEqual(storedBefore);
    // Fewer than FOLD_DELTAS waiting and not due: nothing to do.
    expect(await settleScoreTotals(a.db, () => queuedFrom)).toBeGreaterThan(0);
    expect(await pending()).toBe(5);
    // The merged delta kept the oldest time: due FULL_FOLD_MS after it, all are added.
    expect(await settleScoreTotals(a.db, () => Date.now() + FULL_FOLD_MS)).toBe(0);
    expect(await pending()).toBe(0);
    expect(await figures()).toEqual(before);
    const had = new Map(storedBefore.map(([s, x]) => [String(s), Number(x)]));
    expect((await storedTotals()).reduce((sum, [s, x]) => sum + Number(x) - (had.get(String(s)) ?? 0), 0)).toBe(40);
    expect(await totalsAgree(a.db)).toBe(true);
  });

  it.skipIf(kind === 'sqlite')('merges a backlog of many times FOLD_DELTAS down to fewer than that in one call', async () => {
    await foldScoreTotals(a.db);
    for (let t = 0; t < 50; t++) await storeQueued(1);
    const before = await figures();
    expect(await settleScoreTotals(a.db, () => 0)).toBeGreaterThan(0);
    const left = await pending();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(16);
    expect(await figures()).toEqual(before);
    await foldScoreTotals(a.db);
    expect(await figures()).toEqual(before);
    expect(await totalsAgree(a.db)).toBe(true);
  });

  it.skipIf(kind === 'postgres')('adds every delta at once on SQLite, however recent', async () => {
    await foldScoreTotals(a.db);
    for (let t = 0; t < 20; t++) await storeQueued(1);
    const before = await figures();
    expect(await settleScoreTotals(a.db, () => Date.now() - FULL_FOLD_MS)).toBe(0);
    expect(await pending()).toBe(0);
    expect(await figures()).toEqual(before);
  });

  it('adds at once a delta queued without its time (before the column existed)', async () => {
    await foldScoreTotals(a.db);
    await storeQueued(3);
    await a.db.updateTable('score_deltas').set({ queued_at: null }).execute();
    const before = await figures();
    expect(await settleScoreTotals(a.db)).toBe(0);
    expect(await pending()).toBe(0);
    expect(await figures()).toEqual(before);
  });

  it('adds deltas left waiting in the background when they are due, with no interview after them', async () => {
    await foldScoreTotals(a.db);
    const before = (await storedTotals()).reduce((s, [, x]) => s + Number(x), 0);
    await storeQueued(3);
    // The background fold finds the delta not due, and nothing but its own timer brings it back.
    scheduleFold(a.db);
    const deadline = Date.now() + 30_000 + FULL_FOLD_MS;
    while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await pending()).toBe(0);
    expect((await storedTotals()).reduce((s, [, x]) => s + Number(x), 0)).toBe(before + 3);
    expect(await totalsAgree(a.db)).toBe(true);
  }, 40_000 + FULL_FOLD_MS);

  it('folds in the background after an ingest transaction commits', async () => {
    const before = (await figures()).filter((r) => r.key === '').reduce((s, r) => s + r.interviews, 0);
    await ingestTransaction(a.db, async (writes) => {
      await writes.insert(entries(4));
    });
    expect(await pending()).toBeLessThanOrEqual(1);
    const deadline = Date.now() + 30_000;
    while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await pending()).toBe(0);
    const stored = (await storedTotals()).reduce((s, [, x]) => s + Number(x), 0);
    expect(stored).toBe(before + 4);
  });

  it.skipIf(kind === 'sqlite')('stores interviews while a fold holds its lock (PostgreSQL: ingest waits for no total row)', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let locked: () => void = () => undefined;
    const isLocked = new Promise<void>((r) => (locked = r));
    const fold = b.db.transaction().execute(async (trx) => {
      await lockFold(trx);
      // Rows of score_totals locked as a fold's upsert locks them.
      await trx.updateTable('score_totals').set((eb) => ({ sum: eb('sum', '+', 0) })).execute();
      locked();
      await held;
    });
    await isLocked;
    const count = await a.db.selectFrom('submissions').select(({ fn }) => fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
    await storeQueued(5);
    const after = await a.db.selectFrom('submissions').select(({ fn }) => fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(count.n) + 5);
    release();
    await fold;
    await foldScoreTotals(a.db);
    expect(await totalsAgree(a.db)).toBe(true);
  });
});
