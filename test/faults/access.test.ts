// @vitest-environment node
/**
 * Access refusals, one table: every credential that must not pass — none, malformed, unknown,
 * revoked, expired, logged out, a device token on coordinator routes, a session on device routes,
 * used or expired enrolment codes, unknown, revoked, used or exhausted respondent links, bodies
 * over the limit, too many attempts — against the routes that check it, with the exact status and
 * code of the contract (src/contract/errors.ts, src/contract/links.ts). Nothing stored changes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_BACKUP_BYTES, MAX_BODY_BYTES } from '../../src/contract';
import { setCoordinator } from '../../src/server/coordinators/accounts';
import { loginAsCoordinator, PASSWORD } from '../server/coordinator-session';
import { describeEachDatabase, startTestServer, type DatabaseKind, type TestServer } from '../server/harness';
import { linkDefinitions, linkInterview, OFFICES } from '../server/links-fixtures';
import { makeWorld, validInterview, type World } from './fuzz-world';
import { closeLinksWorld, makeLinksWorld, type LinksWorld } from './link-requests';
import { snapshot, type Snapshot } from './stored-state';

type Request = { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; body?: unknown; raw?: string };

interface Credentials {
  device: World;
  links: LinksWorld;
  /** A session that logged out, and one ended by its coordinator's password reset. */
  loggedOut: string;
  resetSession: string;
}

/** [what, credentials → headers]: refused on device routes with [status, code]. */
const DEVICE_REFUSALS: [string, (c: Credentials) => Record<string, string>, number, string][] = [
  ['no token', () => ({}), 401, 'unauthorized'],
  ['an empty bearer', () => ({ authorization: 'Bearer ' }), 401, 'unauthorized'],
  ['a malformed token', () => ({ authorization: 'Bearer not-a-token' }), 401, 'unauthorized'],
  ['an unknown token of the right shape', () => ({ authorization: `Bearer ${'A'.repeat(43)}` }), 401, 'unauthorized'],
  ['Basic credentials', () => ({ authorization: 'Basic ZGlldXBob2k6cGFzc3dvcmQ=' }), 401, 'unauthorized'],
  ['a revoked token', (c) => ({ authorization: `Bearer ${c.device.revokedToken}` }), 401, 'token_revoked'],
  ['a coordinator session instead of a token', (c) => ({ cookie: c.device.cookie }), 401, 'unauthorized'],
];

const DEVICE_ROUTES: [string, (c: Credentials) => Request][] = [
  ['POST /api/submissions', () => ({ method: 'POST', url: '/api/submissions', body: { items: [validInterview(1)] } })],
  ['POST /api/backups', () => ({ method: 'POST', url: '/api/backups', body: { format: 'governance-survey/unsent', formatVersion: 1, exportedAt: '2024-01-01T00:00:00Z', interviews: [] } })],
];

/** [what, credentials → headers]: refused on coordinator routes with [status, code]. */
const COORDINATOR_REFUSALS: [string, (c: Credentials) => Record<string, string>, number, string][] = [
  ['no session', () => ({}), 401, 'unauthorized'],
  ['a junk session cookie', () => ({ cookie: 'session=junk' }), 401, 'unauthorized'],
  ['an unknown session of the right shape', () => ({ cookie: `session=${'A'.repeat(43)}` }), 401, 'unauthorized'],
  ['an expired session', (c) => ({ cookie: c.device.expiredCookie }), 401, 'unauthorized'],
  ['a logged-out session', (c) => ({ cookie: c.loggedOut }), 401, 'unauthorized'],
  ['a session ended by a password reset', (c) => ({ cookie: c.resetSession }), 401, 'unauthorized'],
  ['an enumerator token', (c) => ({ authorization: `Bearer ${c.device.token}` }), 403, 'forbidden'],
  ['a revoked enumerator token', (c) => ({ authorization: `Bearer ${c.device.revokedToken}` }), 403, 'forbidden'],
  ['an enumerator token and a logged-out session', (c) => ({ authorization: `Bearer ${c.device.token}`, cookie: c.loggedOut }), 403, 'forbidden'],
];

