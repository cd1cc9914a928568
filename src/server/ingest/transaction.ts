/**
 * The ingest transaction, explicit: every transaction that stores interviews (device batches,
 * respondent links) writes through one IngestWrites, which
 * inserts the rows with their score contributions and keeps what they add to the quota and
 * activity counters for the end, where `ingestTransaction` writes it, in key order, last before
 * the commit (the counter rows are the ones concurrent transactions wait for). What they add to
 * the score totals is queued as one delta, folded in after the commit (../scores/fold).
 * No caller can forget the counters: the wrapper writes them, and nothing else queues them.
 */
import { chunksOf } from '../db/chunks';
import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema';
import { encodeParts } from '../scores/parts';
import { queueScoreTotals, scheduleFold } from '../scores/fold';
import { ScoreTotals, scoresOf } from '../scores/write';
import { addToCounters } from './counting';
import type { Counted } from './counting';
import type { RowOf } from './store';


export class IngestWrites {
  private readonly counted: Counted[] = [];
  private readonly totals = new ScoreTotals();

  constructor(readonly trx: Transaction<DatabaseSchema>) {}

  /**
   * Inserts interviews' rows (distinct ids, in the order the database should lock them) with their
   * score contributions; returns the ids this call wrote (the others were stored already). Their
   * score totals are added at the end. Everything written per stored interview belongs here, so
   * device batches and respondent links (../links/submit) write the same.
   */
  async insert(entries: readonly RowOf[]): Promise<Set<string>> {
    const { trx } = this;
    const scored = entries.map(({ v, row }) => scoresOf(v.definition, v.answers, row));
    // Every row names scoring_hash and scores, so a multi-row insert never leaves a column to a default.
    const rows = entries.map(({ row }, i) => {
      const s = scored[i];
      return { ...row, scoring_hash: s?.hash ?? null, scores: s ? encodeParts(s.parts) : null };
    });
    const written = new Set<string>();
    // Every column of submissions (20) bound per row.
    for (const chunk of chunksOf(rows, 20)) {
      const inserted = await trx
        .insertInto('submissions')
        .values(chunk)
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      for (const r of inserted) written.add(r.id);
    }
    entries.forEach(({ row }, i) => {
      const s = scored[i];
      if (s && written.has(row.id)) this.totals.add(s.place, s.parts);
    });
    return written;
  }

  /** Counts an interview this transaction stored (or assigned a campaign) towards the counters, at the end. */
  count(...counted: Counted[]): void {
    this.counted.push(...counted);
  }

  /** Called by ingestTransaction only, last before the commit. */
  async finish(): Promise<void> {
    await addToCounters(this.trx, this.counted);
    await queueScoreTotals(this.trx, this.totals);
  }

  /** Whether the transaction queued score totals (to fold once it has committed). */
  get queuedTotals(): boolean {
    return this.totals.size > 0;
  }
}

/** Runs `fn` in a transaction with its IngestWrites, and writes the counters before the commit. */
export async function ingestTransaction<T>(db: Kysely<DatabaseSchema>, fn: (writes: IngestWrites) => Promise<T>): Promise<T> {
  let queued = false;
  const result = await db.transaction().execute(async (trx) => {
    const writes = new IngestWrites(trx);
    const result = await fn(writes);
    await writes.finish();
    queued = writes.queuedTotals;
    return result;
  });
  // The score totals it queued are added in the background (../scores/fold).
  if (queued) scheduleFold(db);
  return result;
}
