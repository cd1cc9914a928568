// @vitest-environment node
/**
 * Cheap attacks that need no account: parallel login bursts, oversized bodies, closed links with
 * huge bodies, forged proxy headers, foreign origins, malformed HTTP, tokens hidden by
 * percent-encoding, an overloaded event loop. Each test fails on a server without the defence.
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCoordinator } from '../../src/server/coordinators/accounts';
import { PASSWORD } from './coordinator-session';
import { describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { errorCode, get, post } from './http';
import type { Reply } from './http';
import { createLink, startLinkServer, submitThrough } from './links-helpers';
import { linkInterview } from './links-fixtures';

const wrongLogin = (server: TestServer, headers: Record<string, string> = {}, username = 'admin'): Promise<Reply> =>
  post(server, '/api/coordinator/login', { username, password: 'sai-mat-khau-roi' }, { headers });

/** One raw HTTP exchange over a socket, for what fetch cannot send. */
function rawRequest(server: TestServer, request: string): Promise<string> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.end(request));
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (out += chunk));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

describeEachDatabase('hostile traffic', (kind) => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    ({ server, cookie } = await startLinkServer(kind));
    await setCoordinator(server.database.db, 'admin', PASSWORD);
  });
  afterAll(() => server?.close());

  it('counts a parallel burst of wrong logins attempt by attempt: 10 are checked, 90 refused unchecked', async () => {
    const replies = await Promise.all(Array.from({ length: 100 }, () => wrongLogin(server, {}, 'burst-target')));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(90);
    const refused = replies.find((r) => r.status === 429)!;
    expect(errorCode(refused)).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('forgets the failures of a login that succeeds', async () => {
    await setCoordinator(server.database.db, 'forgetful', PASSWORD);
    for (let i = 0; i < 9; i++) expect((await wrongLogin(server, {}, 'forgetful')).status).toBe(401);
    expect((await post(server, '/api/coordinator/login', { username: 'forgetful', password: PASSWORD })).status).toBe(200);
    // Without the reset, the next wrong password would spend the tenth attempt and lock the user out.
    for (let i = 0; i < 9; i++) expect((await wrongLogin(server, {}, 'forgetful')).status).toBe(401);
    expect((await post(server, '/api/coordinator/login', { username: 'forgetful', password: PASSWORD })).status).toBe(200);
  });

  it('refuses bodies over each route’s limit before reading them (413 body_too_large)', async () => {
    const big = (n: number) => JSON.stringify({ code: 'x'.repeat(n) });
    const enrol = await post(server, '/api/devices/enrol', big(5_000));
    expect([enrol.status, errorCode(enrol)]).toEqual([413, 'body_too_large']);
    const login = await post(server, '/api/coordinator/login', JSON.stringify({ username: 'admin', password: 'p'.repeat(9_000) }));
    expect([login.status, errorCode(login)]).toEqual([413, 'body_too_large']);
    const link = await createLink(server, cookie, { group: 'member', kind: 'single' });
    const started = await post(server, `/api/links/${link.token}/started`, { interviewId: randomUUID(), pad: 'x'.repeat(2_000) });
    expect([started.status, errorCode(started)]).toEqual([413, 'body_too_large']);
    // One interview of this server's questionnaires is far under a megabyte; 1 MB is refused.
    const huge = linkInterview('member', undefined, { answers: { q1: '1', q2: 'x'.repeat(20_000) } });
    const padded = JSON.stringify({ ...huge, pad: 'y'.repeat(1024 * 1024) });
    const submitted = await post(server, `/api/links/${link.token}/submissions`, padded);
    expect([submitted.status, errorCode(submitted)]).toEqual([413, 'body_too_large']);
  });

  it('takes the largest legitimate interview through a link', async () => {
    const link = await createLink(server, cookie, { group: 'member', kind: 'single' });
    const r = await submitThrough(server, link.token, linkInterview('member', undefined, { answers: { q1: '1', q2: 'Ý kiến '.repeat(2_800) } }));
    expect(r.status, r.text).toBe(201);
  });

  it('refuses an unknown, used or revoked link before parsing its body, and still acknowledges the resend of its own interview', async () => {
    // Not JSON at all: a server that parsed first would answer 400 invalid_json.
    const garbage = `{"id": "${'x'.repeat(100_000)}`;
    const unknown = await post(server, `/api/links/${'k'.repeat(26)}/submissions`, garbage);
    expect([unknown.status, errorCode(unknown)]).toEqual([404, 'link_unknown']);

    const link = await createLink(server, cookie, { group: 'member', kind: 'single' });
    const first = linkInterview('member');
    expect((await submitThrough(server, link.token, first)).status).toBe(201);
    const used = await post(server, `/api/links/${link.token}/submissions`, garbage);
    expect([used.status, errorCode(used)]).toEqual([410, 'link_used']);
    // Another interview's id in the header does not open the link either.
    const other = await post(server, `/api/links/${link.token}/submissions`, garbage, { headers: { 'interview-id': randomUUID() } });
    expect([other.status, errorCode(other)]).toEqual([410, 'link_used']);
    // The interview it stored, resent after a lost reply: acknowledged.
    const resend = await submitThrough(server, link.token, first);
    expect([resend.status, (resend.body as { status?: string }).status]).toEqual([200, 'duplicate']);

    const revoked = await createLink(server, cookie, { group: 'member', kind: 'single' });
    expect((await post(server, `/api/coordinator/links/${revoked.link.id}/revoke`, {}, { headers: { cookie } })).status).toBe(200);
    const refused = await post(server, `/api/links/${revoked.token}/submissions`, garbage);
    expect([refused.status, errorCode(refused)]).toEqual([410, 'link_revoked']);
  });

  it('refuses an interview with more answers than any questionnaire has questions after counting them, with a short reply', async () => {
    const link = await createLink(server, cookie, { group: 'member', kind: 'single' });
    const answers: Record<string, string> = { q1: '1' };
    for (let i = 0; i < 5_000; i++) answers[`made-up-${i}`] = 'x';
    const r = await submitThrough(server, link.token, linkInterview('member', undefined, { answers }));
    expect([r.status, errorCode(r)]).toEqual([400, 'invalid_request']);
    expect((r.body as { error: { details: unknown[] } }).error.details).toEqual([{ path: 'answers', message: 'at most 2 answers' }]);
    expect(r.text.length).toBeLessThan(1_000);
    // The link is still unused: the respondent's real interview goes through.
    expect((await submitThrough(server, link.token, linkInterview('member'))).status).toBe(201);
  });

  it('refuses a coordinator’s state change from a foreign Origin or a cross-site request (403), and takes its own', async () => {
    const foreign = await post(server, '/api/coordinator/links', { group: 'member', kind: 'single' }, { headers: { cookie, origin: 'https://evil.example' } });
    expect([foreign.status, errorCode(foreign)]).toEqual([403, 'forbidden']);
    const crossSite = await post(server, '/api/coordinator/links', { group: 'member', kind: 'single' }, { headers: { cookie, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const login = await post(server, '/api/coordinator/login', { username: 'admin', password: PASSWORD }, { headers: { origin: 'https://evil.example' } });
    expect(login.status).toBe(403);
    // A browser's own word wins over a Host header that a proxy may have rewritten.
    const sameSite = await post(server, '/api/coordinator/links', { group: 'member', kind: 'single' }, { headers: { cookie, 'sec-fetch-site': 'same-site', origin: server.url } });
    expect(sameSite.status).toBe(403);
    const own = await post(server, '/api/coordinator/links', { group: 'member', kind: 'single' }, { headers: { cookie, origin: server.url } });
    expect(own.status, own.text).toBe(201);
    const behindProxy = await post(server, '/api/coordinator/links', { group: 'member', kind: 'single' }, { headers: { cookie, origin: 'https://khaosat.example.gov.vn', 'sec-fetch-site': 'same-origin' } });
    expect(behindProxy.status, behindProxy.text).toBe(201);
  });

  it('answers the HTTP parser’s own refusals with the coded error body', async () => {
    const badChunk = await rawRequest(server, 'POST /api/devices/enrol HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n');
    expect(badChunk).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(badChunk.slice(badChunk.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'invalid_request' } });
    const bigHeaders = await rawRequest(server, `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(bigHeaders).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(bigHeaders.slice(bigHeaders.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'invalid_request' } });
  });
});

describe('enrolment', () => {
  it('is limited per address (429 rate_limited after 30 attempts a minute)', async () => {
    const server = await startTestServer();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await post(server, '/api/devices/enrol', { code: `WRONG-${i}-CODE` })).status);
      expect(statuses.slice(0, 30)).toEqual(Array(30).fill(400));
      expect(statuses[30]).toBe(429);
    } finally {
      await server.close();
    }
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  let trusted: TestServer;
  let untrusted: TestServer;
  beforeAll(async () => {
    trusted = await startTestServer({ server: { trustProxy: ['127.0.0.1'] }, linkRateLimit: { max: 3, windowMs: 60_000 } });
    untrusted = await startTestServer({ server: { trustProxy: ['10.9.9.9'] }, linkRateLimit: { max: 3, windowMs: 60_000 } });
    for (const s of [trusted, untrusted]) await setCoordinator(s.database.db, 'admin', PASSWORD);
  });
  afterAll(async () => {
    await trusted?.close();
    await untrusted?.close();
  });
  const login = (server: TestServer, headers: Record<string, string>) => post(server, '/api/coordinator/login', { username: 'admin', password: PASSWORD }, { headers });

  it('sets the cookie Secure when the trusted proxy says https, and only then', async () => {
    const viaProxy = await login(trusted, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' });
    expect(viaProxy.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const plain = await login(trusted, {});
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/i);
    const forged = await login(untrusted, { 'x-forwarded-proto': 'https' });
    expect(forged.status).toBe(200);
    expect(forged.headers.get('set-cookie')).not.toMatch(/Secure/i);
  });

  it('counts limits per real client behind the trusted proxy, and per connection otherwise', async () => {
    const client = (server: TestServer, ip: string) => get(server, `/api/links/${'k'.repeat(26)}`, { 'x-forwarded-for': ip });
    for (let i = 0; i < 3; i++) expect((await client(trusted, '198.51.100.1')).status).toBe(404);
    expect((await client(trusted, '198.51.100.1')).status).toBe(429);
    // The next respondent behind the same proxy is not refused for the first one's requests.
    expect((await client(trusted, '198.51.100.2')).status).toBe(404);
    // Untrusted: X-Forwarded-For is ignored, so a client cannot buy a new budget by changing it.
    for (let i = 0; i < 3; i++) expect((await client(untrusted, `198.51.100.${10 + i}`)).status).toBe(404);
    expect((await client(untrusted, '198.51.100.99')).status).toBe(429);
  });

  it('locks out a guessing address without locking out the coordinator at another address', async () => {
    for (let i = 0; i < 10; i++) expect((await wrongLogin(trusted, { 'x-forwarded-for': '192.0.2.66' })).status).toBe(401);
    expect((await wrongLogin(trusted, { 'x-forwarded-for': '192.0.2.66' })).status).toBe(429);
    expect((await login(trusted, { 'x-forwarded-for': '192.0.2.10' })).status).toBe(200);
  });
});

describe('security headers and files never served', () => {
  let server: TestServer;
  beforeAll(async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dist = mkdtempSync(join(tmpdir(), 'survey-dist-'));
    mkdirSync(join(dist, 'assets'));
    mkdirSync(join(dist, '.vite'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><script>console.log("preload")</script><script type="module" src="/assets/a.js"></script><div id="root"></div>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("install", () => {});');
    writeFileSync(join(dist, 'sw.js.map'), '{"version":3}');
    writeFileSync(join(dist, 'assets', 'a.js'), 'console.log(1);');
    writeFileSync(join(dist, 'assets', 'a.js.map'), '{"version":3}');
    writeFileSync(join(dist, '.vite', 'manifest.json'), '{}');
    server = await startTestServer({ appDir: dist });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sends a CSP that allows the inline preload script by its hash, no framing, nosniff and no referrer, on every page', async () => {
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update('console.log("preload")').digest('base64');
    for (const path of ['/', '/coordinator', `/r/${'k'.repeat(26)}`, '/api/health']) {
      const r = await get(server, path);
      expect(r.status, path).toBe(200);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain(`'sha256-${hash}'`);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toMatch(/script-src 'self' 'sha256-/);
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).not.toContain('upgrade-insecure-requests');
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('never serves source maps or the build manifest', async () => {
    for (const path of ['/sw.js.map', '/assets/a.js.map', '/.vite/manifest.json']) {
      const r = await get(server, path);
      expect(r.status, path).toBe(404);
      expect(r.text, path).not.toContain('"version":3');
    }
    expect((await get(server, '/sw.js')).status).toBe(200);
  });
});

describe('logs', () => {
  it('never carry a link token, however the path is encoded', async () => {
    let log = '';
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        log += chunk.toString();
        done();
      },
    });
    const server = await startTestServer({ server: { logger: { level: 'info', stream } } });
    try {
      const token = 'q7qm2xpa9dh4ex0v3b8n6c1rtw';
      const paths = [`/api/links/${token}`, `/api/%6cinks/${token}`, `/api/links/%${token.charCodeAt(0).toString(16)}${token.slice(1)}`, `//api//links//${token}`, `/r/${token}`, `/%72/${token}`];
      for (const path of paths) await get(server, path);
      expect(log).toContain('/api/links/***');
      expect(log.toLowerCase()).not.toContain(token);
      expect(log.toLowerCase()).not.toContain(token.slice(1));
    } finally {
      await server.close();
    }
  });
});

describe('an overloaded event loop', () => {
  it('sheds new requests with 503 overloaded and Retry-After, then serves again', async () => {
    const server = await startTestServer({ server: { maxEventLoopDelayMs: 100 } });
    try {
      expect((await get(server, '/api/health')).status).toBe(200);
      // Blocks of 300 ms with barely a breath between them for 2.5 s: the loop's mean delay is far over 100 ms.
      const until = Date.now() + 2_500;
      while (Date.now() < until) {
        const end = Date.now() + 300;
        while (Date.now() < end);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const shed = await get(server, '/api/health');
      expect(shed.status).toBe(503);
      expect(errorCode(shed)).toBe('overloaded');
      expect(Number(shed.headers.get('retry-after'))).toBeGreaterThan(0);
      let status = 503;
      for (let i = 0; i < 100 && status !== 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await get(server, '/api/health')).status;
      }
      expect(status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