const COORDINATOR_ROUTES: [string, (c: Credentials) => Request][] = [
  ['GET /api/coordinator/me', () => ({ method: 'GET', url: '/api/coordinator/me' })],
  ['GET /api/coordinator/dashboard', () => ({ method: 'GET', url: '/api/coordinator/dashboard' })],
  ['GET /api/coordinator/devices', () => ({ method: 'GET', url: '/api/coordinator/devices' })],
  ['POST /api/coordinator/enrolment-codes', () => ({ method: 'POST', url: '/api/coordinator/enrolment-codes', body: { name: 'Nguyễn Văn C' } })],
  ['POST /api/coordinator/devices/:id/revoke', (c) => ({ method: 'POST', url: `/api/coordinator/devices/${c.device.deviceId}/revoke`, body: {} })],
  ['GET /api/coordinator/exports/sipas-citizen/1.csv', () => ({ method: 'GET', url: '/api/coordinator/exports/sipas-citizen/1.csv' })],
  ['GET /api/coordinator/exports/sipas-citizen/1.xlsx', () => ({ method: 'GET', url: '/api/coordinator/exports/sipas-citizen/1.xlsx' })],
  ['GET /api/coordinator/exports/sipas-citizen/1.json', () => ({ method: 'GET', url: '/api/coordinator/exports/sipas-citizen/1.json' })],
  ['POST /api/coordinator/links', () => ({ method: 'POST', url: '/api/coordinator/links', body: { group: 'member', kind: 'single' } })],
  ['GET /api/coordinator/links', () => ({ method: 'GET', url: '/api/coordinator/links' })],
  ['POST /api/coordinator/links/:id/revoke', (c) => ({ method: 'POST', url: `/api/coordinator/links/${c.links.links.liveIds[0] ?? ''}/revoke`, body: {} })],
];

/** Routes of the device server (ws) or the links server (links), with [status, code]. */
const OTHER: [string, 'device' | 'links', (c: Credentials) => Request, number, string][] = [
  ['quota: no token nor session', 'device', () => ({ method: 'GET', url: '/api/quota' }), 401, 'unauthorized'],
  ['quota: a revoked token', 'device', (c) => ({ method: 'GET', url: '/api/quota', headers: { authorization: `Bearer ${c.device.revokedToken}` } }), 401, 'token_revoked'],
  ['quota: an unknown token', 'device', () => ({ method: 'GET', url: '/api/quota', headers: { authorization: `Bearer ${'B'.repeat(43)}` } }), 401, 'unauthorized'],
  ['quota: an expired session', 'device', (c) => ({ method: 'GET', url: '/api/quota', headers: { cookie: c.device.expiredCookie } }), 401, 'unauthorized'],
  ['enrol: a used code', 'device', (c) => ({ method: 'POST', url: '/api/devices/enrol', body: { code: c.device.usedCode } }), 409, 'enrolment_code_used'],
  ['enrol: a used code typed in lower case', 'device', (c) => ({ method: 'POST', url: '/api/devices/enrol', body: { code: c.device.usedCode.toLowerCase() } }), 409, 'enrolment_code_used'],
  ['enrol: an expired code', 'device', (c) => ({ method: 'POST', url: '/api/devices/enrol', body: { code: c.device.expiredCode } }), 400, 'enrolment_code_invalid'],
  ['enrol: an unknown code', 'device', () => ({ method: 'POST', url: '/api/devices/enrol', body: { code: 'ZZZZ-ZZZZ-ZZ' } }), 400, 'enrolment_code_invalid'],
  ['enrol: not a code at all', 'device', () => ({ method: 'POST', url: '/api/devices/enrol', body: { code: 'hello' } }), 400, 'enrolment_code_invalid'],
  ['login: a wrong password', 'device', () => ({ method: 'POST', url: '/api/coordinator/login', body: { username: 'dieuphoi', password: 'sai-mat-khau-roi' } }), 401, 'invalid_credentials'],
  ['login: an unknown user', 'device', () => ({ method: 'POST', url: '/api/coordinator/login', body: { username: 'nobody', password: PASSWORD } }), 401, 'invalid_credentials'],
  ['revoking an unknown device', 'device', (c) => ({ method: 'POST', url: `/api/coordinator/devices/${randomUUID()}/revoke`, headers: { cookie: c.device.cookie }, body: {} }), 404, 'not_found'],
  ['revoking an unknown link', 'links', (c) => ({ method: 'POST', url: `/api/coordinator/links/${randomUUID()}/revoke`, headers: { cookie: c.links.cookie }, body: {} }), 404, 'not_found'],
  ['exporting an unknown questionnaire version', 'device', (c) => ({ method: 'GET', url: '/api/coordinator/exports/sipas-citizen/99.csv', headers: { cookie: c.device.cookie } }), 404, 'not_found'],
];

