// @vitest-environment node
/**
 * PostgreSQL ending the server's connections (a restart, a failover, pg_terminate_backend, a
 * network blip) while devices upload: the server stays up, answers every upload with its results
 * or a retryable 503 with Retry-After, recovers by itself, and loses nothing it acknowledged.
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Submission } from '../../src/contract';
import { redeemEnrolmentCode, issueEnrolmentCode } from '../../src/server/auth/devices';
import { openDatabase } from '../../src/server/db/open';
import { isDatabaseUnavailable } from '../../src/server/db/unavailable';
import { validSipasSubmission } from './fixtures';
import { freshPostgresDatabase, postgresUrl, startTestServer } from './harness';
import type { TestServer } from './harness';
import { startServerProc, tempDir } from './process-helpers';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** What the devices saw. */
interface Tally {
  sent: Map<string, Submission>;
  /** Stored or duplicate: the server has it. */
  acknowledged: Set<string>;
  ok: number;
  unavailable: number;
  /** Anything else: a 500, another status, a rejected item, no reply at all. */
  wrong: string[];
}

const newTally = (): Tally => ({ sent: new Map(), acknowledged: new Set(), ok: 0, unavailable: 0, wrong: [] });

/** One upload as a device makes it; returns the HTTP status (0: no reply). */
async function upload(api: string, token: string, items: Submission[], tally: Tally): Promise<number> {
  for (const item of items) tally.sent.set(item.id, item);
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${api}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ items }),
      signal: AbortSignal.timeout(30_000),
    });
    text = await response.text();
  } catch (e) {
    tally.wrong.push(`no reply: ${(e as Error).message} ${String((e as Error).cause ?? '')}`);
    return 0;
  }
  if (response.status === 200) {
    tally.ok += 1;
    const body = JSON.parse(text) as { results: { id: string; status: string }[] };
    for (const r of body.results) {
      if (r.status === 'stored' || r.status === 'duplicate') tally.acknowledged.add(r.id);
      else tally.wrong.push(`item ${r.id}: ${JSON.stringify(r)}`);
    }
  } else if (response.status === 503) {
    tally.unavailable += 1;
    const code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
    const retryAfter = response.headers.get('retry-after') ?? '';
    if (!/^\d+$/.test(retryAfter) || (code !== 'database_unavailable' && code !== 'overloaded'))
      tally.wrong.push(`503 with retry-after "${retryAfter}": ${text}`);
  } else {
    tally.wrong.push(`${response.status}: ${text}`);
  }
  return response.status;
}

const batch = (n: number): Submission[] => Array.from({ length: n }, () => validSipasSubmission());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ends every connection to `database` but the caller's, as an administrator or a failover would. */
async function terminateBackends(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: postgresUrl() });
  await admin.connect();
  try {
    const r = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
    return r.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

/**
 * Devices upload continuously while the server's connections are ended, several times and until
 * at least one upload met a broken connection; then everything not acknowledged is sent again.
 */
async function uploadThroughTerminations(api: string, tokens: string[], database: string, alive: () => boolean): Promise<Tally> {
  const tally = newTally();
  let stop = false;
  const devices = tokens.map(async (token) => {
    while (!stop && alive()) {
      if ((await upload(api, token, batch(5), tally)) !== 200) await sleep(50);
    }
  });
  let terminated = 0;
  for (let round = 0; round < 40 && alive() && (round < 5 || tally.unavailable === 0); round++) {
    await sleep(150 + Math.floor(Math.random() * 150));
    terminated += await terminateBackends(database);
  }
  stop = true;
  await Promise.all(devices);
  expect(terminated, 'connections ended').toBeGreaterThan(0);

  // The pool replaced its broken connections: uploads succeed again, and resends store the rest.
  await sleep(300);
  const okBefore = tally.ok;
  expect(await upload(api, tokens[0]!, batch(5), tally), tally.wrong.join('\n')).toBe(200);
  const missing = [...tally.sent.values()].filter((s) => !tally.acknowledged.has(s.id));
  for (let i = 0; i < missing.length; i += 50) expect(await upload(api, tokens[0]!, missing.slice(i, i + 50), tally)).toBe(200);
  expect(tally.ok).toBeGreaterThan(okBefore);
  return tally;
}

/** Every interview sent is stored exactly once, and counted exactly once. */
async function expectStoredOnce(url: string, tally: Tally): Promise<void> {
  expect(tally.acknowledged.size).toBe(tally.sent.size);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ids = [...tally.sent.keys()].map((id) => id.toLowerCase());
    const found = await client.query<{ n: string }>('SELECT count(*) AS n FROM submissions WHERE id = ANY($1)', [ids]);
    const all = await client.query<{ n: string }>('SELECT count(*) AS n FROM submissions');
    const counted = await client.query<{ n: string }>('SELECT coalesce(sum(count), 0) AS n FROM activity_counts');
    expect(Number(found.rows[0]?.n)).toBe(ids.length);
    expect(Number(all.rows[0]?.n)).toBe(ids.length);
    expect(Number(counted.rows[0]?.n)).toBe(ids.length);
  } finally {
    await client.end();
  }
}

