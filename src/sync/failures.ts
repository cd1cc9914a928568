/** The typed failures of sync's HTTP client: no reply, a refusal, or a reply that makes no sense. */
import type { ApiErrorCode } from '../contract/errors';
import type { SyncError } from '../store';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** A code for a failed request: the server's own, or derived from the HTTP status. */
export type FailureCode = ApiErrorCode | 'http_error';

/** The server answered with a non-2xx status. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  readonly kind = 'api';
  constructor(
    readonly status: number,
    readonly code: FailureCode,
    message: string,
    readonly details: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** No reply: offline, refused connection, reset, DNS, or the timeout ran out. */
export class NetworkFailure extends Error {
  override readonly name = 'NetworkFailure';
  readonly kind = 'network';
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
  }
}

/** A 2xx reply that is not JSON or does not match the contract. */
export class BadReplyFailure extends Error {
  override readonly name = 'BadReplyFailure';
  readonly kind = 'badReply';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export type HttpFailure = ApiFailure | NetworkFailure | BadReplyFailure;

export const isHttpFailure = (e: unknown): e is HttpFailure =>
  e instanceof ApiFailure || e instanceof NetworkFailure || e instanceof BadReplyFailure;

/** Refusals that mean the device must be enrolled again: retrying will not help. */
export const AUTH_ERROR_CODES: ReadonlySet<string> = new Set(['unauthorized', 'token_revoked']);

/** What the device itself failed at (IndexedDB, code that could not load): kept as `device_error`. */
export const deviceError = (e: unknown, at: string): SyncError => ({ code: 'device_error', message: e instanceof Error ? e.message : String(e), at });

/** Why a pass stopped, as the sync state keeps it: the server's code, `timeout`, `network`, `bad_reply`, or `device_error`. */
export function syncErrorOf(e: unknown, at: string): SyncError {
  if (!isHttpFailure(e)) return deviceError(e, at);
  const code = e.kind === 'api' ? e.code : e.kind === 'network' ? (e.timedOut ? 'timeout' : 'network') : 'bad_reply';
  return { code, message: e.message, at };
}

/** A final refusal of one interview, as kept on the device: the server's message with the fields it names. */
export function refusalOf(e: ApiFailure): { code: string; message: string } {
  const details = e.details.map((d) => `${d.path}: ${d.message}`).join('; ');
  return { code: e.code, message: details ? `${e.message} (${details})` : e.message };
}
