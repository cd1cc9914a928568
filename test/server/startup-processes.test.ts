// @vitest-environment node
/**
 * Server processes started together on one PostgreSQL database holding interviews that wait for
 * scoring: all listen, one creates the first coordinator (and prints its password), the scoring of
 * stored interviews runs once, in the background after the server listens, and leaves exact totals.
 */
import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { CoordinatorDashboard } from '../../src/contract';
import type { ScoreReportWire } from '../../src/contract';
import { createServer } from '../../src/server/app';
import { issueEnrolmentCode, redeemEnrolmentCode } from '../../src/server/auth/devices';
import { openDatabase } from '../../src/server/db/open';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { foldScoreTotals } from '../../src/server/scores/fold';
import { freshPostgresDatabase, postgresUrl } from './harness';
import { startServerProc, tempDir } from './process-helpers';
import type { ServerProc } from './process-helpers';
import { CAMPAIGN, I1, I2, I3, I4, shareScoring, writeScoringFolder } from './scoring-fixtures';

const dirs: string[] = [];
const drops: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const drop of drops) await drop().catch(() => undefined);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function folder(scoring: Parameters<typeof writeScoringFolder>[0]): string {
  const dir = writeScoringFolder(scoring);
  dirs.push(dir);
  return dir;
}

/**
 * A fresh database holding `sets` × (I1, I2, I3, I4), stored while the questionnaire had no
 * scoring (so none of them is scored) and with no coordinator account.
 */
