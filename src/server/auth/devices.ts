/**
 * Devices and their credentials: issuing enrolment codes (coordinator), exchanging a code once
 * for a token (device), finding the device behind a token, revoking, and listing devices with their interviews (the
 * coordinators' pages and the CLI).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DeviceSummary } from '../../contract';
import type { DatabaseSchema, DeviceRow } from '../db/schema';
import { ServerRefusal } from '../errors';
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
  /** False when the code had already been exchanged for this very token (a retry after a lost reply). */
  created: boolean;
}

const invalidCode = () =>
  new ServerRefusal('enrolment_code_invalid', 'This enrolment code is unknown or has expired; ask the coordinator for a new one.');
const usedCode = () =>
  new ServerRefusal('enrolment_code_used', 'This enrolment code has already been used; ask the coordinator for a new one.');
const takenToken = () =>
  new ServerRefusal('conflict', 'This device token already belongs to another device; make a new token and enrol again.');

/**
 * Exchanges a code for a new device and its token. The code is consumed by a conditional update
 * (`used_at IS NULL`) in the same transaction that creates the device, so two devices racing with
 * one code cannot both win.
 *
 * A device may send the token it made itself (`deviceToken`); only its hash is stored, as for a
 * token the server makes. Sending the same code with the same token again (the first reply was
 * lost) returns the device that exchange created, with `created: false`; a used code with any
 * other token, or a token another device already holds, is refused. Without `deviceToken` the
 * server makes the token and a used code is always refused.
 */
export async function redeemEnrolmentCode(
  db: Db,
  typedCode: string,
  label: string | undefined,
  now = new Date(),
  deviceToken?: string,
): Promise<Enrolled> {
  const normalised = normaliseEnrolmentCode(typedCode);
  if (!normalised) throw invalidCode();
  if (deviceToken !== undefined && !looksLikeToken(deviceToken))
    throw new ServerRefusal('invalid_request', 'The device token does not have the expected shape.', [
      { path: 'token', message: 'must be 43 characters of A-Z, a-z, 0-9, - or _' },
    ]);
  const codeHash = sha256(normalised);
  const token = deviceToken ?? newDeviceToken();
  const tokenHash = sha256(token);
  const at = now.toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('enrolment_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
      if (!row) throw invalidCode();
      if (row.used_at !== null) throw usedCode();
      if (row.expires_at <= at) throw invalidCode();
      if (deviceToken !== undefined) {
        const holder = await trx.selectFrom('devices').select('id').where('token_hash', '=', tokenHash).executeTakeFirst();
        if (holder) throw takenToken();
      }

      const deviceId = randomUUID();
      await trx
        .insertInto('devices')
        .values({ id: deviceId, name: row.name, label: label ?? null, token_hash: tokenHash, created_at: at, last_seen_at: at, revoked_at: null })
        .execute();
      const claimed = await trx
        .updateTable('enrolment_codes')
        .set({ used_at: at, device_id: deviceId })
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (claimed.numUpdatedRows !== 1n) throw usedCode();
      return { deviceId, name: row.name, token, created: true };
    });
  } catch (error) {
    if (deviceToken === undefined) throw error;
    // Whatever stopped this attempt (the code used, or a concurrent attempt with the same token
    // inserting first), an exchange of this code for this token that took place is the answer.
    const earlier = await deviceEnrolledWith(db, codeHash, tokenHash);
    if (earlier) return { ...earlier, token, created: false };
    if (!(error instanceof ServerRefusal) && (await tokenHolder(db, tokenHash))) throw takenToken();
    throw error;
  }
}

/** The live device that the code was exchanged for, when that device holds the token hashed `tokenHash`. */
async function deviceEnrolledWith(db: Db, codeHash: string, tokenHash: string): Promise<{ deviceId: string; name: string } | undefined> {
  const row = await db
    .selectFrom('enrolment_codes')
    .innerJoin('devices', 'devices.id', 'enrolment_codes.device_id')
    .select(['devices.id', 'devices.name'])
    .where('enrolment_codes.code_hash', '=', codeHash)
    .where('enrolment_codes.used_at', 'is not', null)
    .where('devices.token_hash', '=', tokenHash)
    .where('devices.revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { deviceId: row.id, name: row.name };
}

const tokenHolder = async (db: Db, tokenHash: string): Promise<string | undefined> =>
  (await db.selectFrom('devices').select('id').where('token_hash', '=', tokenHash).executeTakeFirst())?.id;

/** How often last_seen_at is refreshed, so that every request is not a write. */
const SEEN_RESOLUTION_MS = 60_000;

/** The device behind a bearer token; throws 401 unauthorized / token_revoked. */
export async function deviceForToken(db: Db, token: string | undefined, now = new Date()): Promise<DeviceRow> {
  if (!token || !looksLikeToken(token))
    throw new ServerRefusal('unauthorized', 'Send the device token as "Authorization: Bearer <token>"; enrol the device first.');
  const device = await db.selectFrom('devices').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
  if (!device) throw new ServerRefusal('unauthorized', 'This device token is not known to the server; enrol the device again.');
  if (device.revoked_at !== null)
    throw new ServerRefusal('token_revoked', 'This device was revoked by a coordinator; ask for a new enrolment code.');
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

/**
 * Every device with its interviews (all campaigns), oldest enrolment first. The numbers come from
 * the activity counters kept at ingest (one row per campaign, day and device): never a scan of
 * every interview. With `links`, also the reserved row of the interviews sent through respondent
 * links; with `uncounted`, also the few interviews not counted yet (stored without a campaign,
 * counted at the next start), as the CLI shows them while no server runs.
 */
export async function deviceSummaries(db: Db, { links = false, uncounted = false } = {}): Promise<DeviceSummary[]> {
  const totals = db
    .selectFrom('activity_counts')
    .select(({ fn }) => ['device_id', fn.sum<string | number>('count').as('interviews')])
    .groupBy('device_id')
    .as('totals');
  const rows = await db
    .selectFrom('devices')
    .leftJoin(totals, 'totals.device_id', 'devices.id')
    .select(['devices.id', 'devices.name', 'devices.label', 'devices.created_at', 'devices.last_seen_at', 'devices.last_sync_at', 'devices.revoked_at', 'totals.interviews'])
    .$if(!links, (q) => q.where('devices.id', '!=', LINK_DEVICE_ID))
    .orderBy('devices.created_at')
    .orderBy('devices.id')
    .execute();
  const notCounted = new Map<string, number>();
  if (uncounted) {
    const found = await db
      .selectFrom('submissions')
      .select(({ fn }) => ['device_id', fn.countAll<string | number>().as('n')])
      .where('campaign_id', 'is', null)
      .groupBy('device_id')
      .execute();
    for (const r of found) notCounted.set(r.device_id, Number(r.n));
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    label: r.label,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    lastSyncAt: r.last_sync_at,
    revokedAt: r.revoked_at,
    interviews: Number(r.interviews ?? 0) + (notCounted.get(r.id) ?? 0),
  }));
}
