/**
 * Opens the database: embedded SQLite in the data folder by default, PostgreSQL when a
 * postgres:// URL is given; then brings its schema up to date.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { openSqliteLimits } from './limit-counters';
import type { LimitTables } from './limit-counters';
import { migrationProvider } from './migrations';
import type { DatabaseSchema } from './schema';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface ServerDatabase {
  db: Kysely<DatabaseSchema>;
  kind: DatabaseKind;
  /** Where the data lives, for people: a file path, or the URL without its password. */
  location: string;
  /** Where the rate limits' counters live (./limit-counters): the same database on PostgreSQL, a file of their own beside SQLite's. */
  limits: Kysely<LimitTables>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Told when PostgreSQL ends one of the pool's connections (default: a line on stderr). */
  onConnectionLost?: ((error: Error) => void) | undefined;
}

const sayConnectionLost = (error: Error): void =>
  console.error(`${new Date().toISOString()} database connection lost (${error.message}); the next query opens a new one.`);

export const isPostgresUrl = (url: string | undefined): url is string =>
  url !== undefined && /^postgres(ql)?:\/\//i.test(url);

const sqliteFile = (dataDir: string): string => resolve(join(dataDir, 'survey.sqlite'));

function openSqlite(dataDir: string): ServerDatabase {
  mkdirSync(dataDir, { recursive: true });
  const file = sqliteFile(dataDir);
  const connection = new SqliteDatabase(file);
  connection.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before it returns, so an acknowledged interview survives power loss.
  connection.pragma('synchronous = FULL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: connection }) });
  const limits = openSqliteLimits(dataDir);
  return {
    db,
    kind: 'sqlite',
    location: file,
    limits,
    close: async () => {
      await limits.destroy();
      await db.destroy();
    },
  };
}

/** The URL without its password, for logs and the start-up message. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/?#@]*):[^@/?#]*@/i, '$1:***@').replace(/([?&]password=)[^&]*/i, '$1***');
}

function openPostgres(url: string, onConnectionLost: (error: Error) => void): ServerDatabase {
  // synchronous_commit=on (PostgreSQL's default, stated so a server-wide "off" cannot weaken it):
  // a commit is flushed to the WAL on disk before it returns.
  const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c synchronous_commit=on' });
  // A connection ended by PostgreSQL (a restart, a failover, pg_terminate_backend, the network)
  // must never stop the server. Every client gets a listener of its own for as long as it lives,
  // in use or idle: the query under way fails (the request is answered 503, see ./unavailable),
  // and the pool discards the broken client and opens a new one for the next query.
  pool.on('connect', (client) => {
    let said = false;
    client.on('error', (e: Error) => {
      if (said) return;
      said = true;
      onConnectionLost(e);
    });
  });
  // The pool re-emits an idle client's error, already reported above.
  pool.on('error', () => undefined);
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  // The counters' tables through the same pool (closed once, with `db`).
  const limits = new Kysely<LimitTables>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', location: redactUrl(url), limits, close: () => db.destroy() };
}

/** Which database openDatabase opens with these options, for people: "PostgreSQL, <URL without password>" or "SQLite, <file>". */
export function describeDatabase(options: Pick<OpenOptions, 'databaseUrl' | 'dataDir'>): string {
  return isPostgresUrl(options.databaseUrl) ? `PostgreSQL, ${redactUrl(options.databaseUrl)}` : `SQLite, ${sqliteFile(options.dataDir)}`;
}

export async function migrateToLatest(db: Kysely<DatabaseSchema>): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const what = failed ? `migration ${failed.migrationName} failed` : 'migrations failed';
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** How long a server waits for another one migrating the same SQLite folder. */
const MIGRATION_WAIT_MS = 120_000;

/**
 * Runs `fn` holding the migration lock of a SQLite data folder: an exclusive lock on a file of its
 * own (migrations.lock), which SQLite releases if the process dies. PostgreSQL needs none: Kysely's
 * migrator takes an advisory lock there. Waiting is asynchronous (a retry every 25 ms), so servers
 * opened in one process wait for each other too.
 */
async function withSqliteMigrationLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const lock = new SqliteDatabase(join(dataDir, 'migrations.lock'));
  lock.pragma('busy_timeout = 0');
  const until = Date.now() + MIGRATION_WAIT_MS;
  try {
    for (;;) {
      try {
        lock.exec('begin exclusive');
        break;
      } catch (e) {
        if ((e as { code?: unknown }).code !== 'SQLITE_BUSY') throw e;
        if (Date.now() > until) throw new Error(`another server has been migrating ${sqliteFile(dataDir)} for ${MIGRATION_WAIT_MS / 1000} s`, { cause: e });
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    return await fn();
  } finally {
    if (lock.inTransaction) lock.exec('rollback');
    lock.close();
  }
}

/** Opens the database and runs pending migrations (one server at a time on the same data). */
export async function openDatabase(options: OpenOptions): Promise<ServerDatabase> {
  const url = options.databaseUrl;
  const postgres = isPostgresUrl(url);
  const handle = postgres ? openPostgres(url, options.onConnectionLost ?? sayConnectionLost) : openSqlite(options.dataDir);
  try {
    await sql`select 1`.execute(handle.db);
    if (postgres) await migrateToLatest(handle.db);
    else await withSqliteMigrationLock(options.dataDir, () => migrateToLatest(handle.db));
  } catch (e) {
    await handle.close();
    throw e;
  }
  return handle;
}
