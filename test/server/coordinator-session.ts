/**
 * Logging in as a coordinator in server tests (create the account, POST login, keep the session
 * cookie), a server with one logged in, and enrolling a device through the coordinators' API.
 */
import { expect } from 'vitest';
import { EnrolmentCodeIssued, EnrolResponse } from '../../src/contract';
import { setCoordinator } from '../../src/server/coordinators/accounts';
import { startTestServer, type TestServer, type TestServerOptions } from './harness';
import { post } from './http';
import type { Reply } from './http';

export const PASSWORD = 'mật-khẩu-đủ-dài';

/** The `session=…` pair of a login reply's Set-Cookie, to send back as a Cookie header. */
export function sessionCookie(r: Reply): string {
  const set = r.headers.get('set-cookie') ?? '';
  const pair = set.split(';')[0] ?? '';
  if (!pair.startsWith('session=')) throw new Error(`no session cookie in ${set}`);
  return pair;
}

/** Creates (or resets) a coordinator and logs in over HTTP; returns the Cookie header value. */
export async function loginAsCoordinator(server: TestServer, username = 'dieuphoi', password = PASSWORD): Promise<string> {
  await setCoordinator(server.database.db, username, password);
  const r = await post(server, '/api/coordinator/login', { username, password });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${r.text}`);
  return sessionCookie(r);
}

/** A test server (as startTestServer makes it) with a coordinator logged in: the server and the session's Cookie header value. */
export async function startWithCoordinator(options: TestServerOptions = {}): Promise<{ server: TestServer; cookie: string }> {
  const server = await startTestServer(options);
  try {
    return { server, cookie: await loginAsCoordinator(server) };
  } catch (e) {
    await server.close();
    throw e;
  }
}

/**
 * Enrols a device as a coordinator and a tablet do it: a code issued for `name` through the
 * coordinators' API, exchanged by the device (with `deviceLabel`, when given). Returns the code
 * as issued and the device's enrolment.
 */
export async function enrolThroughCoordinator(
  server: TestServer,
  cookie: string,
  name: string,
  deviceLabel?: string,
): Promise<EnrolResponse & { issued: EnrolmentCodeIssued }> {
  const r = await post(server, '/api/coordinator/enrolment-codes', { name }, { headers: { cookie } });
  expect(r.status, r.text).toBe(201);
  const issued = EnrolmentCodeIssued.parse(r.body);
  const enrolled = await post(server, '/api/devices/enrol', deviceLabel === undefined ? { code: issued.code } : { code: issued.code, deviceLabel });
  expect(enrolled.status, enrolled.text).toBe(201);
  return { ...EnrolResponse.parse(enrolled.body), issued };
}
