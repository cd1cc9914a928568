// @vitest-environment node
/** Enrolling over HTTP with the real server: one exchange per code, clear failures otherwise. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LINK_DEVICE_ID } from '../../src/server/auth/devices';
import { looksLikeToken } from '../../src/server/auth/secrets';
import { getEnrolment, getPendingEnrolment, SurveyDb } from '../../src/store';
import { ApiFailure, createSyncer, enrolDevice, InvalidServerUrlError, NetworkFailure } from '../../src/sync';
import { newDeviceToken } from '../../src/sync/enrol';
import type { TestServer } from '../server/harness';
import { closedPort, type Gateway } from './gateway';
import { completeMany } from './interviews';
import { cleanUp, deviceDb, gateway, testServer } from './setup';

let srv: TestServer;
beforeEach(async () => {
  srv = await testServer();
});
afterEach(cleanUp);

const deviceRows = () => srv.database.db.selectFrom('devices').select(['id', 'name']).where('id', '!=', LINK_DEVICE_ID).execute();
const sentToken = (exchange: { requestBody: string }) => (JSON.parse(exchange.requestBody) as { token?: string }).token;

const failure = (p: Promise<unknown>) => p.then(() => expect.fail('expected a failure'), (e: unknown) => e);

describe('enrolDevice', () => {
  it('exchanges a code for a token that uploads, and keeps the enrolment', async () => {
    const db = deviceDb();
    const code = await srv.issueEnrolmentCode('Chị Lan');
    const enrolment = await enrolDevice({ serverUrl: ` ${srv.url}/ `, code: ` ${code} `, label: 'Máy tính bảng 3' }, { db });
    // The enumerator's name from the code, and the device's own name as typed (shown on the device page).
    expect(enrolment).toMatchObject({ serverUrl: srv.url, name: 'Chị Lan', label: 'Máy tính bảng 3', deviceId: expect.any(String) });
    expect(enrolment.token.length).toBeGreaterThanOrEqual(32);
    expect(await getEnrolment(db)).toEqual(enrolment);

    await completeMany(db, 2);
    expect(await createSyncer({ db }).syncNow()).toEqual({ status: 'ok', acknowledged: 2, rejected: 0 });
    expect(await srv.countSubmissions()).toBe(2);
  });

  it('refuses a code used before, and an unknown code, saving nothing', async () => {
    const db = deviceDb();
    const code = await srv.issueEnrolmentCode();
    await enrolDevice({ serverUrl: srv.url, code }, { db: deviceDb() });
    const used = await failure(enrolDevice({ serverUrl: srv.url, code }, { db }));
    expect(used).toBeInstanceOf(ApiFailure);
    expect(used).toMatchObject({ code: 'enrolment_code_used' });
    expect(await failure(enrolDevice({ serverUrl: srv.url, code: 'ZZZZ-ZZZZ' }, { db }))).toMatchObject({ code: 'enrolment_code_invalid' });
    expect(await getEnrolment(db)).toBeUndefined();
  });

  it('refuses an address that is not http(s), and reports an unreachable server', async () => {
    const db = deviceDb();
    expect(await failure(enrolDevice({ serverUrl: 'ftp://example.org', code: 'ABCD-1234' }, { db }))).toBeInstanceOf(InvalidServerUrlError);
    expect(await failure(enrolDevice({ serverUrl: 'not a url', code: 'ABCD-1234' }, { db }))).toBeInstanceOf(InvalidServerUrlError);
    const port = await closedPort();
    expect(await failure(enrolDevice({ serverUrl: `http://127.0.0.1:${port}`, code: 'ABCD-1234' }, { db }))).toBeInstanceOf(NetworkFailure);
  });
});

describe('enrolDevice when the reply is lost', () => {
  let gw: Gateway;
  beforeEach(async () => {
    gw = await gateway(srv.url);
  });

  it('gets the same device on the retry with the same code, and its token uploads', async () => {
    const db = deviceDb();
    const code = await srv.issueEnrolmentCode('Chị Hoa');
    gw.setMode('lose-reply', 'forward');
    expect(await failure(enrolDevice({ serverUrl: gw.url, code, label: 'Máy 7' }, { db }))).toBeInstanceOf(NetworkFailure);
    expect(gw.exchanges[0]).toMatchObject({ status: 201, delivered: false }); // the server enrolled the device
    expect(await getEnrolment(db)).toBeUndefined();

    const enrolment = await enrolDevice({ serverUrl: gw.url, code, label: 'Máy 7' }, { db });
    expect(gw.exchanges.map((e) => [e.status, e.delivered])).toEqual([
      [201, false],
      [200, true],
    ]);
    const [first, retry] = gw.exchanges.map(sentToken);
    expect(first).toBeDefined();
    expect(retry).toBe(first);
    expect(enrolment).toMatchObject({ serverUrl: gw.url, name: 'Chị Hoa', token: first });
    expect(await getEnrolment(db)).toEqual(enrolment);
    expect(await getPendingEnrolment(db)).toBeUndefined();
    expect(await deviceRows()).toEqual([{ id: enrolment.deviceId, name: 'Chị Hoa' }]);

    await completeMany(db, 2);
    expect(await createSyncer({ db }).syncNow()).toEqual({ status: 'ok', acknowledged: 2, rejected: 0 });
    expect(await srv.countSubmissions()).toBe(2);
  });

  it('sends the same token after a reload, the code typed another way', async () => {
    const first = deviceDb();
    const code = await srv.issueEnrolmentCode('Anh Tuấn');
    gw.setMode('lose-reply', 'forward');
    await failure(enrolDevice({ serverUrl: gw.url, code }, { db: first }));
    first.close();

    const reloaded = new SurveyDb({ name: first.name });
    try {
      const enrolment = await enrolDevice({ serverUrl: `${gw.url}/`, code: code.toLowerCase().replace(/-/g, ' ') }, { db: reloaded });
      expect(gw.exchanges.map(sentToken)).toEqual([enrolment.token, enrolment.token]);
      expect(await deviceRows()).toEqual([{ id: enrolment.deviceId, name: 'Anh Tuấn' }]);
      expect(await getEnrolment(reloaded)).toEqual(enrolment);
    } finally {
      reloaded.close();
    }
  });

  it('makes a new token for another code, and after a refusal', async () => {
    const db = deviceDb();
    const [lost, other] = [await srv.issueEnrolmentCode(), await srv.issueEnrolmentCode()];
    gw.setMode('lose-reply', 'forward');
    await failure(enrolDevice({ serverUrl: gw.url, code: lost }, { db }));
    const kept = await getPendingEnrolment(db);
    expect(kept?.token).toBe(sentToken(gw.exchanges[0]!));

    await enrolDevice({ serverUrl: gw.url, code: other }, { db });
    expect(sentToken(gw.exchanges[1]!)).not.toBe(kept?.token);

    // Another tablet with the code this one used: refused, and its token is not kept.
    const late = deviceDb();
    expect(await failure(enrolDevice({ serverUrl: gw.url, code: other }, { db: late }))).toMatchObject({ code: 'enrolment_code_used' });
    expect(await getPendingEnrolment(late)).toBeUndefined();
    await failure(enrolDevice({ serverUrl: gw.url, code: other }, { db: late }));
    const [refused, again] = gw.exchanges.slice(2).map(sentToken);
    expect(again).not.toBe(refused);
    expect(await deviceRows()).toHaveLength(2);
  });
});

describe('newDeviceToken', () => {
  it("makes 32 random bytes in base64url, the server's token format", () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newDeviceToken()));
    expect(tokens.size).toBe(200);
    for (const t of tokens) {
      expect(looksLikeToken(t)).toBe(true);
      const bytes = Buffer.from(t, 'base64url');
      expect(bytes).toHaveLength(32);
      expect(bytes.toString('base64url')).toBe(t);
    }
  });
});
