/**
 * Accounts managed by administrators from the coordinators' pages: create, reset a password,
 * disable or enable, change the role. The last enabled administrator can be neither disabled nor
 * made a coordinator (someone must be able to manage accounts); every change is audited in its
 * transaction, and disabling or resetting ends the account's sessions.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Account, Role } from '../../contract';
import { recordAudit } from '../audit';
import { LOCKS, withLockedTransaction } from '../db/locks';
import type { DatabaseSchema } from '../db/schema';
import { ServerRefusal } from '../errors';
import { AccountError, checkPassword, checkUsername } from './accounts';
import { generatePassword, hashPassword } from './passwords';

type Db = Kysely<DatabaseSchema>;

interface AccountRow {
  id: string;
  username: string;
  role: Role;
  disabled_at: string | null;
  created_at: string;
  last_login_at: string | null;
}

const accountOf = (r: AccountRow): Account => ({
  id: r.id,
  username: r.username,
  role: r.role,
  disabled: r.disabled_at !== null,
  createdAt: r.created_at,
  ...(r.last_login_at !== null ? { lastLoginAt: r.last_login_at } : {}),
});

/** A 409 that says why in both languages (details: the field, English and Vietnamese). */
export const conflict = (path: string, message: string, messageVi: string): ServerRefusal => new ServerRefusal('conflict', message, [{ path, message, messageVi }]);

const columns = ['id', 'username', 'role', 'disabled_at', 'created_at', 'last_login_at'] as const;

export async function listAccounts(db: Db): Promise<Account[]> {
  const rows = await db.selectFrom('coordinators').select(columns).orderBy('created_at').orderBy('username').execute();
  return rows.map(accountOf);
}

async function rowOf(db: Db | Transaction<DatabaseSchema>, id: string): Promise<AccountRow> {
  const row = await db.selectFrom('coordinators').select(columns).where('id', '=', id).executeTakeFirst();
  if (!row) throw new ServerRefusal('not_found', `There is no account ${id}.`);
  return row;
}

const checked = <T>(f: () => T): T => {
  try {
    return f();
  } catch (e) {
    if (e instanceof AccountError) throw new ServerRefusal('invalid_request', e.message, [{ path: 'username or password', message: e.message }]);
    throw e;
  }
};

export async function createAccount(db: Db, input: { username: string; role: Role; password?: string | undefined }, actor: string, now = new Date()): Promise<{ account: Account; password?: string }> {
  const username = checked(() => checkUsername(input.username));
  const password = input.password ?? generatePassword();
  checked(() => checkPassword(password));
  const hash = await hashPassword(password);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('coordinators').select('id').where('username', '=', username).executeTakeFirst())
      throw conflict('username', `An account "${username}" exists already.`, `Đã có tài khoản “${username}”: hãy chọn tên khác.`);
    await trx.insertInto('coordinators').values({ id, username, password_hash: hash, created_at: now.toISOString(), role: input.role }).execute();
    await recordAudit(trx, { actor, action: 'account.created', target: `account:${username}`, detail: { role: input.role } }, now);
  });
  const account = accountOf(await rowOf(db, id));
  return input.password === undefined ? { account, password } : { account };
}

export async function resetPassword(db: Db, id: string, given: string | undefined, actor: string, now = new Date()): Promise<{ account: Account; password?: string }> {
  const password = given ?? generatePassword();
  checked(() => checkPassword(password));
  const hash = await hashPassword(password);
  const row = await db.transaction().execute(async (trx) => {
    const row = await rowOf(trx, id);
    await trx.updateTable('coordinators').set({ password_hash: hash }).where('id', '=', id).execute();
    await trx.deleteFrom('sessions').where('coordinator_id', '=', id).execute();
    await recordAudit(trx, { actor, action: 'account.password_reset', target: `account:${row.username}` }, now);
    return row;
  });
  const account = accountOf({ ...row });
  return given === undefined ? { account, password } : { account };
}

/** Refuses leaving no enabled administrator (409). */
async function keepAnAdministrator(trx: Kysely<DatabaseSchema>, leaving: AccountRow): Promise<void> {
  if (leaving.role !== 'admin' || leaving.disabled_at !== null) return;
  const others = await trx
    .selectFrom('coordinators')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('id', '!=', leaving.id)
    .limit(1)
    .executeTakeFirst();
  if (!others)
    throw conflict(
      'role',
      `"${leaving.username}" is the last enabled administrator: make another account an administrator first.`,
      `“${leaving.username}” là quản trị viên duy nhất còn hoạt động: hãy cho một tài khoản khác làm quản trị viên trước.`,
    );
}

export async function setDisabled(db: Db, id: string, disabled: boolean, actor: string, now = new Date()): Promise<Account> {
  await withLockedTransaction(db, LOCKS.accounts, async (trx) => {
    const row = await rowOf(trx, id);
    if ((row.disabled_at !== null) === disabled) return;
    if (disabled) await keepAnAdministrator(trx, row);
    await trx
      .updateTable('coordinators')
      .set({ disabled_at: disabled ? now.toISOString() : null })
      .where('id', '=', id)
      .execute();
    if (disabled) await trx.deleteFrom('sessions').where('coordinator_id', '=', id).execute();
    await recordAudit(trx, { actor, action: disabled ? 'account.disabled' : 'account.enabled', target: `account:${row.username}` }, now);
  });
  return accountOf(await rowOf(db, id));
}

export async function setRole(db: Db, id: string, role: Role, actor: string, now = new Date()): Promise<Account> {
  await withLockedTransaction(db, LOCKS.accounts, async (trx) => {
    const row = await rowOf(trx, id);
    if (row.role === role) return;
    if (role !== 'admin') await keepAnAdministrator(trx, row);
    await trx.updateTable('coordinators').set({ role }).where('id', '=', id).execute();
    await recordAudit(trx, { actor, action: 'account.role_changed', target: `account:${row.username}`, changes: [{ path: 'role', before: row.role, after: role }] }, now);
  });
  return accountOf(await rowOf(db, id));
}
