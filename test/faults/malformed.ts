/**
 * fast-check arbitraries for malformed requests: values of the wrong type, huge strings, deep
 * nesting, broken JSON text, mutations of a valid body, wrong tokens and cookies, odd paths.
 * Bodies are built as values that may hold `Raw` JSON text (deep nesting, numbers JSON.stringify
 * cannot write), then written with `jsonText`.
 */
import fc from 'fast-check';

/** JSON text put into a body as it is. */
export class Raw {
  constructor(readonly text: string) {}
}

/** Writes a value as JSON text; `Raw` parts go in untouched. */
export function jsonText(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** The body as the server will read it, or undefined when it is not JSON at all. */
export function parsedOrUndefined(text: string | Buffer | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(typeof text === 'string' ? text : text.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Strings up to several hundred KB, of characters that cost a parser (escapes, surrogates, NULs). */
export const hugeString = fc
  .tuple(fc.constantFrom('x', 'ữ', '\u0000', '"\\', '😀', '\ud800', '<script>', '%00', '\u202e'), fc.integer({ min: 10_000, max: 200_000 }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));

/** Arrays or objects nested thousands deep, closed or not. */
export const deepNesting = fc
  .tuple(fc.integer({ min: 64, max: 60_000 }), fc.constantFrom('[', '{"a":'), fc.boolean())
  .map(([depth, open, closed]) => new Raw(open.repeat(depth) + '1' + (closed ? (open === '[' ? ']' : '}').repeat(depth) : '')));

/** Numbers at the edges, and number-like text JSON.stringify would never write. */
export const oddNumber = fc.oneof(
  fc.constantFrom(0, -1, -0, 0.5, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e21, 1e308, -1e308, Number.MIN_VALUE),
  fc.constantFrom('1e999', '-1e999', '1E+2', '0.0000000000000000000000001', '123456789012345678901234567890').map((t) => new Raw(t)),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any value of a type a field does not expect. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(null, true, false, '', ' ', '0', 'null', 'undefined', 'NaN', [], {}, [null], { '': '' }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: oddNumber },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 10 }), { maxLength: 8 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 5 }) },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deepNesting },
);

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value instanceof Raw || value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}

export interface Mutation {
  at: number;
  action: 'replace' | 'delete' | 'add' | 'repeat';
  key: string;
  value: unknown;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  action: fc.constantFrom('replace', 'replace', 'replace', 'delete', 'add', 'repeat'),
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('id', 'answers', 'items', 'toString', 'valueOf', 'hasOwnProperty', '0', 'length')),
  value: wrongValue,
});

/**
 * A fresh copy of a generated value (keeping `Raw` parts): constants such as `[]` are shared
 * between runs, and inserting the same instance twice would let a later mutation make a cycle.
 */
function copy(value: unknown): unknown {
  if (value instanceof Raw || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copy);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
}

/** Applies mutations to a copy of a valid value, each at one of its nodes (parents and leaves). */
export function mutate(valid: unknown, mutations: readonly Mutation[]): unknown {
  const root = structuredClone(valid) as unknown;
  for (const mutation of mutations) {
    const m = { ...mutation, value: copy(mutation.value) };
    const paths = pathsOf(root);
    const path = paths[m.at % Math.max(1, paths.length)];
    if (!path) continue;
    let parent = root as Record<string | number, unknown>;
    for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (m.action === 'replace') parent[last] = m.value;
    else if (m.action === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (m.action === 'add') {
      if (Array.isArray(parent)) parent.push(m.value);
      else Object.defineProperty(parent, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    } else if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(last)]));
    else parent[last] = [parent[last], parent[last]];
  }
  return root;
}

/** A valid value with one to three mutations. */
export const mutated = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([v, ms]) => mutate(v, ms));

