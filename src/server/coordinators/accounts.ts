/**
 * Coordinator accounts: creating or resetting one (CLI, first start), checking a login, and the
 * first start's account from COORDINATOR_USERNAME / COORDINATOR_PASSWORD or a generated password.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { LOCKS, withLockedTransaction } from '../db/locks';
import type { CoordinatorRow, DatabaseSchema } from '../db/schema';
import { dummyHash, generatePassword, hashPassword, verifyPassword } from './passwords';

type Db = Kysely<DatabaseSchema>;

export const MIN_PASSWORD_LENGTH = 8;

export class AccountError extends Error {}

/** Usernames compare without regard to case or Unicode normalisation. */
export const normaliseUsername = (username: string): string => username.normalize('NFC').trim().toLowerCase();

export function checkUsername(username: string): string {
  const name = normaliseUsername(username);
  if (!/^[\p{L}\p{N}._@-]{1,64}$/u.test(name))
    throw new AccountError('A username is 1 to 64 letters, digits or . _ @ - (no spaces).');
  return name;
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AccountError(`A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (password.length > 1024) throw new AccountError('A password has at most 1024 characters.');
}

/**
 * Creates the coordinator, or sets a new password for an existing one (ending all its sessions).
 * Returns the normalised username and whether the account is new.
 */
export async function setCoordinator(
  db: Db,
  username: string,
  password: string,
  now = new Date(),
  role?: 'admin' | 'coordinator',
): Promise<{ username: string; created: boolean; role: 'admin' | 'coordinator' }> {
  const name = checkUsername(username);
  checkPassword(password);
  const hash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('coordinators').select(['id', 'role']).where('username', '=', name).executeTakeFirst();
    if (existing) {
      await trx
        .updateTable('coordinators')
        .set({ password_hash: hash, ...(role !== undefined ? { role } : {}) })
        .where('id', '=', existing.id)
        .execute();
      await trx.deleteFrom('sessions').where('coordinator_id', '=', existing.id).execute();
      return { username: name, created: false, role: role ?? existing.role };
    }
    // The first account administers; later ones coordinate unless made administrators.
    const first = (await trx.selectFrom('coordinators').select('id').limit(1).executeTakeFirst()) === undefined;
    const given = role ?? (first ? 'admin' : 'coordinator');
    await trx
      .insertInto('coordinators')
      .values({ id: randomUUID(), username: name, password_hash: hash, created_at: now.toISOString(), role: given })
      .execute();
    return { username: name, created: true, role: given };
  });
}

/** The coordinator with this username and password, or undefined (in about the same time either way). */
export async function authenticate(db: Db, username: string, password: string): Promise<CoordinatorRow | undefined> {
  const row = await db.selectFrom('coordinators').selectAll().where('username', '=', normaliseUsername(username)).executeTakeFirst();
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash()));
  return row && ok ? row : undefined;
}

export interface FirstCoordinator {
  username: string;
  /** Set when the password was generated: print it once. */
  generatedPassword?: string;
}

/**
 * On a database without coordinators, creates one: from COORDINATOR_USERNAME and
 * COORDINATOR_PASSWORD when set, else `admin` (or the given username) with a generated password.
 * Returns undefined when a coordinator already exists (the environment is then ignored). Servers
 * starting at once create one account between them: the check and the insert run under one lock,
 * and only the server that inserted gets the account (and its generated password) back.
 */
export async function ensureFirstCoordinator(db: Db, env: { username?: string | undefined; password?: string | undefined }): Promise<FirstCoordinator | undefined> {
  const exists = async (q: Db) => (await q.selectFrom('coordinators').select('id').limit(1).executeTakeFirst()) !== undefined;
  if (await exists(db)) return undefined;
  const name = checkUsername(env.username?.trim() || 'admin');
  const generated = env.password ? undefined : generatePassword();
  const password = env.password ?? generated ?? '';
  checkPassword(password);
  // Hashed before the lock is taken: the lock is held for two short statements only.
  const hash = await hashPassword(password);
  const created = await withLockedTransaction(db, LOCKS.firstCoordinator, async (trx) => {
    if (await exists(trx)) return false;
    await trx
      .insertInto('coordinators')
      .values({ id: randomUUID(), username: name, password_hash: hash, created_at: new Date().toISOString(), role: 'admin' })
      .execute();
    return true;
  });
  if (!created) return undefined;
  return generated ? { username: name, generatedPassword: generated } : { username: name };
}
