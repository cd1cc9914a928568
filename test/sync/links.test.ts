// @vitest-environment node
/**
 * Respondent links against the real server: the device (no enrolment) describes the link, makes
 * its one draft, reports the start and sends the completed interview through the link; a lost
 * reply is acknowledged as already stored; a second interview through a used link, or one through
 * a revoked link, stays on the device refused with the server's code; the enumerator's own
 * uploads never carry a link interview; the link sender's triggers and retry timer.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getOutboxEntry, getRecord, outboxCounts, type SurveyDb } from '../../src/store';
import { getRespondentLink, openLinkInterview, saveLinkInfo } from '../../src/store/links';
import { createSyncer, type FetchLike } from '../../src/sync';
import { createLinkSyncer, type LinkSyncStatus } from '../../src/sync/link-syncer';
import { fetchLinkInfo, linkPass } from '../../src/sync/links';
import { ApiFailure } from '../../src/sync/failures';
import { CAMPAIGN_ID } from '../server/campaign-fixtures';
import { loginAsCoordinator } from '../server/coordinator-session';
import { DEFINITIONS_DIR, type TestServer } from '../server/harness';
import { createLink, linkSummary } from '../server/links-helpers';
import { post } from '../server/http';
import { answerSipas, completeSipas, sipas } from './interviews';
import { cleanUp, deviceDb, enrol, gateway, manualTimers, observedFetch, testServer, track } from './setup';

afterEach(async () => {
  await cleanUp();
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

const folders: string[] = [];

/**
 * A copy of the project's definitions whose citizens' group is served by the questionnaire the
 * sync tests fill (interviews.ts), whatever version the default campaign moves to.
 */
function definitionsForSipas(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sync-links-defs-'));
  folders.push(dir);
  cpSync(DEFINITIONS_DIR, dir, { recursive: true });
  const file = join(dir, 'campaigns', 'quang-binh-2021.json');
  const campaign = JSON.parse(readFileSync(file, 'utf8')) as { groups: { id: string; questionnaire: { id: string; version: number } }[] };
  const citizens = campaign.groups.find((g) => g.id === 'citizen');
  if (!citizens) throw new Error('the default campaign has no citizens’ group');
  citizens.questionnaire = { id: sipas.id, version: sipas.version };
  writeFileSync(file, JSON.stringify(campaign));
  return dir;
}

async function server(): Promise<{ srv: TestServer; cookie: string }> {
  const srv = await testServer({ linkRateLimit: false, definitionsDir: definitionsForSipas() });
  return { srv, cookie: await loginAsCoordinator(srv) };
}

/** A link for the 2021 campaign's citizens (by district), named: the current campaign, 2026's, has them by commune. */
const citizensLink = (srv: TestServer, cookie: string, kind: 'single' | 'shared' = 'single') =>
  createLink(srv, cookie, { campaign: CAMPAIGN_ID, group: 'citizen', stratum: 'bo-trach', kind, ...(kind === 'shared' ? { maxUses: 5 } : {}) });

/** What the respondent's page does on opening a link: describe it, keep it, make (or find) the draft. */
async function openOnDevice(db: SurveyDb, serverUrl: string, token: string) {
  await saveLinkInfo(token, await fetchLinkInfo(token, { serverUrl }), db);
  return openLinkInterview({ token, definition: sipas, lang: 'vi' }, db);
}

const pass = (db: SurveyDb, serverUrl: string, fetch?: FetchLike) => linkPass({ db, serverUrl, fetch, now: () => new Date() });

async function storedRow(srv: TestServer, id: string) {
  return srv.database.db.selectFrom('submissions').select(['id', 'mode', 'link_id', 'respondent_group', 'stratum']).where('id', '=', id).executeTakeFirst();
}

