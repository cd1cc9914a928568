/**
 * Work that several servers starting at once on one database must do once: creating the first
 * coordinator, scoring stored interviews, rebuilding totals. On PostgreSQL each has its own
 * advisory lock; on SQLite the database's single write lock (BEGIN IMMEDIATE) serialises writers.
 */
import { SqliteAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema';

type Db = Kysely<DatabaseSchema>;

/** Advisory lock keys (PostgreSQL), one per kind of start-up work. */
export const LOCKS = {
  firstCoordinator: 7_326_001,
  scoring: 7_326_002,
  totals: 7_326_003,
  /** Disabling or demoting an administrator: never two at once, so one always stays. */
  accounts: 7_326_004,
  /** Adding pending score deltas into score_totals (../scores/fold): one fold at a time. */
  fold: 7_326_005,
} as const;

export const isSqlite = (db: Db): boolean => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * Runs `fn` in a transaction no other server runs at the same time with the same lock: on
 * PostgreSQL it takes the transaction-level advisory lock first (waiting for it), on SQLite the
 * transaction begins IMMEDIATE (the write lock, waited for up to busy_timeout).
 */
export async function withLockedTransaction<T>(db: Db, lock: number, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (!isSqlite(db))
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${sql.lit(lock)})`.execute(trx);
      return fn(trx);
    });
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (e) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw e;
    }
  });
}

/**
 * Runs `fn` (which uses `db` as usual) only if no other server holds the lock: on PostgreSQL a
 * session-level advisory lock held on one dedicated connection for as long as `fn` runs; on SQLite
 * (one server per data folder) `fn` always runs, and its own transactions keep concurrent runs correct.
 * Returns `{ ran: false }` when another server holds the lock.
 */
export async function ifLockFree<T>(db: Db, lock: number, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  if (isSqlite(db)) return { ran: true, value: await fn() };
  return db.connection().execute(async (conn) => {
    const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${sql.lit(lock)}) as ok`.execute(conn);
    if (got.rows[0]?.ok !== true) return { ran: false };
    try {
      return { ran: true, value: await fn() };
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(lock)})`.execute(conn).catch(() => undefined);
    }
  });
}