/** JSON text that is broken: cut, a character dropped or inserted, quotes or commas spoiled, junk around it. */
export function brokenJson(validText: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(
      validText,
      fc.constantFrom('cut', 'drop', 'insert', 'single-quotes', 'trailing-comma', 'junk-after', 'junk-before', 'comment', 'nan', 'undefined', 'unquoted-key', 'two-documents'),
      fc.nat(),
      fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', '\u00a0', 'x', '\n', '\ufeff', '/*'),
    )
    .map(([text, how, at, ch]) => {
      const i = text.length > 1 ? 1 + (at % (text.length - 1)) : 0;
      switch (how) {
        case 'cut':
          return text.slice(0, i);
        case 'drop':
          return text.slice(0, i) + text.slice(i + 1);
        case 'insert':
          return text.slice(0, i) + ch + text.slice(i);
        case 'single-quotes':
          return text.replace(/"/g, "'");
        case 'trailing-comma':
          return text.replace(/([}\]])$/, ',$1');
        case 'junk-after':
          return text + ch + 'garbage';
        case 'junk-before':
          return 'garbage' + ch + text;
        case 'comment':
          return `/* ${ch} */` + text;
        case 'nan':
          return text.replace(/:\s*(-?\d+(\.\d+)?|"[^"]*")/, ':NaN');
        case 'undefined':
          return text.replace(/:\s*(-?\d+(\.\d+)?|"[^"]*")/, ':undefined');
        case 'unquoted-key':
          return text.replace(/"([A-Za-z_]+)":/, '$1:');
        default:
          return text + text;
      }
    })
    .filter((t) => parsedOrUndefined(t) === undefined);
}

/** JSON text that tries to reach Object.prototype (the server refuses it). */
export const poisonedJson = fc
  .tuple(fc.constantFrom('__proto__', 'constructor'), wrongValue)
  .map(([key, v]) => (key === '__proto__' ? `{"__proto__": {"isAdmin": true}, "x": ${jsonText(v)}}` : `{"constructor": {"prototype": {"isAdmin": ${jsonText(v)}}}}`));

/** Bytes that are not UTF-8, or not text at all. */
export const badBytes = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 2_000 }).map((a) => Buffer.from(a)),
  fc.constantFrom(
    Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
    Buffer.from('{"items": "\xff\xfe"}', 'latin1'),
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
    Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
    Buffer.from([0xed, 0xa0, 0x80]),
  ),
);

/** Whole bodies that are no JSON object at all. */
export const notAnObject = fc.oneof(
  fc.constantFrom('', ' ', '\n', 'null', 'true', '0', '""', '[]', '[{}]', '{}'),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  deepNesting.map((r) => r.text),
);

/** A body over the server's limit (inject and HTTP both refuse it by length). */
export const oversized = (limitBytes: number) =>
  fc.integer({ min: 1, max: 200_000 }).map((extra) => `{"items":"${'x'.repeat(limitBytes + extra)}"}`);

/** Content types: mostly JSON (so the body is read), sometimes not. */
export const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json; charset=utf-16',
      'application/json; charset=iso-8859-1',
      'application/json;;;',
      'application/vnd.api+json',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonp', '*/*', ';', 'application/json, text/plain'),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 60 }) },
);

/** Printable header text (inject, like a real client, cannot send control characters). */
export const headerText = (maxLength = 80) => fc.string({ unit: 'grapheme-ascii', maxLength }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));

/** A token of the right shape (43 base64url characters) that no device has. */
export const unknownToken = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 43, maxLength: 43 });

/** Authorization headers that must not let a device in. */
export const wrongAuthorization = fc.oneof(
  unknownToken.map((t) => `Bearer ${t}`),
  headerText().map((t) => `Bearer ${t}`),
  fc.constantFrom('Bearer', 'Bearer ', 'bearer', 'Basic dXNlcjpwYXNzd29yZA==', 'Token abc', 'Bearer a b', 'Bearer null', 'Bearer undefined', ''),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => `Bearer ${'A'.repeat(n)}`),
  headerText(),
);

/** Cookie headers that carry no live session. */
export const wrongCookie = fc.oneof(
  unknownToken.map((t) => `session=${t}`),
  headerText().map((t) => `session=${t}`),
  fc.constantFrom('session=', 'session', '=', ';;;', 'session=null; session=', 'SESSION=abc', 'other=1'),
  headerText(200),
);

/** Paths next to a real one: case, slashes, encodings, junk query strings. */
export function pathVariant(path: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(path + '/', path.toUpperCase(), path.replace('/api/', '/api//'), path.replace('/api/', '/api/%2e/'), path + '%00', path + '/..', path + '.json'),
    fc.tuple(headerText(30), headerText(30)).map(([k, v]) => `${path}?${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
    fc.constantFrom('?a[]=1&a[]=2', '?campaign=a&campaign=b', '?campaign[x]=1', '?%=%', '?' + 'q'.repeat(5_000)).map((q) => path + q),
  );
}

/** A path segment: random text, percent-encoded, sometimes very long or path-like. */
export const segment = fc.oneof(
  { weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 40 }).map((s) => encodeURIComponent(s)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('..', '.', '%2e%2e', '%2F', '%00', '%ff', '%E0%A4%A', ' ', 'null', 'undefined', '0', '-1', '1e3', '01', '0x1', '💥'.repeat(3)).map((s) =>
      /^[\x21-\x7e]*$/.test(s) ? s : encodeURIComponent(s),
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 90, max: 4_000 }).map((n) => 'a'.repeat(n)) },
);
