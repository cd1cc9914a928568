/**
 * Enrolling the device: a coordinator's one-time code is exchanged for a long-lived token, kept
 * in the store. A previous authorization error is cleared, so uploads start again.
 */
import { getDb, saveEnrolment, saveSyncState, type Enrolment, type SurveyDb } from '../store';
import type { FetchLike } from './failures';
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

/** Exchanges the code; throws InvalidServerUrlError or an HttpFailure (e.g. enrolment_code_used). */
export async function enrolDevice(input: EnrolInput, options: EnrolOptions = {}): Promise<Enrolment> {
  const serverUrl = normaliseServerUrl(input.serverUrl);
  if (!serverUrl) throw new InvalidServerUrlError(input.serverUrl);
  const label = input.label?.trim();
  const request = { code: input.code.trim(), ...(label ? { deviceLabel: label } : {}) };
  // The HTTP client and the contract's schemas load on first use, off the app's first load.
  const [{ postJson }, { API_PATHS, EnrolResponse }] = await Promise.all([import('./http'), import('../contract')]);
  const reply = await postJson(endpoint(serverUrl, API_PATHS.enrol), request, EnrolResponse, {
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });
  const db = options.db ?? getDb();
  const enrolment: Enrolment = {
    serverUrl,
    deviceId: reply.deviceId,
    name: reply.name,
    token: reply.token,
    enrolledAt: (options.now?.() ?? new Date()).toISOString(),
  };
  await saveEnrolment(enrolment, db);
  await saveSyncState({ lastError: undefined }, db);
  return enrolment;
}
