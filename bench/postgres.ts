/**
 * PostgreSQL for the benchmark: DATABASE_URL, or else the machine's own server over its local
 * socket when one answers; each measurement gets a fresh database, dropped afterwards. The tests
 * make their fresh databases here too (test/server/harness.ts).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Tried when DATABASE_URL is unset: the local server's socket, as root (see .ci/run). */
export const LOCAL_POSTGRES = 'postgresql://root@/root?host=/var/run/postgresql';

export interface PostgresServer {
  url: string;
  /** How it was found, for the notes. */
  origin: 'DATABASE_URL' | 'local socket';
}

/** The PostgreSQL to use, or why there is none (a reason for the notes). */
export async function findPostgres(): Promise<PostgresServer | { unavailable: string }> {
  const given = process.env.DATABASE_URL?.trim();
  const url = given || LOCAL_POSTGRES;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { url, origin: given ? 'DATABASE_URL' : 'local socket' };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { unavailable: given ? `DATABASE_URL does not answer (${why})` : `DATABASE_URL is unset and no PostgreSQL answers on ${LOCAL_POSTGRES} (${why})` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/** The same connection URL naming another database (WHATWG URL refuses `postgresql://root@/db`). */
export function withDatabaseName(url: string, name: string): string {
  const m = /^([a-z]+:\/\/[^/?#]*)(\/[^?#]*)?(.*)$/i.exec(url);
  if (!m) throw new Error(`cannot read the database URL ${url}`);
  return `${m[1] ?? ''}/${name}${m[3] ?? ''}`;
}

/** A new, empty database on the server at `base` (the same URL with another database name: `<prefix>_<random hex>`). */
export async function freshPostgres(base: string, prefix = 'bench'): Promise<FreshDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabaseName(base, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