describe.skipIf(!postgresUrl())(`PostgreSQL ending the server's connections${postgresUrl() ? '' : ' (needs DATABASE_URL)'}`, () => {
  it('the server process stays up, answers 200 or 503 with Retry-After, recovers, and loses nothing acknowledged', async () => {
    const pgdb = await freshPostgresDatabase();
    cleanups.push(pgdb.drop);
    const dataDir = tempDir('data-');
    const setup = await openDatabase({ databaseUrl: pgdb.url, dataDir });
    const tokens: string[] = [];
    try {
      for (const name of ['A', 'B', 'C']) tokens.push((await redeemEnrolmentCode(setup.db, (await issueEnrolmentCode(setup.db, name)).code, 'tablet')).token);
    } finally {
      await setup.close();
    }

    const server = startServerProc({ DATA_DIR: dataDir, DATABASE_URL: pgdb.url, LOG_LEVEL: 'error' });
    let exitCode: NodeJS.Signals | number | null | undefined;
    void server.exited.then((how) => (exitCode = how));
    cleanups.push(async () => {
      if (exitCode === undefined) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
    });
    const api = await server.listening;
    const out = server.output;
    expect(out()).toContain('Database:   PostgreSQL');

    const database = /\/(test_[0-9a-f]+)/.exec(pgdb.url)?.[1] ?? '';
    const tally = await uploadThroughTerminations(api, tokens, database, () => exitCode === undefined);
    expect(exitCode, `the server exited:\n${out()}`).toBeUndefined();
    expect(tally.wrong, out()).toEqual([]);
    expect(tally.unavailable).toBeGreaterThan(0);
    await expectStoredOnce(pgdb.url, tally);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 120_000);

  it('an in-process server answers every request while its connections are ended', async () => {
    const server: TestServer = await startTestServer({ database: 'postgres' });
    cleanups.push(() => server.close());
    const tokens = [(await server.enrolDevice('A')).token, (await server.enrolDevice('B')).token];
    const name = await server.database.db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name')).executeTakeFirstOrThrow();
    const tally = await uploadThroughTerminations(server.url, tokens, name.name, () => true);
    expect(tally.wrong).toEqual([]);
    expect(tally.unavailable).toBeGreaterThan(0);
    expect(await server.countSubmissions()).toBe(tally.sent.size);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  }, 120_000);
});

describe('which failures mean the database is unavailable', () => {
  const dbError = (code: string, message = 'x') => Object.assign(new Error(message), { code, severity: 'FATAL' });
  const sysError = (code: string, syscall: string) => Object.assign(new Error(`${syscall} ${code}`), { code, syscall });

  it('a lost or refused connection: yes, also as the cause of another error', () => {
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    for (const code of ['57P01', '57P02', '57P03', '08006', '08001', '53300']) expect(isDatabaseUnavailable(dbError(code)), code).toBe(true);
    expect(isDatabaseUnavailable(sysError('ECONNREFUSED', 'connect'))).toBe(true);
    expect(isDatabaseUnavailable(sysError('ENOENT', 'connect'))).toBe(true);
    expect(isDatabaseUnavailable(sysError('ECONNRESET', 'read'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: dbError('57P01') }))).toBe(true);
  });

  it('a bug, bad data or a missing file: no', () => {
    expect(isDatabaseUnavailable(dbError('23505'))).toBe(false);
    expect(isDatabaseUnavailable(dbError('42P01'))).toBe(false);
    expect(isDatabaseUnavailable(sysError('ENOENT', 'open'))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('SQLITE_BUSY'), { code: 'SQLITE_BUSY' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
