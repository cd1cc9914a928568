/**
 * The one HTTP client of sync: JSON over fetch with a timeout. Every outcome other than a reply
 * that passes its schema is a typed failure, so callers never mistake garbage for success.
 * Loaded lazily with the contract's schemas (zod/mini), off the app's first load.
 */
import { ApiError } from '../contract';
import { ApiFailure, BadReplyFailure, NetworkFailure, type FailureCode, type FetchLike } from './failures';

/** What a reply is checked with: the contract's zod/mini schemas fit this shape. */
export interface ReplySchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

export interface HttpOptions {
  fetch?: FetchLike | undefined;
  /** Covers the whole exchange, body included. */
  timeoutMs?: number | undefined;
  token?: string | undefined;
  /** Further request headers. */
  headers?: Readonly<Record<string, string>> | undefined;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

function codeForStatus(status: number): FailureCode {
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 413) return 'body_too_large';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'internal';
  return 'http_error';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** POSTs `body` as JSON to `url` and returns the reply checked by `schema`; throws an HttpFailure. */
export function postJson<T>(url: string, body: unknown, schema: ReplySchema<T>, options: HttpOptions = {}): Promise<T> {
  return request('POST', url, { json: body }, schema, options);
}

/** PUTs `body` as JSON to `url` (a whole resource replaced, such as a campaign) and returns the reply checked by `schema`; throws an HttpFailure. */
export function putJson<T>(url: string, body: unknown, schema: ReplySchema<T>, options: HttpOptions = {}): Promise<T> {
  return request('PUT', url, { json: body }, schema, options);
}

/** GETs JSON from `url` and returns it checked by `schema`; throws an HttpFailure. */
export function getJson<T>(url: string, schema: ReplySchema<T>, options: HttpOptions = {}): Promise<T> {
  return request('GET', url, undefined, schema, options);
}

/**
 * Sends `body` as it is (a file's bytes; its content type among `options.headers`), or nothing,
 * and returns the JSON reply checked by `schema`; throws an HttpFailure.
 */
export function sendRaw<T>(method: 'POST' | 'DELETE', url: string, body: BodyInit | undefined, schema: ReplySchema<T>, options: HttpOptions = {}): Promise<T> {
  return request(method, url, { raw: body }, schema, options);
}

/** What a request sends: JSON, a body as it is, or nothing. */
type Payload = { json: unknown } | { raw: BodyInit | undefined };

async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload: Payload | undefined, schema: ReplySchema<T>, options: HttpOptions): Promise<T> {
  const doFetch = options.fetch ?? ((u, init) => globalThis.fetch(u, init));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let status = 0;
  let text: string;
  try {
    const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
    if (payload && 'json' in payload) headers['content-type'] = 'application/json';
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    const init: RequestInit = { method, headers, signal: controller.signal };
    if (payload && 'json' in payload) init.body = JSON.stringify(payload.json);
    else if (payload?.raw !== undefined) init.body = payload.raw;
    if (method === 'GET') init.cache = 'no-store'; // a list of questionnaires from the HTTP cache could be stale
    const response = await doFetch(url, init);
    status = response.status;
    text = await response.text();
  } catch (e) {
    const timedOut = controller.signal.aborted;
    throw new NetworkFailure(timedOut ? 'The server did not answer in time' : `No reply from the server: ${(e as Error).message}`, timedOut);
  } finally {
    clearTimeout(timer);
  }
  const json = parseJson(text);
  if (status < 200 || status > 299) {
    const problem = ApiError.safeParse(json);
    if (problem.success) throw new ApiFailure(status, problem.data.error.code, problem.data.error.message, problem.data.error.details);
    throw new ApiFailure(status, codeForStatus(status), `HTTP ${status}`);
  }
  const reply = schema.safeParse(json);
  if (!reply.success) throw new BadReplyFailure(`Unexpected reply from the server (HTTP ${status})`, status);
  return reply.data;
}
