/**
 * Runs a stream of malformed requests against the in-process server (Fastify inject) and checks
 * every reply: never a 5xx; every refusal is the contract's error body with a stable code that
 * fits its status; the number of rows in every table unchanged after each request.
 */
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { API_ERROR_CODES } from '../../src/contract';
import { rowCounter } from './stored-state';
import type { World } from './fuzz-world';

export interface FuzzRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD';
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

export interface Tally {
  requests: number;
  /** Time spent in the server's handling (inject), in ms, and in the whole run. */
  serverMs: number;
  totalMs: number;
  statuses: Record<string, number>;
  codes: Record<string, number>;
}

/** The statuses each error code may come with (invalid_request: any 4xx Fastify reports). */
const STATUSES: Record<string, readonly number[]> = {
  invalid_json: [400],
  body_too_large: [413],
  unsupported_media_type: [415],
  unauthorized: [401],
  token_revoked: [401],
  enrolment_code_invalid: [400],
  enrolment_code_used: [409],
  not_found: [404],
  rate_limited: [429],
  forbidden: [403],
  invalid_credentials: [401],
  conflict: [409],
  link_unknown: [404],
  link_revoked: [410],
  link_used: [410],
  link_exhausted: [410],
  link_mismatch: [422],
  quota_full: [409],
  unknown_survey: [422],
  unknown_version: [410, 422],
  unknown_group: [422],
  unknown_stratum: [422],
  invalid_answers: [422],
};

const KNOWN: ReadonlySet<string> = new Set(API_ERROR_CODES);

/**
 * Refusals Fastify's router sends in its own format, before the server's error handler can
 * answer: a path parameter over 100 characters (414) and a broken percent-encoding (400). They
 * break the error contract; fuzz-findings.test.ts fails until the server answers them itself.
 * Here they are counted (as "fastify:<code>") so the rest of each run still checks everything else.
 */
const FRAMEWORK_REFUSALS: ReadonlyMap<string, number> = new Map([
  ['FST_ERR_MAX_PARAM_LENGTH', 414],
  ['FST_ERR_BAD_URL', 400],
]);

/** The Fastify code of a refusal in Fastify's own format, when it is one of FRAMEWORK_REFUSALS. */
export function frameworkRefusal(status: number, body: string): string | undefined {
  try {
    const code = (JSON.parse(body) as { code?: unknown }).code;
    return typeof code === 'string' && FRAMEWORK_REFUSALS.get(code) === status ? code : undefined;
  } catch {
    return undefined;
  }
}

/** What is wrong with a reply, or undefined when it is a proper answer to a malformed request. */
export function problemWith(request: FuzzRequest, status: number, body: string): string | undefined {
  if (status >= 500 || status < 200) return `HTTP ${status}: ${body.slice(0, 400)}`;
  if (status < 400 || request.method === 'HEAD') return undefined;
  let parsed: { error?: { code?: unknown; message?: unknown } };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return `HTTP ${status} without a JSON error body: ${body.slice(0, 200)}`;
  }
  const code = parsed.error?.code;
  if (typeof code !== 'string' || !KNOWN.has(code)) return `HTTP ${status} with code ${JSON.stringify(code)}`;
  if (typeof parsed.error?.message !== 'string' || parsed.error.message === '') return `HTTP ${status} ${code} without a message`;
  const allowed = STATUSES[code];
  if (code === 'invalid_request' ? status < 400 || status > 499 : !allowed?.includes(status)) return `code ${code} with HTTP ${status}`;
  return undefined;
}

const describe = (r: FuzzRequest) => {
  const payload = r.payload === undefined ? '' : typeof r.payload === 'string' ? r.payload : `<${r.payload.length} bytes>`;
  return `${r.method} ${r.url.slice(0, 300)} ${JSON.stringify(r.headers).slice(0, 300)} ${payload.slice(0, 300)}${payload.length > 300 ? `… (${payload.length} chars)` : ''}`;
};

/**
 * Sends `runs` requests drawn from `requests` (seeded), checking each as above. Returns how many
 * were sent and what came back. A failure names the request (fast-check shrinks it first).
 */
export async function fuzz(world: World, requests: fc.Arbitrary<FuzzRequest>, runs: number, seed: number): Promise<Tally> {
  const tally: Tally = { requests: 0, serverMs: 0, totalMs: 0, statuses: {}, codes: {} };
  const started = performance.now();
  const recount = await rowCounter(world.server.database);
  const before = await recount();
  await fc.assert(
    fc.asyncProperty(requests, async (request) => {
      const sent = performance.now();
      const res = await world.server.app.inject({
        method: request.method,
        url: request.url,
        headers: request.headers,
        ...(request.payload !== undefined ? { payload: request.payload } : {}),
      } satisfies InjectOptions);
      tally.serverMs += performance.now() - sent;
      tally.requests += 1;
      tally.statuses[res.statusCode] = (tally.statuses[res.statusCode] ?? 0) + 1;
      const framework = frameworkRefusal(res.statusCode, res.body);
      if (framework) tally.codes[`fastify:${framework}`] = (tally.codes[`fastify:${framework}`] ?? 0) + 1;
      else {
        const problem = problemWith(request, res.statusCode, res.body);
        if (problem) throw new Error(`${problem}\nrequest: ${describe(request)}`);
        if (res.statusCode >= 400 && request.method !== 'HEAD') {
          const code = (JSON.parse(res.body) as { error: { code: string } }).error.code;
          tally.codes[code] = (tally.codes[code] ?? 0) + 1;
        }
      }
      const after = await recount();
      if (after !== before) throw new Error(`rows changed: ${before} → ${after}\nrequest: ${describe(request)}`);
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
  tally.totalMs = performance.now() - started;
  return tally;
}