describe('an interview through a respondent link', () => {
  it('reports the start once and sends the interview through the link, stored as self-administered, with no enrolment', async () => {
    const { srv, cookie } = await server();
    const issued = await citizensLink(srv, cookie);
    const db = deviceDb();
    const draft = await openOnDevice(db, srv.url, issued.token);
    expect(draft).toMatchObject({ respondentGroup: 'citizen', stratum: 'bo-trach', mode: 'self', linkToken: issued.token });
    expect((await linkSummary(srv, cookie, issued.link.id)).state).toBe('opened');

    const { fetch, requests } = observedFetch();
    expect(await pass(db, srv.url, fetch)).toEqual({ acknowledged: 0, rejected: 0, status: 'ok' });
    expect((await linkSummary(srv, cookie, issued.link.id)).state).toBe('in_progress');
    expect((await getRespondentLink(issued.token, db))?.startedReportedAt).toBeDefined();

    const done = await answerSipas(db, draft);
    expect(await pass(db, srv.url, fetch)).toEqual({ acknowledged: 1, rejected: 0, status: 'ok' });
    // One start, one submission: the start is not reported again.
    expect(requests.map((r) => r.url.replace(srv.url, '').replace(issued.token, '<token>'))).toEqual([
      '/api/links/<token>/started',
      '/api/links/<token>/submissions',
    ]);
    expect(await outboxCounts(db)).toEqual({ pending: 0, rejected: 0 });
    expect((await getRecord(done.id, db))?.syncedAt).toBeDefined();
    expect(await storedRow(srv, done.id)).toEqual({ id: done.id, mode: 'self', link_id: issued.link.id, respondent_group: 'citizen', stratum: 'bo-trach' });
    expect(await srv.getSubmission(done.id)).toMatchObject({ answers: done.answers, startedAt: done.startedAt, completedAt: done.completedAt });
    expect((await linkSummary(srv, cookie, issued.link.id)).state).toBe('completed');

    // Opening the used link again: the server says used; the device knows its own interview was sent.
    await expect(fetchLinkInfo(issued.token, { serverUrl: srv.url })).rejects.toMatchObject({ status: 410, code: 'link_used' });
  });

  it('acknowledges the same interview resent after a lost reply as already stored: exactly one on the server', async () => {
    const { srv, cookie } = await server();
    const issued = await citizensLink(srv, cookie);
    const gw = await gateway(srv.url);
    const db = deviceDb();
    const draft = await openOnDevice(db, gw.url, issued.token);
    await pass(db, gw.url); // the start
    const done = await answerSipas(db, draft);
    gw.setMode('lose-reply');
    const lost = await pass(db, gw.url);
    expect(lost).toMatchObject({ status: 'failed', acknowledged: 0, error: { code: 'network' } });
    expect(gw.exchanges.at(-1)).toMatchObject({ path: `/api/links/${issued.token}/submissions`, status: 201, delivered: false });
    expect(await outboxCounts(db)).toEqual({ pending: 1, rejected: 0 });
    expect(await srv.countSubmissions()).toBe(1);

    expect(await pass(db, gw.url)).toEqual({ acknowledged: 1, rejected: 0, status: 'ok' });
    const resent = gw.exchanges.at(-1)!;
    expect(resent).toMatchObject({ status: 200, delivered: true });
    expect(JSON.parse(resent.responseBody!)).toMatchObject({ id: done.id, status: 'duplicate' });
    expect(await srv.countSubmissions()).toBe(1);
    expect(await outboxCounts(db)).toEqual({ pending: 0, rejected: 0 });
  });

  it('keeps a second interview through a used single link on its device, refused link_used, not stored twice', async () => {
    const { srv, cookie } = await server();
    const issued = await citizensLink(srv, cookie);
    const phoneA = deviceDb();
    const phoneB = deviceDb();
    const a = await answerSipas(phoneA, await openOnDevice(phoneA, srv.url, issued.token));
    const b = await answerSipas(phoneB, await openOnDevice(phoneB, srv.url, issued.token));
    expect(await pass(phoneA, srv.url)).toEqual({ acknowledged: 1, rejected: 0, status: 'ok' });
    expect(await pass(phoneB, srv.url)).toEqual({ acknowledged: 0, rejected: 1, status: 'ok' });
    expect(await getOutboxEntry(b.id, phoneB)).toMatchObject({ state: 'rejected', rejection: { code: 'link_used' } });
    expect(await getRecord(b.id, phoneB)).toMatchObject({ status: 'completed', answers: b.answers });
    expect(await srv.countSubmissions()).toBe(1);
    expect(await srv.getSubmission(a.id)).toBeDefined();
    expect(await srv.getSubmission(b.id)).toBeUndefined();
  });

  it('keeps an interview through a revoked link on the device, refused link_revoked', async () => {
    const { srv, cookie } = await server();
    const issued = await citizensLink(srv, cookie, 'shared');
    const db = deviceDb();
    const draft = await openOnDevice(db, srv.url, issued.token);
    const revoked = await post(srv, `/api/coordinator/links/${issued.link.id}/revoke`, {}, { headers: { cookie } });
    expect(revoked.status).toBe(200);
    // The start is refused for good, and remembered (an offline reopen shows it).
    expect(await pass(db, srv.url)).toEqual({ acknowledged: 0, rejected: 0, status: 'ok' });
    expect((await getRespondentLink(issued.token, db))?.refusal).toMatchObject({ code: 'link_revoked' });
    const done = await answerSipas(db, draft);
    expect(await pass(db, srv.url)).toEqual({ acknowledged: 0, rejected: 1, status: 'ok' });
    expect(await getOutboxEntry(done.id, db)).toMatchObject({ state: 'rejected', rejection: { code: 'link_revoked' } });
    expect(await srv.countSubmissions()).toBe(0);
  });

  it('keeps trying after 429 rate_limited (a commune office behind one address): nothing refused, sent once the limit passes', async () => {
    const { srv, cookie } = await server();
    const issued = await citizensLink(srv, cookie, 'shared');
    const db = deviceDb();
    const draft = await openOnDevice(db, srv.url, issued.token);
    const done = await answerSipas(db, draft);
    let limited = true;
    const busy: FetchLike = async (url, init) =>
      limited
        ? new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'Too many requests from this address: try again in 1 minute.' } }), {
            status: 429,
            headers: { 'content-type': 'application/json', 'retry-after': '60' },
          })
        : fetch(url, init);
    expect(await pass(db, srv.url, busy)).toMatchObject({ acknowledged: 0, rejected: 0, status: 'failed' });
    expect(await getOutboxEntry(done.id, db)).toMatchObject({ state: 'pending' });
    expect((await getRespondentLink(issued.token, db))?.refusal).toBeUndefined();
    limited = false;
    expect(await pass(db, srv.url, busy)).toEqual({ acknowledged: 1, rejected: 0, status: 'ok' });
    expect(await srv.getSubmission(done.id)).toBeDefined();
  });

  it('describes an unknown link as link_unknown', async () => {
    const { srv } = await server();
    const failure = await fetchLinkInfo('0'.repeat(26), { serverUrl: srv.url }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ status: 404, code: 'link_unknown' });
  });
});

