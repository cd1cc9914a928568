// @vitest-environment node
/**
 * Respondent links under concurrency, on each database: the link is consumed in the transaction
 * that stores the interview, so a single link never stores two interviews and a shared link never
 * more than its maxUses, however many requests arrive at once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './harness';
import type { TestServer } from './harness';
import { errorCode } from './http';
import { createLink, createLinks, linkSummary, startLinkServer, submitThrough } from './links-helpers';
import { OFFICES, linkInterview } from './links-fixtures';

const ROUNDS = 25;

describeEachDatabase('respondent links under concurrency', (kind) => {
  let server: TestServer;
  let cookie: string;

  beforeAll(async () => ({ server, cookie } = await startLinkServer(kind)));
  afterAll(() => server?.close());

  const storedThrough = async (linkId: string): Promise<number> => {
    const row = await server.database.db
      .selectFrom('submissions')
      .select(({ fn }) => fn.countAll<string | number>().as('n'))
      .where('link_id', '=', linkId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it(`two different interviews racing on one single-use link: exactly one stored, the other refused (${ROUNDS} rounds)`, async () => {
    const links = await createLinks(server, cookie, { group: 'resident', stratum: 'o01', kind: 'single', count: ROUNDS });
    for (const { link, token } of links) {
      const pair = [resident('o01'), resident('o01')];
      const replies = await Promise.all(pair.map((item) => submitThrough(server, token, item)));
      const statuses = replies.map((r) => `${r.status} ${errorCode(r) ?? (r.body as { status: string }).status}`).sort();
      expect(statuses).toEqual(['201 stored', '410 link_used']);
      expect(await storedThrough(link.id)).toBe(1);
      expect((await linkSummary(server, cookie, link.id)).uses).toBe(1);
    }
  });

  it(`the same interview sent three times at once (lost replies resent): stored once, the others acknowledged (${ROUNDS * 2} rounds)`, async () => {
    // Each copy may find the link open, or already used by another copy that committed between two
    // of its statements: every copy after the first must be acknowledged, never refused as used.
    const links = await createLinks(server, cookie, { group: 'resident', stratum: 'o02', kind: 'single', count: ROUNDS * 2 });
    for (const { link, token } of links) {
      const item = resident('o02');
      const replies = await Promise.all([0, 1, 2].map(() => submitThrough(server, token, item)));
      expect(replies.map((r) => `${r.status} ${errorCode(r) ?? (r.body as { status: string }).status}`).sort()).toEqual(['200 duplicate', '200 duplicate', '201 stored']);
      expect(await storedThrough(link.id)).toBe(1);
    }
  });

  it(`the same interview sent three times at once as it fills its stratum (policy stop): stored once, the others acknowledged (${ROUNDS} rounds)`, async () => {
    // Offices o02… have a target of 3 officials: two are stored first, the third fills the stratum.
    for (const office of OFFICES.slice(1, 1 + ROUNDS)) {
      const { link, token } = await createLink(server, cookie, { group: 'official', stratum: office, kind: 'shared', maxUses: 10 });
      for (const first of [linkInterview('official', office), linkInterview('official', office)]) expect((await submitThrough(server, token, first)).status).toBe(201);
      const item = linkInterview('official', office);
      const replies = await Promise.all([0, 1, 2].map(() => submitThrough(server, token, item)));
      expect(replies.map((r) => `${r.status} ${errorCode(r) ?? (r.body as { status: string }).status}`).sort()).toEqual(['200 duplicate', '200 duplicate', '201 stored']);
      expect(await storedThrough(link.id)).toBe(3);
    }
  });

  it('a shared link for N completions under concurrency never stores more than N', async () => {
    for (const [maxUses, senders] of [
      [5, 12],
      [1, 6],
      [8, 8],
      [3, 20],
    ] as const) {
      const { link, token } = await createLink(server, cookie, { group: 'resident', stratum: 'o03', kind: 'shared', maxUses });
      const replies = await Promise.all(Array.from({ length: senders }, () => submitThrough(server, token, resident('o03'))));
      const stored = replies.filter((r) => r.status === 201).length;
      expect(stored).toBe(Math.min(maxUses, senders));
      for (const r of replies.filter((x) => x.status !== 201)) expect([r.status, errorCode(r)]).toEqual([410, 'link_exhausted']);
      expect(await storedThrough(link.id)).toBe(stored);
      expect(await linkSummary(server, cookie, link.id)).toMatchObject({ uses: stored, state: stored === maxUses ? 'exhausted' : 'in_progress' });
    }
  });
});

/** A resident's interview: residents have policy continue, so quotas never refuse these. */
const resident = (office: string) => linkInterview('resident', office);
