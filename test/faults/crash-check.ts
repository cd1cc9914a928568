/**
 * Looking into the server's database from outside, for the crash tests: is it sound (SQLite's
 * integrity check, PostgreSQL's amcheck), which interviews does it hold and with what content,
 * and do the counters agree with the rows (they are written in the same transaction).
 */
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

export interface StoredRow {
  id: string;
  answers: string;
  section_times: string;
  started_at: string;
  completed_at: string;
  stratum: string | null;
  lang: string;
  content_hash: string;
}

export interface DatabaseLook {
  /** 'ok', or what the check found wrong. */
  integrity: string;
  rows: StoredRow[];
  /** Sum of activity_counts, which must equal the number of rows. */
  counted: number;
}

const COLUMNS = 'id, answers, section_times, started_at, completed_at, stratum, lang, content_hash';

/** Reads a SQLite data folder while the server may be running on it (WAL lets readers in). */
export function lookAtSqlite(dataDir: string): DatabaseLook {
  const db = new SqliteDatabase(join(dataDir, 'survey.sqlite'), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const read = db.transaction(() => ({
      rows: db.prepare(`select ${COLUMNS} from submissions`).all() as StoredRow[],
      counted: Number((db.prepare('select coalesce(sum(count), 0) as n from activity_counts').get() as { n: number }).n),
    }));
    return { integrity, ...read() };
  } finally {
    db.close();
  }
}

/** Reads a PostgreSQL database; checks its tables and indexes with amcheck. */
export async function lookAtPostgres(url: string): Promise<DatabaseLook> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create extension if not exists amcheck');
    const problems: string[] = [];
    for (const table of ['submissions', 'activity_counts', 'devices']) {
      const heap = await client.query<{ msg: string }>(`select msg from verify_heapam($1)`, [table]);
      problems.push(...heap.rows.map((r) => `${table}: ${r.msg}`));
      const indexes = await client.query<{ name: string }>(
        `select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = $1::regclass`,
        [table],
      );
      for (const { name } of indexes.rows) await client.query('select bt_index_check($1::regclass, true)', [name]); // throws when corrupt
    }
    await client.query('begin isolation level repeatable read');
    const rows = (await client.query<StoredRow>(`select ${COLUMNS} from submissions`)).rows;
    const counted = Number((await client.query<{ n: string }>('select coalesce(sum(count), 0) as n from activity_counts')).rows[0]?.n ?? 0);
    await client.query('commit');
    return { integrity: problems.length === 0 ? 'ok' : problems.join('; '), rows, counted };
  } finally {
    await client.end();
  }
}
