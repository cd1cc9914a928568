// @vitest-environment node
/**
 * Respondent links and the rest of the server: their interviews count towards quotas and are marked
 * self-administered (export, dashboard); policy "stop" refuses a new interview in a full stratum as
 * on devices; the link routes are rate limited; tokens stay out of logs; /r/<token> gets the app.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoordinatorDashboard, LinkInfo, QuotaSnapshot } from '../../src/contract';
import type { Submission } from '../../src/contract';
import { createServer } from '../../src/server/app';
import { openDatabase } from '../../src/server/db/open';
import { loadCatalog } from '../../src/server/definitions/catalog';
import { redactTokens } from '../../src/server/links/redact';
import { describeEachDatabase } from './harness';
import type { TestServer } from './harness';
import { parseCsv } from './csv';
import { errorCode, get, post } from './http';
import { createLink, linkSummary, openLink, startLinkServer, startThrough, submitThrough } from './links-helpers';
import { linkDefinitions, linkInterview } from './links-fixtures';

describeEachDatabase('respondent links with quotas and exports', (kind) => {
  let server: TestServer;
  let cookie: string;
  let deviceToken: string;

  beforeAll(async () => {
    ({ server, cookie } = await startLinkServer(kind));
    deviceToken = (await server.enrolDevice('Nguyễn Văn Xuất')).token;
  });
  afterAll(() => server?.close());

  const sendFromDevice = async (items: Submission[]) => {
    const r = await post(server, '/api/submissions', { items }, { token: deviceToken });
    expect(r.status).toBe(200);
    expect((r.body as { results: { status: string }[] }).results.every((x) => x.status === 'stored')).toBe(true);
  };
  const quota = async () => QuotaSnapshot.parse((await get(server, '/api/quota', { cookie })).body);
  const stratumOf = (snapshot: QuotaSnapshot, group: string, value: string) => snapshot.groups.find((g) => g.id === group)?.strata.find((s) => s.value === value);

  it('a link interview counts towards its group and stratum, and is marked self-administered in exports and the dashboard', async () => {
    const office = 'o10';
    const { link, token } = await createLink(server, cookie, { group: 'official', stratum: office, kind: 'single' });
    await sendFromDevice([linkInterview('official', office)]);
    expect(stratumOf(await quota(), 'official', office)?.accepted).toBe(1);
    const item = linkInterview('official', office);
    expect((await submitThrough(server, token, item)).status).toBe(201);
    expect(stratumOf(await quota(), 'official', office)?.accepted).toBe(2);
    // Resending does not count twice.
    expect((await submitThrough(server, token, item)).status).toBe(200);
    expect(stratumOf(await quota(), 'official', office)?.accepted).toBe(2);

    const dashboard = CoordinatorDashboard.parse((await get(server, '/api/coordinator/dashboard', { cookie })).body);
    expect(dashboard.perEnumerator.find((e) => e.deviceId === 'respondent-links')).toMatchObject({ count: 1 });
    // The reserved row of link interviews is not a device: not listed among devices, not revocable.
    expect(dashboard.devices.map((d) => d.id)).not.toContain('respondent-links');
    expect(dashboard.devices.length).toBeGreaterThan(0);
    const devices = (await get(server, '/api/coordinator/devices', { cookie })).body as { devices: { id: string }[] };
    expect(devices.devices.map((d) => d.id)).not.toContain('respondent-links');
    expect(devices.devices.length).toBeGreaterThan(0);
    const revoke = await post(server, '/api/coordinator/devices/respondent-links/revoke', {}, { headers: { cookie } });
    expect([revoke.status, errorCode(revoke)]).toEqual([404, 'not_found']);

    const csv = await get(server, '/api/coordinator/exports/link-survey/1.csv', { cookie });
    const [header, ...rows] = parseCsv(csv.text.replace(/^\uFEFF/, ''));
    const at = (row: string[], column: string) => row[header!.indexOf(column)];
    const linkRow = rows.find((r) => r[0] === item.id)!;
    expect(at(linkRow, 'mode')).toBe('self');
    expect(at(linkRow, 'device')).toBe('respondent-links');
    expect(rows.filter((r) => r[0] !== item.id).every((r) => at(r, 'mode') === 'interviewer')).toBe(true);
    const labelled = await get(server, '/api/coordinator/exports/link-survey/1.csv?labels=en', { cookie });
    const [lheader, ...lrows] = parseCsv(labelled.text.replace(/^\uFEFF/, ''));
    expect(lrows.find((r) => r[0] === item.id)?.[lheader!.indexOf('mode')]).toBe('Self-administered (link)');

    const json = (await get(server, '/api/coordinator/exports/link-survey/1.json', { cookie })).body as { interviews: { id: string; mode: string }[] };
    expect(json.interviews.find((i) => i.id === item.id)).toMatchObject({ mode: 'self' });
    expect(json.interviews.filter((i) => i.id !== item.id).every((i) => i.mode === 'interviewer')).toBe(true);
    // Respondents are told no export says which link an answer came through (a link's note may name its respondent).
    expect(JSON.stringify(json)).not.toContain(link.id);
    expect(json.interviews.every((i) => !('link' in i))).toBe(true);
  });

  it('policy stop, full stratum: no new interview starts or is accepted through a link; one that started before is accepted', async () => {
    const office = 'o01'; // target 1 for officials
    const single = await createLink(server, cookie, { group: 'official', stratum: office, kind: 'single' });
    const shared = await createLink(server, cookie, { group: 'official', stratum: office, kind: 'shared', maxUses: 5 });
    const early = linkInterview('official', office);
    expect(LinkInfo.parse((await openLink(server, single.token)).body)).toMatchObject({ startAllowed: true, quota: { policy: 'stop', target: 1, accepted: 0, full: false } });
    expect((await startThrough(server, single.token, early.id)).status).toBe(200);

    await sendFromDevice([linkInterview('official', office)]);
    const info = LinkInfo.parse((await openLink(server, shared.token)).body);
    expect(info).toMatchObject({ startAllowed: false, quota: { policy: 'stop', target: 1, accepted: 1, full: true } });
    const start = await startThrough(server, shared.token, randomUUID());
    expect([start.status, errorCode(start)]).toEqual([409, 'quota_full']);
    const late = await submitThrough(server, shared.token, linkInterview('official', office));
    expect([late.status, errorCode(late)]).toEqual([409, 'quota_full']);
    expect(await linkSummary(server, cookie, shared.link.id)).toMatchObject({ uses: 0, inProgress: 0 });

    // Started while there was room: still accepted (and its start is still acknowledged).
    expect((await startThrough(server, single.token, early.id)).status).toBe(200);
    expect((await submitThrough(server, single.token, early)).status).toBe(201);
    expect(stratumOf(await quota(), 'official', office)).toMatchObject({ target: 1, accepted: 2, over: 1, full: true });
  });

  it('a full stratum under policy continue refuses nothing', async () => {
    const office = 'o05'; // target 1 for residents, policy continue
    await sendFromDevice([linkInterview('resident', office)]);
    const { token } = await createLink(server, cookie, { group: 'resident', stratum: office, kind: 'shared', maxUses: 3 });
    expect(LinkInfo.parse((await openLink(server, token)).body)).toMatchObject({ startAllowed: true, quota: { policy: 'continue', target: 1, accepted: 1, full: true } });
    expect((await startThrough(server, token, randomUUID())).status).toBe(200);
    expect((await submitThrough(server, token, linkInterview('resident', office))).status).toBe(201);
    expect(stratumOf(await quota(), 'resident', office)).toMatchObject({ accepted: 2, over: 1 });
  });

  it('rate limiting is off in this suite: many requests from one address all get through', async () => {
    const replies = await Promise.all(Array.from({ length: 150 }, () => openLink(server, 'k7qm2xpa9dh4ex0v3b8n6c1rtw')));
    expect(new Set(replies.map((r) => r.status))).toEqual(new Set([404]));
  });
});

describeEachDatabase('respondent link rate limit', (kind) => {
  let server: TestServer;
  beforeAll(async () => ({ server } = await startLinkServer(kind, { max: 4, windowMs: 60_000 })));
  afterAll(() => server?.close());

  it('refuses a client over the limit with 429 rate_limited and Retry-After, across the three link routes', async () => {
    const token = 'k7qm2xpa9dh4ex0v3b8n6c1rtw';
    const within = [
      await openLink(server, token),
      await startThrough(server, token, randomUUID()),
      await submitThrough(server, token, linkInterview('member')),
      await openLink(server, token),
    ];
    expect(within.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    for (const r of [await openLink(server, token), await submitThrough(server, token, linkInterview('member'))]) {
      expect([r.status, errorCode(r)]).toEqual([429, 'rate_limited']);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Other routes are not limited.
    expect((await get(server, '/api/health')).status).toBe(200);
    expect((await get(server, '/api/coordinator/links')).status).toBe(401);
  });
});

describe('respondent link tokens outside the API', () => {
  let dir: string;
  let app: Awaited<ReturnType<typeof createServer>>;
  const lines: string[] = [];
  let definitions: ReturnType<typeof linkDefinitions>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'links-app-'));
    // A built app is a folder with index.html.
    const appDir = join(dir, 'dist');
    mkdirSync(appDir);
    writeFileSync(join(appDir, 'index.html'), '<!doctype html><title>app</title>');
    const database = await openDatabase({ dataDir: join(dir, 'data') });
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    definitions = linkDefinitions();
    app = await createServer({ database, catalog: loadCatalog(definitions.dir), appDir, logger: { level: 'info', stream }, closeDatabase: true, linkRateLimit: false });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
    definitions?.remove();
  });

  it('serves the app for /r/<token>, without a Referer leaving the page', async () => {
    const r = await app.inject({ method: 'GET', url: '/r/k7qm2xpa9dh4ex0v3b8n6c1rtw' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.body).toContain('<title>app</title>');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });

  it('never writes a token into the request log', async () => {
    const token = 'zz9qm2xpa9dh4ex0v3b8n6c1rt';
    await app.inject({ method: 'GET', url: `/r/${token}` });
    await app.inject({ method: 'GET', url: `/api/links/${token}` });
    await app.inject({ method: 'POST', url: `/api/links/${token.toUpperCase()}/started`, payload: { interviewId: randomUUID() } });
    await app.inject({ method: 'POST', url: `/api/links/${token}/submissions`, payload: linkInterview('member') });
    const log = lines.join('');
    expect(log).toContain('/api/links/***/started');
    expect(log).toContain('/r/***');
    expect(log.toLowerCase()).not.toContain(token);
  });

  it('redacts the token of both paths, in any case, and nothing else', () => {
    expect(redactTokens('/r/abc?x=1')).toBe('/r/***?x=1');
    expect(redactTokens('//API/links/abc/submissions')).toBe('//API/links/***/submissions');
    expect(redactTokens('/api/definitions/sipas/1')).toBe('/api/definitions/sipas/1');
    expect(redactTokens('/rr/abc')).toBe('/rr/abc');
  });
});
