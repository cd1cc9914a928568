/**
 * Enrolling the device: a coordinator's one-time code is exchanged for a long-lived token, kept
 * in the store. A previous authorization error is cleared, so uploads start again.
 *
 * The device makes its token itself and keeps it in the store before sending it, for the code it
 * was made for. When the reply is lost (the server may have enrolled the device all the same), the
 * next try with that code, even after a reload, sends the same token, and the server answers with
 * the device that token was enrolled as instead of refusing the used code.
 */
import {
  clearPendingEnrolment,
  getDb,
  getPendingEnrolment,
  saveEnrolment,
  savePendingEnrolment,
  saveSyncState,
  type Enrolment,
  type SurveyDb,
} from '../store';
import { canonicalCode, ENROLMENT_CODE_LENGTH } from '../contract/codes';
import { ApiFailure, type FetchLike } from './failures';
import { endpoint, normaliseServerUrl } from './url';

/** The server address is not an http(s) URL. */
export class InvalidServerUrlError extends Error {
  override readonly name = 'InvalidServerUrlError';
  constructor(readonly input: string) {
    super(`Not a server address: "${input}"`);
  }
}

export interface EnrolInput {
  serverUrl: string;
  code: string;
  /** What the device calls itself, shown to coordinators. */
  label?: string | undefined;
}

export interface EnrolOptions {
  db?: SurveyDb | undefined;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
  now?: (() => Date) | undefined;
}

/** A new device token: 32 random bytes in base64url (43 characters), the server's own format. */
export function newDeviceToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** A code as the server reads it (a mistyped one as typed: the server will refuse it). */
const normaliseCode = (code: string): string => canonicalCode(code, ENROLMENT_CODE_LENGTH) ?? code;

/** The token kept for this server and code, or a new one, kept before it is sent. */
async function tokenFor(serverUrl: string, code: string, db: SurveyDb, now: Date): Promise<string> {
  const pending = await getPendingEnrolment(db);
  if (pending?.serverUrl === serverUrl && pending.code === code) return pending.token;
  const token = newDeviceToken();
  await savePendingEnrolment({ serverUrl, code, token, createdAt: now.toISOString() }, db);
  return token;
}

/** A refusal: the server enrolled nothing with this request, and would not on a retry (unlike 408 or 429). */
const isRefusal = (e: unknown): boolean => e instanceof ApiFailure && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429;

/** Exchanges the code; throws InvalidServerUrlError or an HttpFailure (e.g. enrolment_code_used). */
export async function enrolDevice(input: EnrolInput, options: EnrolOptions = {}): Promise<Enrolment> {
  const serverUrl = normaliseServerUrl(input.serverUrl);
  if (!serverUrl) throw new InvalidServerUrlError(input.serverUrl);
  const db = options.db ?? getDb();
  const now = () => options.now?.() ?? new Date();
  const label = input.label?.trim();
  const code = input.code.trim();
  const token = await tokenFor(serverUrl, normaliseCode(code), db, now());
  const request = { code, ...(label ? { deviceLabel: label } : {}), token };
  // The HTTP client and the contract's schemas load on first use, off the app's first load.
  const [{ postJson }, { API_PATHS, EnrolResponse }] = await Promise.all([import('./http'), import('../contract')]);
  const reply = await postJson(endpoint(serverUrl, API_PATHS.enrol), request, EnrolResponse, {
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  }).catch(async (e: unknown) => {
    // After a refusal the next try makes a new token; after no reply it sends this one again.
    if (isRefusal(e)) await clearPendingEnrolment(db);
    throw e;
  });
  const enrolment: Enrolment = {
    serverUrl,
    deviceId: reply.deviceId,
    name: reply.name,
    ...(label ? { label } : {}),
    // The server's reply: a server that does not take the device's token sends its own.
    token: reply.token,
    enrolledAt: now().toISOString(),
  };
  await saveEnrolment(enrolment, db);
  await clearPendingEnrolment(db);
  await saveSyncState({ lastError: undefined }, db);
  return enrolment;
}
