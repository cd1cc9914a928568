/**
 * What the server holds, for "bad input changes nothing": every table (found in the database
 * itself, so tables added later are covered too), every row, sorted. Only the devices' contact times are
 * left out: last_seen_at (any request with the device's token, once a minute) and last_sync_at
 * (an upload with a well-formed interview, which a resent duplicate or a conflicting one is),
 * since a refused request with a valid token legitimately records that the device called. The rate
 * limits' counters (PostgreSQL's rate_limits) are left out too: counting refused requests is their job.
 * The audit trail's record of exports is left out: a well-formed export among the requests is a
 * download, and recording who downloaded it is the trail's job (any other entry still counts).
 */
import { sql } from 'kysely';
import type { ServerDatabase } from '../../src/server/db/open';

/** Columns that record contact, not data. */
const CONTACT_COLUMNS: Record<string, readonly string[]> = { devices: ['last_seen_at', 'last_sync_at'] };
/** Audit entries that record a read, not a change. */
const READS = sql`action <> 'export.downloaded'`;

/** Tables that count requests, not data. */
const REQUEST_COUNTERS = new Set(['rate_limits']);

export type Snapshot = Record<string, string[]>;

export async function tableNames(database: ServerDatabase): Promise<string[]> {
  const rows =
    database.kind === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(database.db)
      : await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`.execute(database.db);
  return rows.rows.map((r) => r.name).filter((name) => !REQUEST_COUNTERS.has(name));
}

/** Every row of every table, as sorted JSON lines per table. */
export async function snapshot(database: ServerDatabase): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const table of await tableNames(database)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} ${table === 'audit_log' ? sql`where ${READS}` : sql``}`.execute(database.db);
    const skip = CONTACT_COLUMNS[table] ?? [];
    out[table] = rows.rows
      .map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).filter(([k]) => !skip.includes(k))), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
      .sort();
  }
  return out;
}

/** A cheap per-request look: the number of rows of every table, in one query. */
export async function rowCounter(database: ServerDatabase): Promise<() => Promise<string>> {
  const tables = await tableNames(database);
  const query = sql<Record<string, unknown>>`select ${sql.join(
    tables.map((t) => sql`(select count(*) from ${sql.table(t)} ${t === 'audit_log' ? sql`where ${READS}` : sql``}) as ${sql.ref(t)}`),
  )}`;
  return async () => {
    const { rows } = await query.execute(database.db);
    return JSON.stringify(Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)])));
  };
}
