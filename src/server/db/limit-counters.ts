/**
 * Counters for the rate limits (logins, enrolment, respondent links), kept where every server
 * process on the same data sees them, so the budget is the same with one process or ten, and a
 * restart does not reset it:
 * - PostgreSQL: the table rate_limits in the server's database (migration 0007), UNLOGGED: its
 *   writes skip the write-ahead log and wait for no disk flush (after a crash it is empty, which
 *   only forgives the attempts of the last minutes);
 * - SQLite: the same table in a file of its own beside the data (limits.sqlite), written without
 *   waiting for the disk, so counting a request never takes the interviews' write lock.
 *
 * A counter is a key, a count and the time its window ends; a hit after that time starts a new
 * window. Every change is one statement, atomic in both databases, so concurrent requests in
 * several processes each see a distinct count.
 */
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';

export interface LimitTables {
  rate_limits: {
    key: string;
    count: number;
    /** Milliseconds since the epoch (bigint on PostgreSQL, read back as text). */
    reset_at: number | string;
  };
}

export interface LimitWindow {
  /** This window's count, the hit just made included. */
  count: number;
  /** When the window ends (ms since the epoch). */
  resetAt: number;
}

/** Expired counters are deleted at most this often per process, by the first hit after it. */
const PRUNE_EVERY_MS = 60_000;

export class LimitCounters {
  private lastPrune = 0;

  constructor(private readonly db: Kysely<LimitTables>) {}

  /**
   * Counts one hit on each key (distinct keys) in one statement and returns each key's window, in
   * the order given. Keys are written in sorted order, so concurrent hits on the same keys never
   * deadlock (PostgreSQL).
   */
  async hit(keys: readonly string[], windowMs: number, now = Date.now()): Promise<LimitWindow[]> {
    if (now - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = now;
      void this.prune(now).catch(() => undefined);
    }
    const rows = await this.db
      .insertInto('rate_limits')
      .values([...keys].sort().map((key) => ({ key, count: 1, reset_at: now + windowMs })))
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql<number>`case when rate_limits.reset_at <= ${now} then 1 else rate_limits.count + 1 end`,
          reset_at: sql<number>`case when rate_limits.reset_at <= ${now} then excluded.reset_at else rate_limits.reset_at end`,
        }),
      )
      .returning(['key', 'count', 'reset_at'])
      .execute();
    const byKey = new Map(rows.map((r) => [r.key, { count: Number(r.count), resetAt: Number(r.reset_at) }]));
    return keys.map((key) => {
      const w = byKey.get(key);
      if (!w) throw new Error(`the rate-limit counter ${JSON.stringify(key)} was not written`);
      return w;
    });
  }

  /** Takes one hit back from each key whose window is still open. */
  async giveBack(keys: readonly string[], now = Date.now()): Promise<void> {
    await this.db
      .updateTable('rate_limits')
      .set({ count: sql<number>`count - 1` })
      .where('key', 'in', [...keys])
      .where('reset_at', '>', now)
      .where('count', '>', 0)
      .execute();
  }

  async forget(key: string): Promise<void> {
    await this.db.deleteFrom('rate_limits').where('key', '=', key).execute();
  }

  /** Keeps a mark (no count) until `until`: e.g. a user's known address. */
  async mark(key: string, until: number): Promise<void> {
    await this.db
      .insertInto('rate_limits')
      .values({ key, count: 0, reset_at: until })
      .onConflict((oc) => oc.column('key').doUpdateSet({ count: 0, reset_at: until }))
      .execute();
  }

  /** Whether the key has an open window or mark. */
  async isOpen(key: string, now = Date.now()): Promise<boolean> {
    return (await this.db.selectFrom('rate_limits').select('key').where('key', '=', key).where('reset_at', '>', now).executeTakeFirst()) !== undefined;
  }

  /** Deletes the counters whose window has ended. */
  async prune(now = Date.now()): Promise<void> {
    await this.db.deleteFrom('rate_limits').where('reset_at', '<=', now).execute();
  }
}

/** The SQLite file of the counters, beside the interviews' survey.sqlite. */
export const limitsFile = (dataDir: string): string => resolve(join(dataDir, 'limits.sqlite'));

/**
 * Opens (creating it if needed) the counters' own SQLite file. Its writes do not wait for the
 * disk (synchronous=OFF): losing the last counts in a power cut only forgives those attempts.
 */
export function openSqliteLimits(dataDir: string): Kysely<LimitTables> {
  const connection = new SqliteDatabase(limitsFile(dataDir));
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = OFF');
  connection.pragma('busy_timeout = 2000');
  connection.exec('create table if not exists rate_limits (key text primary key, count integer not null, reset_at integer not null)');
  return new Kysely<LimitTables>({ dialect: new SqliteDialect({ database: connection }) });
}
