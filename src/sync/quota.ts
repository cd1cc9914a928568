/**
 * The quota snapshot on the device: every submission reply carries one (upload.ts keeps it);
 * when a sync has nothing to send, GET /api/quota fetches a fresh one, so the start page's
 * warnings follow the fieldwork even on a device with nothing new. Loaded lazily, like upload.
 */
import { API_PATHS, QuotaSnapshot } from '../contract';
import { saveQuotaSnapshot, type Enrolment, type SurveyDb } from '../store';
import type { FetchLike } from './failures';
import { getJson } from './http';
import { endpoint } from './url';

export interface QuotaRefreshOptions {
  db: SurveyDb;
  enrolment: Enrolment;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}

/** Fetches the snapshot with the device's token and stores it; throws an HttpFailure. */
export async function refreshQuota(options: QuotaRefreshOptions): Promise<QuotaSnapshot> {
  const { db, enrolment } = options;
  const snapshot = await getJson(endpoint(enrolment.serverUrl, API_PATHS.quota), QuotaSnapshot, {
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    token: enrolment.token,
  });
  await saveQuotaSnapshot(snapshot, db);
  return snapshot;
}

/** Keeps the snapshot a submission reply brought; a device that cannot store it now gets the next one. */
export async function keepReplySnapshot(snapshot: QuotaSnapshot | undefined, db: SurveyDb): Promise<void> {
  if (snapshot) await saveQuotaSnapshot(snapshot, db).catch(() => undefined);
}
