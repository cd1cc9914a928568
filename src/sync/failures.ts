/** The typed failures of sync's HTTP client: no reply, a refusal, or a reply that makes no sense. */
import type { ApiErrorCode } from '../contract/errors';

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