/** [what, the token as sent, the link it is (for an interview that fits it), status, code]. */
const LINK_STATES: [string, (c: Credentials) => [sent: string, link: string], number, string][] = [
  ['an unknown link', () => ['0123456789abcdefghjkmnpqrs', ''], 404, 'link_unknown'],
  ['a string that cannot be a link', () => ['not-a-link', ''], 404, 'link_unknown'],
  ['a revoked link', (c) => [c.links.links.revoked, c.links.links.revoked], 410, 'link_revoked'],
  ['a revoked link typed in upper case', (c) => [c.links.links.revoked.toUpperCase(), c.links.links.revoked], 410, 'link_revoked'],
  ['a used single link (another interview)', (c) => [c.links.links.used, c.links.links.used], 410, 'link_used'],
  ['an exhausted shared link', (c) => [c.links.links.exhausted, c.links.links.exhausted], 410, 'link_exhausted'],
];

/** Bodies over the limit (MAX_BODY_BYTES; backups MAX_BACKUP_BYTES): 413 body_too_large, before any credential is looked at or not. */
const OVERSIZED: [string, 'device' | 'links', (c: Credentials) => Request][] = [
  ['POST /api/submissions', 'device', (c) => ({ method: 'POST', url: '/api/submissions', headers: { authorization: `Bearer ${c.device.token}` } })],
  ['POST /api/devices/enrol', 'device', () => ({ method: 'POST', url: '/api/devices/enrol' })],
  ['POST /api/coordinator/login', 'device', () => ({ method: 'POST', url: '/api/coordinator/login' })],
  ['POST /api/coordinator/enrolment-codes', 'device', (c) => ({ method: 'POST', url: '/api/coordinator/enrolment-codes', headers: { cookie: c.device.cookie } })],
  ['POST /api/coordinator/links', 'links', (c) => ({ method: 'POST', url: '/api/coordinator/links', headers: { cookie: c.links.cookie } })],
  ['POST /api/links/:token/started', 'links', (c) => ({ method: 'POST', url: `/api/links/${c.links.links.usable[0]?.token ?? ''}/started` })],
  ['POST /api/links/:token/submissions', 'links', (c) => ({ method: 'POST', url: `/api/links/${c.links.links.usable[0]?.token ?? ''}/submissions` })],
];

async function send(server: TestServer, request: Request) {
  const res = await server.app.inject({
    method: request.method,
    url: request.url,
    headers: { ...(request.body !== undefined || request.raw !== undefined ? { 'content-type': 'application/json' } : {}), ...request.headers },
    ...(request.raw !== undefined ? { payload: request.raw } : request.body !== undefined ? { payload: JSON.stringify(request.body) } : {}),
  });
  let code: unknown;
  try {
    code = (res.json() as { error?: { code?: unknown } }).error?.code;
  } catch {
    code = undefined;
  }
  return { status: res.statusCode, code, headers: res.headers };
}

