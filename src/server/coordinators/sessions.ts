/**
 * Coordinator sessions: a random value in an HttpOnly cookie, stored only as its sha256, valid for
 * SESSION_HOURS from login. Expired sessions are removed when someone logs in.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sha256 } from '../auth/secrets';
import type { DatabaseSchema } from '../db/schema';

type Db = Kysely<DatabaseSchema>;

export const SESSION_HOURS = 12;
export const SESSION_COOKIE = 'session';

export interface Session {
  coordinatorId: string;
  username: string;
  role: 'admin' | 'coordinator';
  expiresAt: string;
}

export async function createSession(db: Db, coordinatorId: string, now = new Date()): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600 * 1000).toISOString();
  await db.deleteFrom('sessions').where('expires_at', '<=', at).execute();
  await db.insertInto('sessions').values({ id: sha256(token), coordinator_id: coordinatorId, created_at: at, expires_at: expiresAt }).execute();
  return { token, expiresAt };
}

/** The live session behind a cookie value, or undefined. */
export async function findSession(db: Db, token: string | undefined, now = new Date()): Promise<Session | undefined> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('coordinators', 'coordinators.id', 'sessions.coordinator_id')
    .select(['sessions.coordinator_id', 'sessions.expires_at', 'coordinators.username', 'coordinators.role', 'coordinators.disabled_at'])
    .where('sessions.id', '=', sha256(token))
    .executeTakeFirst();
  // A disabled account's sessions end with it (they are also deleted when it is disabled).
  if (!row || row.expires_at <= now.toISOString() || row.disabled_at !== null) return undefined;
  return { coordinatorId: row.coordinator_id, username: row.username, role: row.role, expiresAt: row.expires_at };
}

export async function deleteSession(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
}
