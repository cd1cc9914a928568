// @vitest-environment node
/** Enrolling over HTTP with the real server: one exchange per code, clear failures otherwise. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getEnrolment } from '../../src/store';
import { ApiFailure, createSyncer, enrolDevice, InvalidServerUrlError, NetworkFailure } from '../../src/sync';
import { startTestServer, type TestServer } from '../server/harness';
import { closedPort } from './gateway';
import { completeMany } from './interviews';
import { deleteDeviceDbs, deviceDb } from './setup';

let srv: TestServer;
beforeEach(async () => {
  srv = await startTestServer();
});
afterEach(async () => {
  await srv.close();
  await deleteDeviceDbs();
});

const failure = (p: Promise<unknown>) => p.then(() => expect.fail('expected a failure'), (e: unknown) => e);

describe('enrolDevice', () => {
  it('exchanges a code for a token that uploads, and keeps the enrolment', async () => {
    const db = deviceDb();
    const code = await srv.issueEnrolmentCode('Chị Lan');
    const enrolment = await enrolDevice({ serverUrl: ` ${srv.url}/ `, code: ` ${code} `, label: 'Máy tính bảng 3' }, { db });
    expect(enrolment).toMatchObject({ serverUrl: srv.url, name: expect.any(String), deviceId: expect.any(String) });
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
