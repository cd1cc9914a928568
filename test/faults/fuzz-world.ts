/**
 * A server with something in every table, for the bad-input tests: a device with stored
 * interviews, a revoked device, a used and an expired enrolment code, a coordinator with a live
 * and an expired session. Also says whether a body would legitimately store something (so the
 * generators can leave such bodies out: they are not malformed).
 */
import { randomUUID } from 'node:crypto';
import { parseBackup, Submission, SubmitRequest, submissionCandidate } from '../../src/contract';
import { redeemEnrolmentCode, issueEnrolmentCode } from '../../src/server/auth/devices';
import { createSession } from '../../src/server/coordinators/sessions';
import { loadCatalog } from '../../src/server/definitions/catalog';
import type { Catalog } from '../../src/server/definitions/catalog';
import { checkItem } from '../../src/server/ingest/check-item';
import { loginAsCoordinator } from '../server/coordinator-session';
import { DEFINITIONS_DIR, startTestServer, type DatabaseKind, type TestServer, type TestServerOptions } from '../server/harness';
import { interviewAnswers } from './device-interviews';
import { foldScoreTotals, stopFolding } from '../../src/server/scores/fold';

export interface World {
  server: TestServer;
  catalog: Catalog;
  token: string;
  deviceId: string;
  revokedToken: string;
  revokedDeviceId: string;
  usedCode: string;
  expiredCode: string;
  /** `session=…` of a live coordinator session. */
  cookie: string;
  /** `session=…` of an expired one. */
  expiredCookie: string;
  /** Interviews already stored (from `deviceId`). */
  stored: Submission[];
  storedIds: Set<string>;
}

/** A valid SIPAS interview, different for every n. */
export function validInterview(n: number, id: string = randomUUID()): Submission {
  const { stratum, answers } = interviewAnswers(900 + (n % 50), n);
  return {
    id,
    surveyId: 'sipas-citizen',
    surveyVersion: 1,
    respondentGroup: 'citizen',
    stratum,
    lang: n % 2 ? 'vi' : 'en',
    answers,
    startedAt: '2024-11-05T09:00:00.000+07:00',
    completedAt: '2024-11-05T09:17:30.000+07:00',
    sectionTimes: { 'a-respondent': 120, 'b-procedure': 200 },
  };
}

export interface WorldOptions extends TestServerOptions {
  /** The interviews stored from the device before the run (default: six SIPAS interviews). */
  interview?: (n: number) => Submission;
}

export async function makeWorld(database: DatabaseKind, options: WorldOptions = {}): Promise<World> {
  const { interview = validInterview, ...serverOptions } = options;
  const server = await startTestServer({ database, ...serverOptions });
  try {
    return await populate(server, interview, serverOptions.definitionsDir);
  } catch (e) {
    await server.close(); // its data folder or database goes too
    throw e;
  }
}

async function populate(server: TestServer, interview: (n: number) => Submission, definitionsDir: string | undefined): Promise<World> {
  const { db } = server.database;
  const { token, deviceId } = await server.enrolDevice('Điều tra viên');
  const revoked = await server.enrolDevice('Máy bị thu hồi');
  const stored = Array.from({ length: 6 }, (_, i) => interview(i));
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/submissions',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ items: stored }),
  });
  if (res.statusCode !== 200 || !res.body.includes('"stored"')) throw new Error(`seeding failed: ${res.statusCode} ${res.body}`);
  await server.revokeDevice(revoked.deviceId);

  const { code: usedCode } = await issueEnrolmentCode(db, 'Mã đã dùng');
  await redeemEnrolmentCode(db, usedCode, 'máy khác');
  const { code: expiredCode } = await issueEnrolmentCode(db, 'Mã hết hạn', new Date(Date.now() - 8 * 86_400_000));

  const cookie = await loginAsCoordinator(server);
  const coordinator = await db.selectFrom('coordinators').select('id').executeTakeFirstOrThrow();
  // Made after the live one: creating a session sweeps sessions already expired at its own time.
  const expired = await createSession(db, coordinator.id, new Date(Date.now() - 13 * 3600_000));
  // The seeding's score totals, queued as deltas, folded now: the background fold is the server's
  // own work, which tests comparing what is stored must not take for a change a request made.
  await stopFolding(db);
  await foldScoreTotals(db);
  return {
    server,
    catalog: loadCatalog(definitionsDir ?? DEFINITIONS_DIR),
    token,
    deviceId,
    revokedToken: revoked.token,
    revokedDeviceId: revoked.deviceId,
    usedCode,
    expiredCode,
    cookie,
    expiredCookie: `session=${expired.token}`,
    stored,
    storedIds: new Set(stored.map((s) => s.id)),
  };
}

/**
 * These checks run the contract's own code on the generated body; if that code throws, the server
 * would throw on it too, which is exactly what the request should find out: such a body is kept.
 */
function safely(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

/** True when this would be stored as a new interview: a valid submission with an id not yet held. */
export function wouldStore(world: World, candidate: unknown): boolean {
  return safely(() => wouldStoreUnsafe(world, candidate));
}

function wouldStoreUnsafe(world: World, candidate: unknown): boolean {
  const parsed = Submission.safeParse(candidate);
  if (!parsed.success) return false;
  if (world.storedIds.has(parsed.data.id.toLowerCase())) return false; // duplicate or conflict: nothing changes
  return checkItem(world.catalog, parsed.data).ok;
}

/** A submissions body that would store something (not malformed, so not for these tests). */
export function batchWouldStore(world: World, body: unknown): boolean {
  return safely(() => {
    const parsed = SubmitRequest.safeParse(body);
    return parsed.success && parsed.data.items.some((i) => wouldStore(world, i));
  });
}

/** A backup file that would store something. */
export function backupWouldStore(world: World, body: unknown): boolean {
  return safely(() => {
    const parsed = parseBackup(body);
    return parsed.ok && parsed.file.interviews.some(({ record }) => wouldStore(world, submissionCandidate(record)));
  });
}
