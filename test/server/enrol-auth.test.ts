// @vitest-environment node
/** Enrolment codes exchanged for device tokens, and what ingest does without a valid token. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnrolResponse } from '../../src/contract';
import { issueEnrolmentCode } from '../../src/server/auth/devices';
import { newEnrolmentCode, normaliseEnrolmentCode, sha256 } from '../../src/server/auth/secrets';
import { describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { validSipasSubmission } from './fixtures';
import { errorCode, get, post } from './http';

describe('enrolment codes', () => {
  it('are 10 symbols of an unambiguous alphabet, grouped 4-4-2', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newEnrolmentCode()));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
  });

  it('are read forgivingly: case, spaces, dashes, O for 0 and I/L for 1', () => {
    expect(normaliseEnrolmentCode('k7qm 2xpa-9d')).toBe('K7QM2XPA9D');
    expect(normaliseEnrolmentCode('OIL0-1111-00')).toBe('0110111100');
    expect(normaliseEnrolmentCode('K7QM-2XPA')).toBeUndefined();
    expect(normaliseEnrolmentCode('K7QM-2XPA-9U')).toBeUndefined();
  });
});

describeEachDatabase('enrolment and device tokens', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database });
  });
  afterAll(() => server.close());

  const enrol = (code: string, deviceLabel?: string) =>
    post(server, '/api/devices/enrol', deviceLabel === undefined ? { code } : { code, deviceLabel });
  const submit = (token: string | undefined, headers: Record<string, string> = {}) =>
    post(server, '/api/submissions', { items: [validSipasSubmission()] }, token === undefined ? { headers } : { token, headers });

  it('exchanges a code once for a token that authorises ingest', async () => {
    const code = await server.issueEnrolmentCode('Nguyễn Văn A');
    const r = await enrol(code, 'Galaxy Tab A8');
    expect(r.status).toBe(201);
    const body = EnrolResponse.parse(r.body);
    expect(body.name).toBe('Nguyễn Văn A');
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const up = await submit(body.token);
    expect(up.status).toBe(200);
  });

  it('accepts the code typed in lower case, without dashes', async () => {
    const code = await server.issueEnrolmentCode();
    const r = await enrol(code.toLowerCase().replace(/-/g, ''));
    expect(r.status).toBe(201);
  });

  it('refuses a code used before with enrolment_code_used', async () => {
    const code = await server.issueEnrolmentCode();
    expect((await enrol(code)).status).toBe(201);
    const again = await enrol(code);
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('enrolment_code_used');
  });

  it('lets exactly one of two devices racing with one code win', async () => {
    const code = await server.issueEnrolmentCode();
    const replies = await Promise.all([enrol(code), enrol(code), enrol(code)]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('refuses an unknown code and a malformed one with enrolment_code_invalid', async () => {
    for (const code of ['ZZZZ-ZZZZ-ZZ', 'not a code at all']) {
      const r = await enrol(code);
      expect(r.status).toBe(400);
      expect(errorCode(r)).toBe('enrolment_code_invalid');
    }
  });

  it('refuses an expired code with enrolment_code_invalid', async () => {
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    const { code } = await issueEnrolmentCode(server.database.db, 'Late', eightDaysAgo);
    const r = await enrol(code);
    expect(r.status).toBe(400);
    expect(errorCode(r)).toBe('enrolment_code_invalid');
  });

  it('refuses an enrolment request of the wrong shape with invalid_request', async () => {
    const r = await post(server, '/api/devices/enrol', { code: 42 });
    expect(r.status).toBe(400);
    expect(errorCode(r)).toBe('invalid_request');
  });

  describe('with a token the device made (a retry after a lost reply)', () => {
    // A server of its own: enrolment is rate limited per client address.
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ database });
    });
    afterAll(() => server.close());

    const deviceToken = () => randomBytes(32).toString('base64url');
    const enrolWith = (code: string, token: unknown, deviceLabel = 'Galaxy Tab A8') => post(server, '/api/devices/enrol', { code, deviceLabel, token });
    const submit = (token: string) => post(server, '/api/submissions', { items: [validSipasSubmission()] }, { token });
    const codeDevice = (code: string) => deviceOfCode(server, code);
    const devicesHolding = async (token: string) =>
      server.database.db.selectFrom('devices').select(['id', 'name', 'label']).where('token_hash', '=', sha256(token)).execute();
    const deviceCount = async () =>
      Number((await server.database.db.selectFrom('devices').select(({ fn }) => fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);

    it('answers the same request sent twice with the same device: 201, then 200, one device row, a working token', async () => {
      const code = await server.issueEnrolmentCode('Trần Thị Mai');
      const token = deviceToken();
      const before = await deviceCount();
      const first = await enrolWith(code, token);
      expect(first.status).toBe(201);
      const again = await enrolWith(code, token);
      expect(again.status).toBe(200);
      const body = EnrolResponse.parse(again.body);
      expect(body).toEqual(first.body);
      expect(body).toMatchObject({ name: 'Trần Thị Mai', token });

      expect(await deviceCount()).toBe(before + 1);
      expect(await devicesHolding(token)).toEqual([{ id: body.deviceId, name: 'Trần Thị Mai', label: 'Galaxy Tab A8' }]);
      expect(await codeDevice(code)).toBe(body.deviceId);
      expect((await submit(token)).status).toBe(200);
      expect((await get(server, '/api/quota', { authorization: `Bearer ${token}` })).status).toBe(200);
    });

    it('accepts the retry with the code typed another way', async () => {
      const code = await server.issueEnrolmentCode();
      const token = deviceToken();
      const first = await enrolWith(code, token);
      const again = await enrolWith(code.toLowerCase().replace(/-/g, ' '), token);
      expect([first.status, again.status]).toEqual([201, 200]);
      expect(again.body).toEqual(first.body);
    });

    it('gives the same device to the same request sent three times at once', async () => {
      const code = await server.issueEnrolmentCode();
      const token = deviceToken();
      const before = await deviceCount();
      const replies = await Promise.all([enrolWith(code, token), enrolWith(code, token), enrolWith(code, token)]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 201]);
      expect(new Set(replies.map((r) => EnrolResponse.parse(r.body).deviceId)).size).toBe(1);
      expect(await deviceCount()).toBe(before + 1);
      expect((await submit(token)).status).toBe(200);
    });

    it('still refuses a used code with another token, or with none, with enrolment_code_used', async () => {
      const code = await server.issueEnrolmentCode();
      const token = deviceToken();
      expect((await enrolWith(code, token)).status).toBe(201);
      const before = await deviceCount();
      for (const other of [deviceToken(), undefined]) {
        const r = await enrolWith(code, other);
        expect(r.status).toBe(409);
        expect(errorCode(r)).toBe('enrolment_code_used');
      }
      expect(await deviceCount()).toBe(before);
    });

    it('refuses a used code to a token that was not the one it was exchanged for, even one of another device', async () => {
      const [codeA, codeB] = [await server.issueEnrolmentCode('A'), await server.issueEnrolmentCode('B')];
      const [tokenA, tokenB] = [deviceToken(), deviceToken()];
      expect((await enrolWith(codeA, tokenA)).status).toBe(201);
      expect((await enrolWith(codeB, tokenB)).status).toBe(201);
      const r = await enrolWith(codeA, tokenB);
      expect(r.status).toBe(409);
      expect(errorCode(r)).toBe('enrolment_code_used');
    });

    it("refuses a token another device holds, leaving that device and the code as they were", async () => {
      const [used, fresh] = [await server.issueEnrolmentCode('Chủ'), await server.issueEnrolmentCode('Khác')];
      const token = deviceToken();
      const owner = EnrolResponse.parse((await enrolWith(used, token)).body);
      const before = await deviceCount();
      const r = await enrolWith(fresh, token);
      expect(r.status).toBe(409);
      expect(errorCode(r)).toBe('conflict');
      expect(await deviceCount()).toBe(before);
      expect(await devicesHolding(token)).toEqual([{ id: owner.deviceId, name: 'Chủ', label: 'Galaxy Tab A8' }]);
      expect(await codeDevice(fresh)).toBeNull();
      // The code is still good, with a token of the device's own.
      expect((await enrolWith(fresh, deviceToken())).status).toBe(201);
    });

    it('refuses the retry once a coordinator has revoked the device', async () => {
      const code = await server.issueEnrolmentCode();
      const token = deviceToken();
      const { deviceId } = EnrolResponse.parse((await enrolWith(code, token)).body);
      await server.revokeDevice(deviceId);
      const r = await enrolWith(code, token);
      expect(r.status).toBe(409);
      expect(errorCode(r)).toBe('enrolment_code_used');
    });

    it.each([
      ['too short', 'A'.repeat(42)],
      ['too long', 'A'.repeat(44)],
      ['outside base64url', `${'A'.repeat(42)}+`],
      ['padded', `${'A'.repeat(42)}=`],
      ['not a string', 42],
    ])('refuses a token %s with invalid_request and details, using no code', async (_what, token) => {
      const code = await server.issueEnrolmentCode();
      const r = await enrolWith(code, token);
      expect(r.status).toBe(400);
      expect(errorCode(r)).toBe('invalid_request');
      expect((r.body as { error: { details?: { path: string }[] } }).error.details).toEqual([expect.objectContaining({ path: 'token' })]);
      expect(await codeDevice(code)).toBeNull();
    });

    it('keeps the server-made token for a request without one', async () => {
      const code = await server.issueEnrolmentCode();
      const r = await enrolWith(code, undefined);
      expect(r.status).toBe(201);
      const { token, deviceId } = EnrolResponse.parse(r.body);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await devicesHolding(token)).toEqual([expect.objectContaining({ id: deviceId })]);
    });
  });

  it('stores only a hash of the token', async () => {
    const { token, deviceId } = await server.enrolDevice();
    const row = await server.database.db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  describe('ingest without a valid token', () => {
    it('answers 401 unauthorized without a token', async () => {
      const r = await submit(undefined);
      expect(r.status).toBe(401);
      expect(errorCode(r)).toBe('unauthorized');
    });

    it.each([
      ['an unknown token', { authorization: `Bearer ${'A'.repeat(43)}` }],
      ['a malformed token', { authorization: 'Bearer short' }],
      ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    ])('answers 401 unauthorized with %s', async (_what, headers) => {
      const r = await submit(undefined, headers);
      expect(r.status).toBe(401);
      expect(errorCode(r)).toBe('unauthorized');
    });

    it('answers 401 token_revoked once a coordinator revokes the device', async () => {
      const { token, deviceId } = await server.enrolDevice();
      expect((await submit(token)).status).toBe(200);
      await server.revokeDevice(deviceId);
      const r = await submit(token);
      expect(r.status).toBe(401);
      expect(errorCode(r)).toBe('token_revoked');
    });

    it('checks the token before reading a bad body', async () => {
      const r = await post(server, '/api/submissions', '{not json');
      expect(r.status).toBe(401);
    });
  });
});

/** The device a code was exchanged for, or null while it is unused. */
async function deviceOfCode(server: TestServer, code: string): Promise<string | null> {
  const row = await server.database.db
    .selectFrom('enrolment_codes')
    .select('device_id')
    .where('code_hash', '=', sha256(normaliseEnrolmentCode(code) ?? code))
    .executeTakeFirstOrThrow();
  return row.device_id;
}
