// @vitest-environment node
/**
 * Coordinator accounts and sessions: login sets an HttpOnly SameSite=Strict cookie, me and logout,
 * wrong passwords, the rate limit on failures, device tokens refused on coordinator routes and
 * sessions refused on device ingest. Passwords are stored as scrypt hashes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CoordinatorMe } from '../../src/contract';
import { authenticate, ensureFirstCoordinator, setCoordinator } from '../../src/server/coordinators/accounts';
import { verifyPassword } from '../../src/server/coordinators/passwords';
import { validSipasSubmission } from './fixtures';
import { describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { PASSWORD, sessionCookie } from './coordinator-session';
import { errorCode, get, post } from './http';

describeEachDatabase('coordinator login', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database });
    await setCoordinator(server.database.db, 'Nguyen.Van.A', PASSWORD);
  });
  afterAll(() => server.close());

  const login = (username: string, password: string) => post(server, '/api/coordinator/login', { username, password });

  it('logs in with username and password: an HttpOnly, SameSite=Strict session cookie and who is logged in', async () => {
    const r = await login('nguyen.van.a', PASSWORD);
    expect(r.status).toBe(200);
    const me = CoordinatorMe.parse(r.body);
    expect(me.username).toBe('nguyen.van.a');
    expect(Date.parse(me.expiresAt) - Date.now()).toBeGreaterThan(11 * 3600 * 1000);
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Max-Age=43200');
    expect(cookie).not.toContain('Secure'); // plain http here; https adds Secure
    expect(r.headers.get('cache-control')).toBe('no-store');

    const who = await get(server, '/api/coordinator/me', { cookie: sessionCookie(r) });
    expect(who.status).toBe(200);
    expect(CoordinatorMe.parse(who.body).username).toBe('nguyen.van.a');
  });

  it('reads the username without regard to case, spaces or Unicode normalisation; NFD passwords match NFC', async () => {
    await setCoordinator(server.database.db, 'Trần.Thị.B', 'Mật khẩu Việt');
    expect((await login('  TRẦN.THỊ.B ', 'Mật khẩu Việt')).status).toBe(200);
    expect((await login('trần.thị.b'.normalize('NFD'), 'Mật khẩu Việt'.normalize('NFD'))).status).toBe(200);
  });

  it('refuses a wrong password or an unknown user with 401 invalid_credentials and no cookie', async () => {
    for (const r of [await login('nguyen.van.a', 'wrong password'), await login('nobody', PASSWORD)]) {
      expect(r.status).toBe(401);
      expect(errorCode(r)).toBe('invalid_credentials');
      expect(r.headers.get('set-cookie')).toBeNull();
    }
    const bad = await post(server, '/api/coordinator/login', { username: 'x' });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('invalid_request');
  });

  it('logs out: the session stops working and the cookie is cleared', async () => {
    const cookie = sessionCookie(await login('nguyen.van.a', PASSWORD));
    const out = await post(server, '/api/coordinator/logout', {}, { headers: { cookie } });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^session=; .*Max-Age=0/);
    const who = await get(server, '/api/coordinator/me', { cookie });
    expect(who.status).toBe(401);
    expect(errorCode(who)).toBe('unauthorized');
    // Logging out again, or without a session, is harmless.
    expect((await post(server, '/api/coordinator/logout', {})).status).toBe(200);
  });

  it('answers 401 unauthorized without a session, and for an unknown or expired one', async () => {
    expect(errorCode(await get(server, '/api/coordinator/me'))).toBe('unauthorized');
    expect((await get(server, '/api/coordinator/dashboard', { cookie: `session=${'a'.repeat(43)}` })).status).toBe(401);
    const cookie = sessionCookie(await login('nguyen.van.a', PASSWORD));
    await server.database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    const expired = await get(server, '/api/coordinator/me', { cookie });
    expect(expired.status).toBe(401);
    expect(errorCode(expired)).toBe('unauthorized');
  });

  it('rate limits failed logins: after 10 failures in 15 minutes even the right password gets 429 rate_limited', async () => {
    await setCoordinator(server.database.db, 'limited', PASSWORD);
    for (let i = 0; i < 10; i++) expect((await login('limited', `wrong ${i}`)).status).toBe(401);
    const limited = await login('limited', PASSWORD);
    expect(limited.status).toBe(429);
    expect(errorCode(limited)).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(limited.headers.get('set-cookie')).toBeNull();
    // Another account from the same address is not locked by it.
    expect((await login('nguyen.van.a', PASSWORD)).status).toBe(200);
  });

  it('refuses a device token on every coordinator route with 403 forbidden', async () => {
    const { token } = await server.enrolDevice();
    const auth = { authorization: `Bearer ${token}` };
    for (const path of ['/api/coordinator/me', '/api/coordinator/dashboard', '/api/coordinator/devices', '/api/coordinator/exports/sipas-citizen/1.csv']) {
      const r = await get(server, path, auth);
      expect([r.status, errorCode(r)], path).toEqual([403, 'forbidden']);
    }
    const code = await post(server, '/api/coordinator/enrolment-codes', { name: 'X' }, { token });
    expect([code.status, errorCode(code)]).toEqual([403, 'forbidden']);
    const revoke = await post(server, '/api/coordinator/devices/abc/revoke', {}, { token });
    expect([revoke.status, errorCode(revoke)]).toEqual([403, 'forbidden']);
  });

  it('refuses a coordinator session on device ingest (401 unauthorized): sessions are not device tokens', async () => {
    const cookie = sessionCookie(await login('nguyen.van.a', PASSWORD));
    const before = await server.countSubmissions();
    const r = await post(server, '/api/submissions', { items: [validSipasSubmission()] }, { headers: { cookie } });
    expect(r.status).toBe(401);
    expect(errorCode(r)).toBe('unauthorized');
    expect(await server.countSubmissions()).toBe(before);
    // A coordinator may read the quotas, like a device.
    expect((await get(server, '/api/quota', { cookie })).status).toBe(200);
  });

  it('stores passwords as salted scrypt hashes; a reset replaces the password and ends the sessions', async () => {
    const { db } = server.database;
    const row = await db.selectFrom('coordinators').selectAll().where('username', '=', 'nguyen.van.a').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, row.password_hash)).toBe(true);
    expect(await verifyPassword('nope', row.password_hash)).toBe(false);

    const cookie = sessionCookie(await login('nguyen.van.a', PASSWORD));
    expect(await setCoordinator(db, 'nguyen.van.a', 'another password')).toEqual({ username: 'nguyen.van.a', created: false, role: 'admin' });
    expect((await get(server, '/api/coordinator/me', { cookie })).status).toBe(401);
    expect(await authenticate(db, 'nguyen.van.a', PASSWORD)).toBeUndefined();
    expect((await login('nguyen.van.a', 'another password')).status).toBe(200);
    await expect(setCoordinator(db, 'short', '1234567')).rejects.toThrow(/at least 8/);
    await expect(setCoordinator(db, 'has space', PASSWORD)).rejects.toThrow(/no spaces/);
  });

  it('creates the first coordinator only on a database without one', async () => {
    expect(await ensureFirstCoordinator(server.database.db, { username: 'admin', password: PASSWORD })).toBeUndefined();
    const fresh = await startTestServer({ database });
    try {
      const first = await ensureFirstCoordinator(fresh.database.db, {});
      expect(first?.username).toBe('admin');
      expect(first?.generatedPassword).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      const r = await post(fresh, '/api/coordinator/login', { username: 'admin', password: first?.generatedPassword });
      expect(r.status).toBe(200);
      expect(await ensureFirstCoordinator(fresh.database.db, {})).toBeUndefined();
    } finally {
      await fresh.close();
    }
  });
});
