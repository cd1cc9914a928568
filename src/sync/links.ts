/**
 * Respondent links over the wire: describing a link, reporting that its interview started, and
 * one pass sending the interviews completed through links, each through its own link (no
 * enrolment: the token is the credential). Loaded lazily with the contract's schemas, like upload.
 */
import { API_PATHS, isTransientLinkStatus, LINK_INTERVIEW_HEADER, LinkInfo, LinkStarted, LinkSubmitAck } from '../contract';
import { acknowledgeSubmissions, noteAttempt, pendingLinkSubmissions, rejectSubmission, type SurveyDb, type SyncError } from '../store';
import { noteLinkRefusal, noteLinkStarted, unreportedLinkStarts } from '../store/links';
import { ApiFailure, BadReplyFailure, refusalOf, syncErrorOf, type FetchLike } from './failures';
import { getJson, postJson } from './http';
import { toSubmission } from './submission';
import { endpoint } from './url';

export interface LinkHttpOptions {
  /** The server's address; '' for the page's own origin. */
  serverUrl: string;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}

const linkUrl = (serverUrl: string, token: string, tail = '') => endpoint(serverUrl, `${API_PATHS.links}/${encodeURIComponent(token)}${tail}`);

/** A refusal the same request will never get past (unknown, revoked, used link…), as opposed to a network or server problem. */
export const isFinalRefusal = (e: unknown): e is ApiFailure => e instanceof ApiFailure && !isTransientLinkStatus(e.status);

/** What the server says about a link; throws an HttpFailure (ApiFailure link_unknown, link_revoked… for refusals). */
export function fetchLinkInfo(token: string, options: LinkHttpOptions): Promise<LinkInfo> {
  return getJson(linkUrl(options.serverUrl, token), LinkInfo, options);
}

export interface LinkPassOptions extends LinkHttpOptions {
  db: SurveyDb;
  now: () => Date;
}

export interface LinkPassResult {
  acknowledged: number;
  rejected: number;
  status: 'ok' | 'failed';
  /** Why the pass stopped (status failed): nothing final, it is worth trying again later. */
  error?: SyncError;
}

/**
 * Reports the starts the server has not heard of, then sends every pending link interview, oldest
 * first, one request each. A final refusal keeps the interview on the device, marked refused with
 * the server's code; a network or server problem stops the pass with everything left queued.
 */
export async function linkPass(options: LinkPassOptions): Promise<LinkPassResult> {
  const { db, now, serverUrl } = options;
  const http = { fetch: options.fetch, timeoutMs: options.timeoutMs };
  const result: LinkPassResult = { acknowledged: 0, rejected: 0, status: 'ok' };
  const failed = (e: unknown): LinkPassResult => ({ ...result, status: 'failed', error: syncErrorOf(e, now().toISOString()) });

  // Best effort, once per interview: coordinators see the link "in progress".
  for (const { token, recordId } of await unreportedLinkStarts(db)) {
    try {
      const started = await postJson(linkUrl(serverUrl, token, '/started'), { interviewId: recordId }, LinkStarted, http);
      await noteLinkStarted(token, started.startedAt, db);
    } catch (e) {
      if (!isFinalRefusal(e)) return failed(e);
      await noteLinkRefusal(token, { code: e.code, message: e.message }, db);
    }
  }

  for (;;) {
    const [next] = await pendingLinkSubmissions(1, db);
    if (!next) return result;
    const { record, entry } = next;
    const token = entry.linkToken!;
    const prepared = toSubmission(record);
    if (!prepared.ok) {
      await rejectSubmission(record.id, prepared.rejection, db);
      result.rejected += 1;
      continue;
    }
    await noteAttempt([record.id], now().toISOString(), db);
    try {
      // The id in a header too: a link closed by this very interview (a reply lost) still reads this resend.
      const ack = await postJson(linkUrl(serverUrl, token, '/submissions'), prepared.submission, LinkSubmitAck, {
        ...http,
        headers: { [LINK_INTERVIEW_HEADER]: prepared.submission.id },
      });
      if (ack.id !== record.id) return failed(new BadReplyFailure(`The server acknowledged ${ack.id} instead of ${record.id}`, 200));
      // Stored now, or already stored (a resend after a lost reply): either way the server holds it.
      await acknowledgeSubmissions([record.id], ack.receivedAt, db);
      result.acknowledged += 1;
    } catch (e) {
      if (!isFinalRefusal(e)) return failed(e);
      await rejectSubmission(record.id, refusalOf(e), db);
      result.rejected += 1;
    }
  }
}
