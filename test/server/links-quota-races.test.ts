// @vitest-environment node
/**
 * Policy "stop" under concurrency, enforced by the database: however many new link interviews
 * arrive at once, a stratum stores no more than its target (on each database, and through several
 * server processes sharing one PostgreSQL database); an interview the server let start is always
 * accepted; starting reserves nothing (src/contract/links.ts, QUOTAS).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/server/app';
import { openDatabase } from '../../src/server/db/open';
import type { ServerDatabase } from '../../src/server/db/open';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { createLinks as createLinksInDb } from '../../src/server/links/links';
import { describeEachDatabase, freshPostgresDatabase, postgresUrl } from './harness';
import type { TestServer } from './harness';
import { errorCode, post } from './http';
import type { Reply } from './http';
import { createLink, createLinks, linkSummary, startLinkServer, startThrough, submitThrough } from './links-helpers';
import { CAMPAIGN, linkDefinitions, linkInterview } from './links-fixtures';

const SENDERS = 40;

const outcome = (r: Reply): string => `${r.status} ${errorCode(r) ?? (r.body as { status?: string } | undefined)?.status ?? ''}`;

/** How many replies of each outcome, e.g. {'201 stored': 3, '409 quota_full': 37}. */
function tallyOf(replies: readonly Reply[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of replies) out[outcome(r)] = (out[outcome(r)] ?? 0) + 1;
  return out;
}