describeEachDatabase('access refusals', (database: DatabaseKind) => {
  let c: Credentials;
  let before: { device: Snapshot; links: Snapshot };
  beforeAll(async () => {
    const device = await makeWorld(database);
    const links = await makeLinksWorld(database);
    const { db } = device.server.database;
    // A second session that logs out, and a second coordinator whose password is then reset.
    // (Other accounts than the world's: logging one in again here would reset its password.)
    const loggedOut = await loginAsCoordinator(device.server, 'dang-xuat', PASSWORD);
    const out = await device.server.app.inject({ method: 'POST', url: '/api/coordinator/logout', headers: { cookie: loggedOut } });
    expect(out.statusCode).toBe(200);
    const resetSession = await loginAsCoordinator(device.server, 'thu-ky', PASSWORD);
    await setCoordinator(db, 'thu-ky', 'mật-khẩu-mới-đủ-dài');
    c = { device, links, loggedOut, resetSession };
    before = { device: await snapshot(device.server.database), links: await snapshot(links.server.database) };
  }, 90_000);
  afterAll(async () => {
    await c.device.server.close();
    await closeLinksWorld(c.links);
  });

  it('device routes refuse every credential that is not a live device token', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const [route, request] of DEVICE_ROUTES)
      for (const [what, headers, status, code] of DEVICE_REFUSALS) {
        const r = await send(c.device.server, { ...request(c), headers: headers(c) });
        got.push(`${route} with ${what}: ${r.status} ${String(r.code)}`);
        want.push(`${route} with ${what}: ${status} ${code}`);
      }
    expect(got).toEqual(want);
  });

  it('coordinator routes refuse every credential that is not a live session', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const [route, request] of COORDINATOR_ROUTES)
      for (const [what, headers, status, code] of COORDINATOR_REFUSALS) {
        const server = route.includes('/links') ? c.links.server : c.device.server;
        // The links server has its own sessions and devices: the same kinds of credential, made there.
        const creds = route.includes('/links') ? { ...c, device: c.links } : c;
        if (route.includes('/links') && (what.includes('logged-out') || what.includes('password reset'))) continue;
        const r = await send(server, { ...request(creds), headers: headers(creds) });
        got.push(`${route} with ${what}: ${r.status} ${String(r.code)}`);
        want.push(`${route} with ${what}: ${status} ${code}`);
      }
    expect(got).toEqual(want);
  });

  it('quota, enrolment, login, revoking and exports refuse with their own codes', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const [what, where, request, status, code] of OTHER) {
      const r = await send(where === 'links' ? c.links.server : c.device.server, request(c));
      got.push(`${what}: ${r.status} ${String(r.code)}`);
      want.push(`${what}: ${status} ${code}`);
    }
    expect(got).toEqual(want);
  });

  it('respondent links: unknown, revoked, used and exhausted links are refused on all three public routes', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const [what, token, status, code] of LINK_STATES) {
      const [t, link] = token(c);
      const item = c.links.links.fits[link]?.() ?? linkInterview('official', OFFICES[9]);
      for (const request of [
        { method: 'GET', url: `/api/links/${t}` },
        { method: 'POST', url: `/api/links/${t}/started`, body: { interviewId: randomUUID() } },
        { method: 'POST', url: `/api/links/${t}/submissions`, body: item },
      ] satisfies Request[]) {
        const r = await send(c.links.server, request);
        got.push(`${request.method} ${request.url.replace(t, '<token>')} with ${what}: ${r.status} ${String(r.code)}`);
        want.push(`${request.method} ${request.url.replace(t, '<token>')} with ${what}: ${status} ${code}`);
      }
    }
    expect(got).toEqual(want);
  });

  it(`bodies over the limit (${MAX_BODY_BYTES / 1024 / 1024} MB; backups ${MAX_BACKUP_BYTES / 1024 / 1024} MB) are refused with 413 body_too_large`, async () => {
    const over = `{"x":"${'x'.repeat(MAX_BODY_BYTES)}"}`;
    const got: string[] = [];
    const want: string[] = [];
    for (const [route, where, request] of OVERSIZED) {
      const r = await send(where === 'links' ? c.links.server : c.device.server, { ...request(c), raw: over });
      got.push(`${route}: ${r.status} ${String(r.code)}`);
      want.push(`${route}: 413 body_too_large`);
    }
    const backup = await send(c.device.server, {
      method: 'POST',
      url: '/api/backups',
      headers: { authorization: `Bearer ${c.device.token}` },
      raw: `{"x":"${'x'.repeat(MAX_BACKUP_BYTES)}"}`,
    });
    got.push(`POST /api/backups: ${backup.status} ${String(backup.code)}`);
    want.push('POST /api/backups: 413 body_too_large');
    expect(got).toEqual(want);
  });

  it('nothing stored changed', async () => {
    expect(await snapshot(c.device.server.database)).toEqual(before.device);
    expect(await snapshot(c.links.server.database)).toEqual(before.links);
  });

  it('too many failed logins for one account: 429 rate_limited with Retry-After, even with the right password', async () => {
    const { server } = c.device;
    await setCoordinator(server.database.db, 'kiem-tra', PASSWORD);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await send(server, { method: 'POST', url: '/api/coordinator/login', body: { username: 'kiem-tra', password: `sai-${i}-mat-khau` } })).status);
    expect(statuses).toEqual(Array.from({ length: 10 }, () => 401));
    const limited = await send(server, { method: 'POST', url: '/api/coordinator/login', body: { username: 'kiem-tra', password: PASSWORD } });
    expect([limited.status, limited.code]).toEqual([429, 'rate_limited']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describeEachDatabase('access refusals: respondent link rate limit', (database: DatabaseKind) => {
  let server: TestServer;
  let remove: () => void;
  beforeAll(async () => {
    const definitions = linkDefinitions();
    remove = definitions.remove;
    server = await startTestServer({ database, definitionsDir: definitions.dir, linkRateLimit: { max: 5, windowMs: 60_000 } });
  }, 60_000);
  afterAll(async () => {
    await server.close();
    remove();
  });

  it('a client over the limit gets 429 rate_limited with Retry-After on every link route', async () => {
    const token = '0123456789abcdefghjkmnpqrs';
    const first: number[] = [];
    for (let i = 0; i < 5; i++) first.push((await send(server, { method: 'GET', url: `/api/links/${token}` })).status);
    expect(first).toEqual([404, 404, 404, 404, 404]);
    for (const request of [
      { method: 'GET', url: `/api/links/${token}` },
      { method: 'POST', url: `/api/links/${token}/started`, body: { interviewId: randomUUID() } },
      { method: 'POST', url: `/api/links/${token}/submissions`, body: linkInterview('member') },
    ] satisfies Request[]) {
      const r = await send(server, request);
      expect([request.url, r.status, r.code]).toEqual([request.url, 429, 'rate_limited']);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});
