/** Logging in as a coordinator in server tests: create the account, POST login, keep the session cookie. */
import { setCoordinator } from '../../src/server/coordinators/accounts';
import type { TestServer } from './harness';
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