async function storedIn(database: ServerDatabase, group: string, stratum: string): Promise<number> {
  const row = await database.db
    .selectFrom('submissions')
    .select(({ fn }) => fn.countAll<string | number>().as('n'))
    .where('respondent_group', '=', group)
    .where('stratum', '=', stratum)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function counted(database: ServerDatabase, group: string, stratum: string): Promise<number> {
  const row = await database.db
    .selectFrom('quota_counts')
    .select('count')
    .where('campaign_id', '=', CAMPAIGN)
    .where('group_id', '=', group)
    .where('stratum', '=', stratum)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

describeEachDatabase('policy stop under concurrency', (kind) => {
  let server: TestServer;
  let cookie: string;
  let deviceToken: string;

  beforeAll(async () => {
    ({ server, cookie } = await startLinkServer(kind));
    deviceToken = (await server.enrolDevice('Trần Thị Thu')).token;
  });
  afterAll(() => server?.close());

  const expectExact = async (office: string, target: number, replies: Reply[]) => {
    expect(tallyOf(replies)).toEqual({ '201 stored': target, '409 quota_full': SENDERS - target });
    expect(await storedIn(server.database, 'official', office)).toBe(target);
    expect(await counted(server.database, 'official', office)).toBe(target);
  };

  it(`${SENDERS} new interviews at once, each through its own single link, into a stratum of target 3: exactly 3 stored`, async () => {
    const links = await createLinks(server, cookie, { group: 'official', stratum: 'o02', kind: 'single', count: SENDERS });
    const replies = await Promise.all(links.map(({ token }) => submitThrough(server, token, linkInterview('official', 'o02'))));
    await expectExact('o02', 3, replies);
  });

  it(`${SENDERS} new interviews at once through one shared link into a stratum of target 3: exactly 3 stored, the link used 3 times`, async () => {
    const { link, token } = await createLink(server, cookie, { group: 'official', stratum: 'o03', kind: 'shared', maxUses: 100 });
    const replies = await Promise.all(Array.from({ length: SENDERS }, () => submitThrough(server, token, linkInterview('official', 'o03'))));
    await expectExact('o03', 3, replies);
    expect(await linkSummary(server, cookie, link.id)).toMatchObject({ uses: 3 });
  });

  it(`${SENDERS} new interviews at once into a stratum of target 1: exactly 1 stored`, async () => {
    const links = await createLinks(server, cookie, { group: 'official', stratum: 'o01', kind: 'single', count: SENDERS });
    const replies = await Promise.all(links.map(({ token }) => submitThrough(server, token, linkInterview('official', 'o01'))));
    await expectExact('o01', 1, replies);
  });

  it('concurrent starts: admitted while the stratum has room (starting reserves nothing), each admitted interview accepted even over quota; all refused once full', async () => {
    const office = 'o04'; // target 3
    const { token } = await createLink(server, cookie, { group: 'official', stratum: office, kind: 'shared', maxUses: 100 });
    for (let i = 0; i < 2; i++) expect((await submitThrough(server, token, linkInterview('official', office))).status).toBe(201);
    // One place left: every start that arrives before it is taken is admitted.
    const items = Array.from({ length: SENDERS }, () => linkInterview('official', office));
    const starts = await Promise.all(items.map((item) => startThrough(server, token, item.id)));
    expect(starts.map((r) => r.status)).toEqual(items.map(() => 200));
    // Sent all at once, every one of them is accepted: the stratum goes over its target.
    const sent = await Promise.all(items.map((item) => submitThrough(server, token, item)));
    expect(tallyOf(sent)).toEqual({ '201 stored': SENDERS });
    expect(await counted(server.database, 'official', office)).toBe(2 + SENDERS);
    // Full now: no new interview starts, nor is one accepted without a start, however many try at once.
    const late = await Promise.all(Array.from({ length: SENDERS }, () => startThrough(server, token, randomUUID())));
    expect(tallyOf(late)).toEqual({ '409 quota_full': SENDERS });
    const unstarted = await Promise.all(Array.from({ length: 5 }, () => submitThrough(server, token, linkInterview('official', office))));
    expect(tallyOf(unstarted)).toEqual({ '409 quota_full': 5 });
  });

  it('starts and new interviews racing for the last place: one new interview at most, no start refused while a place was left, every admitted start accepted', async () => {
    const office = 'o05'; // target 3
    const { token } = await createLink(server, cookie, { group: 'official', stratum: office, kind: 'shared', maxUses: 200 });
    for (let i = 0; i < 2; i++) expect((await submitThrough(server, token, linkInterview('official', office))).status).toBe(201);
    const starters = Array.from({ length: SENDERS / 2 }, () => linkInterview('official', office));
    const [starts, fresh] = await Promise.all([
      Promise.all(starters.map((item) => startThrough(server, token, item.id))),
      Promise.all(Array.from({ length: SENDERS / 2 }, () => submitThrough(server, token, linkInterview('official', office)))),
    ]);
    const freshStored = fresh.filter((r) => r.status === 201).length;
    expect(freshStored).toBeLessThanOrEqual(1);
    expect(fresh.filter((r) => r.status !== 201).every((r) => outcome(r) === '409 quota_full')).toBe(true);
    expect(starts.every((r) => r.status === 200 || outcome(r) === '409 quota_full')).toBe(true);
    // Nobody took the last place: the stratum never filled, so no start was refused.
    if (freshStored === 0) expect(starts.every((r) => r.status === 200)).toBe(true);
    const admitted = starters.filter((_, i) => starts[i]?.status === 200);
    const sent = await Promise.all(admitted.map((item) => submitThrough(server, token, item)));
    expect(sent.every((r) => r.status === 201)).toBe(true);
    expect(await counted(server.database, 'official', office)).toBe(2 + freshStored + admitted.length);
  });

  it('device uploads are never refused for quota, concurrently with link interviews', async () => {
    const office = 'o06'; // target 3
    const { token } = await createLink(server, cookie, { group: 'official', stratum: office, kind: 'shared', maxUses: 100 });
    const [links, devices] = await Promise.all([
      Promise.all(Array.from({ length: 20 }, () => submitThrough(server, token, linkInterview('official', office)))),
      Promise.all(Array.from({ length: 5 }, () => post(server, '/api/submissions', { items: [linkInterview('official', office)] }, { token: deviceToken }))),
    ]);
    for (const r of devices) {
      expect(r.status).toBe(200);
      expect((r.body as { results: { status: string }[] }).results.map((x) => x.status)).toEqual(['stored']);
    }
    const linkStored = links.filter((r) => r.status === 201).length;
    expect(linkStored).toBeLessThanOrEqual(3);
    expect(links.filter((r) => r.status !== 201).every((r) => outcome(r) === '409 quota_full')).toBe(true);
    expect(await counted(server.database, 'official', office)).toBe(5 + linkStored);
  });
});

describe.skipIf(!postgresUrl())(`policy stop through 3 servers sharing one PostgreSQL database${postgresUrl() ? '' : ' (needs DATABASE_URL)'}`, () => {
  let definitions: ReturnType<typeof linkDefinitions>;
  let pg: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let dataDir: string;
  const databases: ServerDatabase[] = [];
  const apps: FastifyInstance[] = [];
  const servers: TestServer[] = [];

  beforeAll(async () => {
    definitions = linkDefinitions();
    pg = await freshPostgresDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'links-quota-servers-'));
    // One after the other: the first runs the migrations.
    for (let i = 0; i < 3; i++) {
      const database = await openDatabase({ databaseUrl: pg.url, dataDir: join(dataDir, String(i)) });
      databases.push(database);
      const app = await createServer({ database, catalog: loadCatalog(definitions.dir), linkRateLimit: false });
      apps.push(app);
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP address');
      servers.push({ url: `http://127.0.0.1:${address.port}` } as TestServer);
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const database of databases) await database.close();
    await pg?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    definitions?.remove();
  });

  const serverFor = (i: number): TestServer => servers[i % servers.length]!;

  it(`${SENDERS} new interviews at once, spread over the 3 servers, into a stratum of target 3: exactly 3 stored`, async () => {
    const catalog = loadCatalog(definitions.dir);
    const links = await createLinksInDb(databases[0]!.db, catalog, { group: 'official', stratum: 'o07', kind: 'single', count: SENDERS }, null);
    const replies = await Promise.all(links.map(({ token }, i) => submitThrough(serverFor(i), token, linkInterview('official', 'o07'))));
    expect(tallyOf(replies)).toEqual({ '201 stored': 3, '409 quota_full': SENDERS - 3 });
    expect(await storedIn(databases[1]!, 'official', 'o07')).toBe(3);
    expect(await counted(databases[2]!, 'official', 'o07')).toBe(3);
  });

  it(`${SENDERS} new interviews at once through one shared link on the 3 servers into a stratum of target 1: exactly 1 stored`, async () => {
    const catalog = loadCatalog(definitions.dir);
    const [link] = await createLinksInDb(databases[0]!.db, catalog, { group: 'official', stratum: 'o01', kind: 'shared', maxUses: 100 }, null);
    const replies = await Promise.all(Array.from({ length: SENDERS }, (_, i) => submitThrough(serverFor(i), link!.token, linkInterview('official', 'o01'))));
    expect(tallyOf(replies)).toEqual({ '201 stored': 1, '409 quota_full': SENDERS - 1 });
    expect(await storedIn(databases[0]!, 'official', 'o01')).toBe(1);
  });

  it('a stratum filled on one server refuses starts on the others, all at once', async () => {
    const catalog = loadCatalog(definitions.dir);
    const [link] = await createLinksInDb(databases[0]!.db, catalog, { group: 'official', stratum: 'o08', kind: 'shared', maxUses: 100 }, null);
    const token = link!.token;
    const fill = await Promise.all(Array.from({ length: 9 }, (_, i) => submitThrough(serverFor(i), token, linkInterview('official', 'o08'))));
    expect(tallyOf(fill)).toEqual({ '201 stored': 3, '409 quota_full': 6 });
    const starts = await Promise.all(Array.from({ length: SENDERS }, (_, i) => startThrough(serverFor(i), token, randomUUID())));
    expect(tallyOf(starts)).toEqual({ '409 quota_full': SENDERS });
  });
});
