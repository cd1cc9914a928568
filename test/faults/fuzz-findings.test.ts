// @vitest-environment node
/**
 * Requests the property-based runs found mishandled, each pinned down on its own so it stays
 * fixed (or, while it is not, fails here with the request that shows it).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiError } from '../../src/contract';
import { describeEachDatabase, type DatabaseKind } from '../server/harness';
import { makeWorld, type World } from './fuzz-world';

describeEachDatabase('requests the fuzzing found', (database: DatabaseKind) => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld(database, { linkRateLimit: false });
  }, 60_000);
  afterAll(() => world.server.close());

  const postBackup = (payload: string) =>
    world.server.app.inject({
      method: 'POST',
      url: '/api/backups',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.token}` },
      payload,
    });

  it.each([1_000, 5_000, 60_000])('a backup whose formatVersion is nested %i deep: 400 invalid_request, not a 500', async (depth) => {
    const payload = `{"format":"governance-survey/unsent","formatVersion":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const res = await postBackup(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'invalid_request' } });
    expect(res.body.length).toBeLessThan(1_000); // the refusal does not echo the value back
  });

  it('a backup whose formatVersion is a 4 MB string: the refusal does not echo it back', async () => {
    const payload = JSON.stringify({ format: 'governance-survey/unsent', formatVersion: 'x'.repeat(4_000_000) });
    const res = await postBackup(payload);
    expect(res.statusCode).toBe(400);
    expect(res.body.length).toBeLessThan(1_000);
  });

  // PostgreSQL refuses text holding U+0000 (SQLite stores it): wherever such text reached a query
  // the server answered 500 on PostgreSQL.
  it('text with a NUL character in a username, a path id, a device label or a name: a 4xx or a success, never a 500', async () => {
    const code = await world.server.issueEnrolmentCode('Mã cho nhãn NUL');
    const requests: [string, string, unknown, boolean][] = [
      ['POST', '/api/coordinator/login', { username: 'dieuphoi\u0000', password: 'mật-khẩu-bất-kỳ' }, false],
      ['POST', '/api/coordinator/devices/a%00b/revoke', {}, true],
      ['POST', '/api/coordinator/links/a%00b/revoke', {}, true],
      ['POST', '/api/coordinator/enrolment-codes', { name: 'Nguyễn\u0000Văn A' }, true],
      ['POST', '/api/devices/enrol', { code, deviceLabel: 'máy\u0000 1' }, false],
    ];
    const wrong: string[] = [];
    for (const [method, url, body, withSession] of requests) {
      const res = await world.server.app.inject({
        method: method as 'POST',
        url,
        headers: { 'content-type': 'application/json', ...(withSession ? { cookie: world.cookie } : {}) },
        payload: JSON.stringify(body),
      });
      const refusedProperly = res.statusCode >= 400 && res.statusCode < 500 && ApiError.safeParse(JSON.parse(res.body)).success;
      if (!(refusedProperly || (res.statusCode >= 200 && res.statusCode < 300))) wrong.push(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 90)}`);
    }
    expect(wrong).toEqual([]);
  });

  // Fastify's router answers these before the server's error handler, in its own format
  // ({"error":"Bad Request","code":"FST_ERR_…","statusCode":…}): not the contract's error body.
  // The server can answer them itself with Fastify's `frameworkErrors` option (src/server/app.ts).
  it('path parameters over 100 characters or badly percent-encoded: a 4xx with the contract error body on every route', async () => {
    const long = 'a'.repeat(101);
    const requests = [
      ['GET', `/api/definitions/sipas-citizen/${long}`],
      ['GET', `/api/definitions/${long}/1`],
      ['GET', '/api/definitions/%E0%A4%A/1'],
      ['POST', `/api/coordinator/devices/${long}/revoke`],
      ['GET', `/api/coordinator/exports/sipas-citizen/${long}`],
      ['GET', '/api/coordinator/exports/%ff%/1.csv'],
      ['GET', `/api/links/${long}`],
      ['POST', `/api/links/${long}/started`],
      ['POST', '/api/links/%E0%A4%A/submissions'],
      ['POST', `/api/coordinator/links/${long}/revoke`],
    ] as const;
    const wrong: string[] = [];
    for (const [method, url] of requests) {
      const res = await world.server.app.inject({
        method,
        url,
        headers: { 'content-type': 'application/json', cookie: world.cookie },
        ...(method === 'POST' ? { payload: '{}' } : {}),
      });
      const ok = res.statusCode >= 400 && res.statusCode < 500 && ApiError.safeParse(JSON.parse(res.body)).success;
      if (!ok) wrong.push(`${method} ${url.slice(0, 60)} → ${res.statusCode} ${res.body.slice(0, 90)}`);
    }
    expect(wrong).toEqual([]);
  });
});