async function seededDatabase(sets: number): Promise<string> {
  const fresh = await freshPostgresDatabase();
  drops.push(fresh.drop);
  const database = await openDatabase({ databaseUrl: fresh.url, dataDir: tempDir('unused-') });
  const app = await createServer({ database, catalog: loadCatalog(folder(null)) });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    const { code } = await issueEnrolmentCode(database.db, 'Nguyễn Văn A');
    const { token } = await redeemEnrolmentCode(database.db, code, 'tablet');
    const all = Array.from({ length: sets }, () => [I1(), I2(), I3(), I4()]).flat();
    for (let i = 0; i < all.length; i += 100) {
      const r = await fetch(`http://127.0.0.1:${address.port}/api/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ items: all.slice(i, i + 100) }),
      });
      expect(r.status).toBe(200);
    }
    const scored = await database.db.selectFrom('submissions').select('id').where('scoring_hash', 'is not', null).limit(1).execute();
    expect(scored).toEqual([]);
  } finally {
    await app.close();
    await database.close();
  }
  return fresh.url;
}

function startServer(databaseUrl: string, definitionsDir: string): ServerProc {
  return startServerProc({ DATABASE_URL: databaseUrl, DEFINITIONS_DIR: definitionsDir, LOG_LEVEL: 'info' });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function login(api: string, password: string): Promise<string | undefined> {
  const r = await fetch(`${api}/api/coordinator/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
  if (r.status !== 200) return undefined;
  return (r.headers.get('set-cookie') ?? '').split(';')[0];
}

async function dashboard(api: string, cookie: string): Promise<CoordinatorDashboard> {
  const r = await fetch(`${api}/api/coordinator/dashboard?campaign=${CAMPAIGN}`, { headers: { cookie } });
  expect(r.status).toBe(200);
  return CoordinatorDashboard.parse(await r.json());
}

/** [interviews, overall, service, depts], scores rounded to 4 decimals. */
function figures(r: ScoreReportWire | undefined): (number | null)[] {
  if (!r) throw new Error('no report');
  const round = (n: number | null | undefined) => (n === null || n === undefined ? null : Math.round(n * 1e4) / 1e4);
  return [r.interviews, round(r.score), ...r.components.map((c) => round(c.score))];
}

/**
 * What the dashboard gives for `sets` copies of I1–I4, worked out by hand (see scores.test.ts): the
 * same shares as one copy, with `sets` times the interviews.
 */
const expected = (sets: number) => ({
  all: [4 * sets, 63.3333, 60, 66.6667],
  citizen: [3 * sets, 56.25, 62.5, 50],
  d1: [2 * sets, 50, 50, 50],
  d2: [sets, 75, 100, 50],
  official: [sets, 75, 50, 100],
});

function table(d: CoordinatorDashboard): ReturnType<typeof expected> {
  const s = d.scores[0];
  const citizens = s?.groups.find((g) => g.id === 'citizen');
  return {
    all: figures(s?.overall),
    citizen: figures(citizens?.report),
    d1: figures(citizens?.strata.find((x) => x.value === 'd1')?.report),
    d2: figures(citizens?.strata.find((x) => x.value === 'd2')?.report),
    official: figures(s?.groups.find((g) => g.id === 'official')?.report),
  } as ReturnType<typeof expected>;
}

/**
 * score_totals as stored (deltas a process left unfolded folded in first), and as computed afresh
 * from the contributions (the same SQL as a rebuild).
 */
async function totalsAndFresh(url: string): Promise<[unknown[], unknown[]]> {
  const dataDir = tempDir('fold-');
  dirs.push(dataDir);
  const opened = await openDatabase({ databaseUrl: url, dataDir });
  try {
    await foldScoreTotals(opened.db);
  } finally {
    await opened.close();
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const stored = await c.query(
      `select campaign_id, survey_id, survey_version, group_id, stratum, part_key, round(sum::numeric, 6) as sum, count, interviews
         from score_totals order by 1, 2, 3, 4, 5, 6`,
    );
    const fresh = await c.query(
      `select * from (
         select coalesce(s.campaign_id, '') as campaign_id, s.survey_id, s.survey_version, s.respondent_group as group_id, coalesce(s.stratum, '') as stratum,
                '' as part_key, round(0::numeric, 6) as sum, 0::bigint as count, count(*) as interviews
           from submissions s where s.scoring_hash is not null group by 1, 2, 3, 4, 5
         union all
         select coalesce(s.campaign_id, ''), s.survey_id, s.survey_version, s.respondent_group, coalesce(s.stratum, ''),
                p.part_key, round(sum(p.sum)::numeric, 6), sum(p.count)::bigint, count(*)
           from (select s.id as submission_id, j.value ->> 0 as part_key, (j.value ->> 1)::double precision as sum, (j.value ->> 2)::integer as count
                   from submissions s cross join lateral json_array_elements(s.scores::json) j
                 union all select submission_id, part_key, sum, count from score_parts) p
           join submissions s on s.id = p.submission_id where s.scoring_hash is not null group by 1, 2, 3, 4, 5, 6
       ) t order by 1, 2, 3, 4, 5, 6`,
    );
    const norm = (rows: Record<string, unknown>[]) => rows.map((r) => Object.values(r).map((v) => String(v)));
    return [norm(stored.rows as Record<string, unknown>[]), norm(fresh.rows as Record<string, unknown>[])];
  } finally {
    await c.end();
  }
}

describe.skipIf(!postgresUrl())(`server processes started together on PostgreSQL${postgresUrl() ? '' : ' (needs DATABASE_URL)'}`, () => {
  it('listens while the stored interviews are still being scored, and scores them afterwards', async () => {
    const sets = 10;
    const url = await seededDatabase(sets);
    // Another session holds the first interview the scoring will claim: the scoring cannot finish
    // until it lets go, whatever the machine's speed.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select id from submissions order by id limit 1 for update');
      const server = startServer(url, folder(shareScoring()));
      const api = await server.listening;
      expect((await fetch(`${api}/api/health`)).status).toBe(200);
      const password = /^\s+password: (\S+)$/m.exec(server.output())?.[1];
      expect(password, server.output()).toBeDefined();
      const cookie = await until('a session', () => login(api, password ?? ''));
      // Still waiting: nothing scored yet, and the dashboard says so.
      const waiting = await dashboard(api, cookie);
      expect(waiting.scoresPending).toBe(true);
      await holder.query('commit');
      const done = await until('the scoring to finish', async () => {
        const d = await dashboard(api, cookie);
        return d.scoresPending === false ? d : undefined;
      });
      expect(table(done), server.output()).toEqual(expected(sets));
      const [stored, fresh] = await totalsAndFresh(url);
      expect(stored).toEqual(fresh);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    } finally {
      await holder.end().catch(() => undefined);
    }
  }, 180_000);

  it('three processes started at the same moment all listen, one prints the first password, and the totals come out exact', async () => {
    // 1,200 interviews: more than one batch of the scoring.
    const sets = 300;
    const url = await seededDatabase(sets);
    const defs = folder(shareScoring());
    const servers = [startServer(url, defs), startServer(url, defs), startServer(url, defs)];
    const apis = await Promise.all(servers.map((s) => s.listening));
    for (const api of apis) expect((await fetch(`${api}/api/health`)).status).toBe(200);

    const outputs = servers.map((s) => s.output());
    const printed = outputs.map((o) => /^\s+password: (\S+)$/m.exec(o)?.[1]).filter((p) => p !== undefined);
    expect(printed, outputs.join('\n----\n')).toHaveLength(1);
    expect(outputs.filter((o) => o.includes('A coordinator account exists already'))).toHaveLength(2);
    // The printed password is the account's, on every process.
    const cookies = await Promise.all(apis.map((api) => login(api, printed[0] ?? '')));
    expect(cookies.every((c) => c?.startsWith('session='))).toBe(true);

    const done = await until(
      'the scoring to finish',
      async () => {
        const d = await dashboard(apis[0]!, cookies[0]!);
        return d.scoresPending === false ? d : undefined;
      },
      120_000,
    );
    expect(table(done)).toEqual(expected(sets));
    const [stored, fresh] = await totalsAndFresh(url);
    expect(stored).toEqual(fresh);
    // Contribution rows per set: one per component with data (I1 2, I2 1, I3 2, I4 2), each
    // interview's own overall score (4) and each weighted answer as a criterion (I1 4, I2 1, I3 3, I4 3).
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const parts = Number((await c.query('select sum(json_array_length(scores::json)) as n from submissions where scores is not null')).rows[0].n);
    expect(Number((await c.query('select count(*) as n from score_parts')).rows[0].n)).toBe(0);
    await c.end();
    expect(parts).toBe(22 * sets);

    // No process exited on its own; each stops cleanly.
    expect(servers.map((s) => s.child.exitCode)).toEqual([null, null, null]);
    for (const s of servers) s.child.kill('SIGTERM');
    expect(await Promise.all(servers.map((s) => s.exited))).toEqual([0, 0, 0]);
  }, 300_000);
});
