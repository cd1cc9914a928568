// @vitest-environment node
/**
 * The rate limits are kept where every server process of the same data sees them: three
 * processes on one PostgreSQL give one budget, not three, and a process started later (a restart,
 * a rolling deploy) inherits the counts. On SQLite a restart keeps them too (their own file).
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { API_PATHS } from '../../src/contract';
import { createServer } from '../../src/server/app';
import { openDatabase } from '../../src/server/db/open';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { DEFINITIONS_DIR, freshPostgresDatabase, postgresUrl } from './harness';
import { startServerProc, tempDir } from './process-helpers';

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop().catch(() => undefined);
});

const COORDINATOR = { COORDINATOR_USERNAME: 'dieuphoi', COORDINATOR_PASSWORD: 'mat-khau-dung-1234' };

async function login(api: string, password: string): Promise<number> {
  const r = await fetch(`${api}/api/coordinator/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: COORDINATOR.COORDINATOR_USERNAME, password }),
  });
  await r.arrayBuffer();
  return r.status;
}

async function enrol(api: string): Promise<number> {
  const r = await fetch(`${api}${API_PATHS.enrol}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'ABCD-EFGH-JKLM' }) });
  await r.arrayBuffer();
  return r.status;
}

async function openLink(api: string): Promise<number> {
  const r = await fetch(`${api}${API_PATHS.links}/not-a-real-token-but-long-enough`);
  await r.arrayBuffer();
  return r.status;
}

describe.skipIf(!postgresUrl())(`rate limits across server processes on PostgreSQL${postgresUrl() ? '' : ' (needs DATABASE_URL)'}`, () => {
  it('gives three processes one budget, and a process started later inherits it', async () => {
    const fresh = await freshPostgresDatabase();
    drops.push(fresh.drop);
    const env = { DATABASE_URL: fresh.url, DEFINITIONS_DIR, LINK_RATE_LIMIT: '12', ...COORDINATOR };
    const first = startServerProc(env);
    // The first creates the coordinator; the others start once it exists.
    await first.listening;
    const servers = [first, startServerProc(env), startServerProc(env)];
    const apis = await Promise.all(servers.map((s) => s.listening));

    // Wrong logins spread over the three: the 11th is refused, wherever it goes.
    const wrong: number[] = [];
    for (let i = 0; i < 13; i++) wrong.push(await login(apis[i % 3]!, 'sai-mat-khau'));
    expect(wrong).toEqual([...Array<number>(10).fill(401), 429, 429, 429]);
    // Enrolment (30 a minute per address): 30 tries in all, then 429 on every process.
    const tries: number[] = [];
    for (let i = 0; i < 33; i++) tries.push(await enrol(apis[i % 3]!));
    expect(tries.slice(0, 30).every((s) => s !== 429)).toBe(true);
    expect(tries.slice(30)).toEqual([429, 429, 429]);
    // Respondent links (LINK_RATE_LIMIT 12 a minute per address), the same.
    const links: number[] = [];
    for (let i = 0; i < 15; i++) links.push(await openLink(apis[i % 3]!));
    expect(links.slice(0, 12).every((s) => s === 404)).toBe(true);
    expect(links.slice(12)).toEqual([429, 429, 429]);

    // A process started now (a restart) counts on: the right password from this address still waits.
    servers[0]!.child.kill('SIGTERM');
    expect(await servers[0]!.exited).toBe(0);
    const later = startServerProc(env);
    const api = await later.listening;
    expect(await login(api, COORDINATOR.COORDINATOR_PASSWORD)).toBe(429);
    expect(await enrol(api)).toBe(429);
    expect(await openLink(api)).toBe(429);
    for (const s of [...servers.slice(1), later]) s.child.kill('SIGTERM');
    expect(await Promise.all([...servers.slice(1), later].map((s) => s.exited))).toEqual([0, 0, 0]);
  }, 180_000);
});

describe('rate limits on SQLite', () => {
  it('survive a restart of the server on the same data folder', async () => {
    const dataDir = tempDir('limits-');
    const catalog = loadCatalog(DEFINITIONS_DIR);
    const start = async () => {
      const database = await openDatabase({ dataDir });
      const app = await createServer({ database, catalog, closeDatabase: true, enrolRateLimit: { max: 3, windowMs: 60_000 } });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new Error('no address');
      return { app, api: `http://127.0.0.1:${address.port}` };
    };
    const one = await start();
    const first: number[] = [];
    for (let i = 0; i < 3; i++) first.push(await enrol(one.api));
    expect(first.every((s) => s !== 429)).toBe(true);
    await one.app.close();
    const two = await start();
    try {
      expect(await enrol(two.api)).toBe(429);
    } finally {
      await two.app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
