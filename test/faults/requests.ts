/**
 * Building malformed requests per route: a method (now and then the wrong one), a path (now and
 * then a near miss), headers (credentials right or wrong, content types, odd extras) and a body.
 */
import fc from 'fast-check';
import type { FuzzRequest } from './fuzz-runner';
import type { World } from './fuzz-world';
import { contentType, headerText, jsonText, pathVariant, wrongAuthorization, wrongCookie } from './malformed';

type Method = FuzzRequest['method'];

export const method = (main: Method): fc.Arbitrary<Method> =>
  fc.oneof({ weight: 19, arbitrary: fc.constant(main) }, { weight: 1, arbitrary: fc.constantFrom<Method>('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD') });

/** Mostly the path itself (or one drawn from `path`), sometimes a near miss. */
export const pathOf = (path: string | fc.Arbitrary<string>): fc.Arbitrary<string> => {
  const exact = typeof path === 'string' ? fc.constant(path) : path;
  return fc.oneof({ weight: 9, arbitrary: exact }, { weight: 1, arbitrary: exact.chain(pathVariant) });
};

/** Headers nobody needs but clients send, some of them odd. */
export const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    accept: fc.constantFrom('application/json', '*/*', 'text/html', 'application/xml;q=0.9', ''),
    'accept-encoding': fc.constantFrom('gzip, deflate, br', 'identity', 'x-unknown', '*;q=0'),
    'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown'),
    'x-forwarded-for': headerText(60),
    'if-none-match': fc.oneof(headerText(60), fc.constant('*')),
    'user-agent': headerText(200),
    origin: fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1'),
  },
  { requiredKeys: [] },
);

/** Now and then some extra headers. */
const someExtras: fc.Arbitrary<Record<string, string>> = fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: extraHeaders });

/** Credentials of a device route: mostly the valid token (so the body is read), else wrong ones. */
export const deviceAuth = (w: World): fc.Arbitrary<Record<string, string>> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant({ authorization: `Bearer ${w.token}` }) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.constant({ authorization: `Bearer ${w.revokedToken}` }) },
    { weight: 2, arbitrary: wrongAuthorization.map((authorization) => ({ authorization })) },
    { weight: 1, arbitrary: fc.constant({ cookie: w.cookie }) },
    { weight: 1, arbitrary: fc.constantFrom(`Bearer ${w.token}x`, `Bearer ${w.token.slice(1)}`, `Bearer ${w.token} ${w.token}`, `Bearer ${w.token.toUpperCase()}`).map((authorization) => ({ authorization })) },
  );

/** Credentials of a coordinator route: mostly the live session (so the request is read), else wrong ones. */
export const coordinatorAuth = (w: World): fc.Arbitrary<Record<string, string>> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant({ cookie: w.cookie }) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.constant({ cookie: w.expiredCookie }) },
    { weight: 2, arbitrary: wrongCookie.map((cookie) => ({ cookie })) },
    { weight: 1, arbitrary: fc.constant({ authorization: `Bearer ${w.token}` }) },
    { weight: 1, arbitrary: wrongAuthorization.map((authorization) => ({ authorization })) },
    { weight: 1, arbitrary: fc.constantFrom(`${w.cookie}x`, `${w.cookie.toUpperCase()}`, `other=1; ${w.cookie}`, `session=; ${w.cookie}`).map((cookie) => ({ cookie })) },
  );

/** No credentials needed (public routes): whatever a client sends. */
export const anyAuth = (w: World): fc.Arbitrary<Record<string, string>> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: deviceAuth(w) },
    { weight: 1, arbitrary: coordinatorAuth(w) },
  );

/** A body as text: values are written as JSON (with raw parts), strings and bytes go as they are. */
export type Body = { value: unknown } | { text: string } | { bytes: Buffer };

export const asValue = (a: fc.Arbitrary<unknown>): fc.Arbitrary<Body> => a.map((value) => ({ value }));
export const asText = (a: fc.Arbitrary<string>): fc.Arbitrary<Body> => a.map((text) => ({ text }));
export const asBytes = (a: fc.Arbitrary<Buffer>): fc.Arbitrary<Body> => a.map((bytes) => ({ bytes }));

export const payloadOf = (b: Body): string | Buffer => ('value' in b ? jsonText(b.value) : 'text' in b ? b.text : b.bytes);

/** A request with a body. `keep` drops requests that would legitimately change stored data. */
export function withBody(
  methods: fc.Arbitrary<Method>,
  paths: fc.Arbitrary<string>,
  auth: fc.Arbitrary<Record<string, string>>,
  body: fc.Arbitrary<Body>,
  keep: (payload: string | Buffer) => boolean = () => true,
): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({ method: methods, url: paths, auth, type: fc.option(contentType, { freq: 12 }), extra: someExtras, body })
    .map(({ method: m, url, auth: a, type, extra, body: b }): FuzzRequest => {
      const headers: Record<string, string> = { ...extra, ...a };
      if (type !== null) headers['content-type'] = type;
      return { method: m, url, headers, payload: payloadOf(b) };
    })
    .filter((r) => r.payload === undefined || keep(r.payload));
}

/** A request without a body (GET and friends). */
export function withoutBody(methods: fc.Arbitrary<Method>, paths: fc.Arbitrary<string>, auth: fc.Arbitrary<Record<string, string>>): fc.Arbitrary<FuzzRequest> {
  return fc.record({ method: methods, url: paths, auth, extra: someExtras }).map(({ method: m, url, auth: a, extra }) => ({
    method: m,
    url,
    headers: { ...extra, ...a },
  }));
}