describe('device uploads and link interviews side by side', () => {
  it('the enumerator’s syncer sends only its own interviews; the link sender only the link’s', async () => {
    const { srv, cookie } = await server();
    const db = deviceDb();
    await enrol(db, srv);
    const own = await completeSipas(db);
    const issued = await citizensLink(srv, cookie);
    const viaLink = await answerSipas(db, await openOnDevice(db, srv.url, issued.token));

    const device = observedFetch();
    const outcome = await createSyncer({ db, fetch: device.fetch }).syncNow();
    expect(outcome).toEqual({ status: 'ok', acknowledged: 1, rejected: 0 });
    expect(device.uploads.map((u) => u.ids)).toEqual([[own.id]]);
    expect(await getOutboxEntry(viaLink.id, db)).toMatchObject({ state: 'pending', linkToken: issued.token });

    const sender = track(createLinkSyncer({ db, serverUrl: srv.url }));
    expect(await sender.syncNow()).toEqual({ status: 'ok', acknowledged: 1, rejected: 0 });
    expect(await outboxCounts(db)).toEqual({ pending: 0, rejected: 0 });
    expect((await storedRow(srv, own.id))?.mode).toBe('interviewer');
    expect((await storedRow(srv, viaLink.id))?.mode).toBe('self');
  });
});

describe('the link sender', () => {
  function environment(online: boolean) {
    const window = new EventTarget();
    const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const navigator = { onLine: online };
    return { window, document, navigator };
  }

  it('waits while offline, sends on `online`, retries on a timer after a failure, and on becoming visible', async () => {
    const { srv, cookie } = await server();
    const gw = await gateway(srv.url);
    const issued = await citizensLink(srv, cookie);
    const db = deviceDb();
    await answerSipas(db, await openOnDevice(db, gw.url, issued.token));

    const env = environment(false);
    const timers = manualTimers();
    const statuses: LinkSyncStatus[] = [];
    const sender = track(createLinkSyncer({ db, serverUrl: gw.url, env, timers, random: () => 0.5 }));
    sender.subscribe((s) => statuses.push(s));
    const before = gw.exchanges.length;
    sender.start();
    await sender.whenIdle();
    expect(gw.exchanges.length).toBe(before); // offline: nothing tried

    // Back online, but the server's proxy answers 502: a retry is scheduled.
    gw.setMode('bad-gateway', 'bad-gateway');
    env.navigator.onLine = true;
    env.window.dispatchEvent(new Event('online'));
    await expect.poll(() => statuses.at(-1)?.lastError?.code, { timeout: 5_000 }).toBe('internal');
    expect(timers.delays()).toHaveLength(1);
    expect(statuses.at(-1)?.nextRetryAt).toBeDefined();
    expect(await outboxCounts(db)).toEqual({ pending: 1, rejected: 0 });

    // The timer fires once the server is back: sent.
    gw.setMode('forward');
    timers.fireAll();
    await expect.poll(() => outboxCounts(db), { timeout: 5_000 }).toEqual({ pending: 0, rejected: 0 });
    await expect.poll(() => statuses.at(-1)?.syncing, { timeout: 5_000 }).toBe(false);
    expect(statuses.at(-1)?.lastError).toBeUndefined();
    expect(timers.delays()).toEqual([]);
    expect(await srv.countSubmissions()).toBe(1);

    // Becoming visible looks again (nothing left: no submission request).
    const sent = gw.exchanges.length;
    const runs = sender.getStatus().runs;
    env.document.dispatchEvent(new Event('visibilitychange'));
    await expect.poll(() => sender.getStatus().runs, { timeout: 5_000 }).toBe(runs + 1);
    expect(gw.exchanges.slice(sent)).toEqual([]);
  });
});
