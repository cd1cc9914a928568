/**
 * One upload pass: sends the outbox's pending interviews in batches until none is left, and
 * applies the server's verdict per interview. Stops at the first whole-request failure, leaving
 * every unacknowledged interview in the outbox. Loaded lazily by the syncer: it carries the
 * contract's schemas (zod/mini), which the app's first screen does not need.
 */
import { API_PATHS, SubmitResponse, type SubmitResult } from '../contract';
import {
  acknowledgeSubmissions,
  noteAttempt,
  pendingSubmissions,
  rejectSubmission,
  type Enrolment,
  type SurveyDb,
  type SyncError,
} from '../store';
import { ApiFailure, AUTH_ERROR_CODES, BadReplyFailure, isHttpFailure, type FetchLike } from './failures';
import { postJson } from './http';
import { keepReplySnapshot } from './quota';
import { toSubmission } from './submission';
import { endpoint } from './url';

export interface PassOptions {
  db: SurveyDb;
  enrolment: Enrolment;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
  now: () => Date;
  batchSize: number;
  /** Called after each batch is applied, so the status can show the shrinking queue. */
  onProgress?: (() => Promise<unknown>) | undefined;
}

interface PassCounts {
  acknowledged: number;
  rejected: number;
  /** Whether the server answered a submission request during this pass. */
  contacted: boolean;
}

export type PassResult = PassCounts & ({ status: 'ok' } | { status: 'needsEnrolment' | 'failed'; error: SyncError });

function describeFailure(e: unknown, at: string): SyncError {
  if (isHttpFailure(e)) {
    const code = e.kind === 'api' ? e.code : e.kind === 'network' ? (e.timedOut ? 'timeout' : 'network') : 'bad_reply';
    return { code, message: e.message, at };
  }
  return { code: 'device_error', message: e instanceof Error ? e.message : String(e), at };
}

/** The request was refused as a whole for its size or shape: a smaller batch may pass. */
const splittable = (e: unknown): e is ApiFailure =>
  e instanceof ApiFailure && (e.status === 413 || e.code === 'body_too_large' || (e.status === 400 && e.code === 'invalid_request'));

async function applyResults(db: SurveyDb, sent: readonly string[], results: readonly SubmitResult[], serverTime: string) {
  const byId = new Map(results.map((r) => [r.id, r]));
  const acknowledged: string[] = [];
  let rejected = 0;
  let missing = 0;
  for (const id of sent) {
    const result = byId.get(id);
    if (!result) missing += 1;
    else if (result.status === 'stored' || result.status === 'duplicate') acknowledged.push(id);
    else {
      rejected += 1;
      await rejectSubmission(
        id,
        {
          code: result.code ?? 'invalid_request',
          message: result.message ?? '',
          ...(result.errors ? { errors: result.errors } : {}),
        },
        db,
      );
    }
  }
  await acknowledgeSubmissions(acknowledged, serverTime, db);
  return { acknowledged: acknowledged.length, rejected, missing };
}

export async function uploadPass(options: PassOptions): Promise<PassResult> {
  const { db, enrolment, now } = options;
  const url = endpoint(enrolment.serverUrl, API_PATHS.submissions);
  const result: PassCounts = { acknowledged: 0, rejected: 0, contacted: false };
  let size = Math.max(1, options.batchSize);
  for (;;) {
    const batch = await pendingSubmissions(size, db);
    if (batch.length === 0) return { ...result, status: 'ok' };
    const items = [];
    for (const { record } of batch) {
      const prepared = toSubmission(record);
      if (prepared.ok) items.push(prepared.submission);
      else {
        await rejectSubmission(record.id, prepared.rejection, db);
        result.rejected += 1;
      }
    }
    if (items.length === 0) continue;
    const ids = items.map((i) => i.id);
    await noteAttempt(ids, now().toISOString(), db);
    let reply: SubmitResponse;
    try {
      reply = await postJson(url, { items }, SubmitResponse, { fetch: options.fetch, timeoutMs: options.timeoutMs, token: enrolment.token });
    } catch (e) {
      if (e instanceof ApiFailure && AUTH_ERROR_CODES.has(e.code))
        return { ...result, status: 'needsEnrolment', error: describeFailure(e, now().toISOString()) };
      if (splittable(e) && items.length > 1) {
        size = Math.ceil(items.length / 2);
        continue;
      }
      if (splittable(e)) {
        // One interview the server will never take in this form: keep it, refused, with the reason.
        const details = e.details.map((d) => `${d.path}: ${d.message}`).join('; ');
        await rejectSubmission(ids[0]!, { code: e.code, message: details ? `${e.message} (${details})` : e.message }, db);
        result.rejected += 1;
        size = Math.max(1, options.batchSize); // isolated: the rest may go in full batches again
        continue;
      }
      return { ...result, status: 'failed', error: describeFailure(e, now().toISOString()) };
    }
    result.contacted = true;
    const applied = await applyResults(db, ids, reply.results, reply.serverTime);
    await keepReplySnapshot(reply.quota, db);
    result.acknowledged += applied.acknowledged;
    result.rejected += applied.rejected;
    await options.onProgress?.();
    if (applied.missing > 0) {
      const e = new BadReplyFailure(`The server's reply left out ${applied.missing} of ${ids.length} interviews`, 200);
      return { ...result, status: 'failed', error: describeFailure(e, now().toISOString()) };
    }
  }
}
