/**
 * Devices and their credentials: issuing enrolment codes (coordinator), exchanging a code once
 * for a token (device), finding the device behind a token, revoking and listing devices.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema, DeviceRow } from '../db/schema';
import { ApiFailure } from '../errors';
import { looksLikeToken, newDeviceToken, newEnrolmentCode, normaliseEnrolmentCode, sha256 } from './secrets';

type Db = Kysely<DatabaseSchema>;

export const ENROLMENT_CODE_DAYS = 7;

export interface IssuedCode {
  code: string;
  name: string;
  expiresAt: string;
}

export async function issueEnrolmentCode(db: Db, name: string, now = new Date()): Promise<IssuedCode> {
  const code = newEnrolmentCode();
  const expiresAt = new Date(now.getTime() + ENROLMENT_CODE_DAYS * 24 * 3600 * 1000).toISOString();
  await db
    .insertInto('enrolment_codes')
    .values({
      code_hash: sha256(normaliseEnrolmentCode(code) ?? code),
      name,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      device_id: null,
    })
    .execute();
  return { code, name, expiresAt };
}

export interface Enrolled {
  deviceId: string;
  name: string;
  token: string;
}

const invalidCode = () =>
  new ApiFailure(400, 'enrolment_code_invalid', 'This enrolment code is unknown or has expired; ask the coordinator for a new one.');

/**
 * Exchanges a code for a new device and its token. The code is consumed by a conditional update
 * (`used_at IS NULL`) in the same transaction that creates the device, so two devices racing with
 * one code cannot both win.
 */
export async function enrolDevice(db: Db, typedCode: string, label: string | undefined, now = new Date()): Promise<Enrolled> {
  const normalised = normaliseEnrolmentCode(typedCode);
  if (!normalised) throw invalidCode();
  const codeHash = sha256(normalised);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('enrolment_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
    if (!row) throw invalidCode();
    if (row.used_at !== null)
      throw new ApiFailure(409, 'enrolment_code_used', 'This enrolment code has already been used; ask the coordinator for a new one.');
    if (row.expires_at <= at) throw invalidCode();

    const token = newDeviceToken();
    const deviceId = randomUUID();
    await trx
      .insertInto('devices')
      .values({ id: deviceId, name: row.name, label: label ?? null, token_hash: sha256(token), created_at: at, last_seen_at: at, revoked_at: null })
      .execute();
    const claimed = await trx
      .updateTable('enrolment_codes')
      .set({ used_at: at, device_id: deviceId })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (claimed.numUpdatedRows !== 1n)
      throw new ApiFailure(409, 'enrolment_code_used', 'This enrolment code has already been used; ask the coordinator for a new one.');
    return { deviceId, name: row.name, token };
  });
}

/** How often last_seen_at is refreshed, so that every request is not a write. */
const SEEN_RESOLUTION_MS = 60_000;

/** The device behind a bearer token; throws 401 unauthorized / token_revoked. */
export async function deviceForToken(db: Db, token: string | undefined, now = new Date()): Promise<DeviceRow> {
  if (!token || !looksLikeToken(token))
    throw new ApiFailure(401, 'unauthorized', 'Send the device token as "Authorization: Bearer <token>"; enrol the device first.');
  const device = await db.selectFrom('devices').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
  if (!device) throw new ApiFailure(401, 'unauthorized', 'This device token is not known to the server; enrol the device again.');
  if (device.revoked_at !== null)
    throw new ApiFailure(401, 'token_revoked', 'This device was revoked by a coordinator; ask for a new enrolment code.');
  const seen = device.last_seen_at ? Date.parse(device.last_seen_at) : 0;
  if (now.getTime() - seen > SEEN_RESOLUTION_MS) {
    await db.updateTable('devices').set({ last_seen_at: now.toISOString() }).where('id', '=', device.id).execute();
  }
  return device;
}

/**
 * The reserved devices row that interviews sent through respondent links belong to (migration
 * 0003). It is not a device: it has no token, is never listed among devices and cannot be revoked;
 * the dashboard shows its interviews beside the enumerators'.
 */
export const LINK_DEVICE_ID = 'respondent-links';

/** Revokes a device's token; false when there is no such device. */
export async function revokeDevice(db: Db, deviceId: string, now = new Date()): Promise<boolean> {
  if (deviceId === LINK_DEVICE_ID) return false;
  const result = await db
    .updateTable('devices')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 1n) return true;
  const exists = await db.selectFrom('devices').select('id').where('id', '=', deviceId).executeTakeFirst();
  return exists !== undefined;
}

export interface DeviceSummary {
  id: string;
  name: string;
  label: string | null;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
  submissions: number;
}

export async function listDevices(db: Db): Promise<DeviceSummary[]> {
  const rows = await db
    .selectFrom('devices')
    .leftJoin('submissions', 'submissions.device_id', 'devices.id')
    .select(({ fn }) => [
      'devices.id',
      'devices.name',
      'devices.label',
      'devices.created_at',
      'devices.last_seen_at',
      'devices.revoked_at',
      fn.count<string | number>('submissions.id').as('submissions'),
    ])
    .where('devices.id', '!=', LINK_DEVICE_ID)
    .groupBy(['devices.id', 'devices.name', 'devices.label', 'devices.created_at', 'devices.last_seen_at', 'devices.revoked_at'])
    .orderBy('devices.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    label: r.label,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
    submissions: Number(r.submissions),
  }));
}
