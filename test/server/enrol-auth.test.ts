// @vitest-environment node
/** Enrolment codes exchanged for device tokens, and what ingest does without a valid token. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnrolResponse } from '../../src/contract';
import { issueEnrolmentCode } from '../../src/server/auth/devices';
import { newEnrolmentCode, normaliseEnrolmentCode } from '../../src/server/auth/secrets';
import { describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { validSipasSubmission } from './fixtures';
import { errorCode, post } from './http';

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
