// @vitest-environment node
/** Nasty requests: every one gets a 4xx with a stable code and the contract's error shape, never a 500. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiError, MAX_BATCH_ITEMS, MAX_BODY_BYTES, MAX_SECTION_TIMES } from '../../src/contract';
import { ENROL_BODY_LIMIT } from '../../src/server/app';
import { describeEachDatabase, startTestServer } from './harness';
import type { TestServer } from './harness';
import { validSipasSubmission } from './fixtures';
import { errorCode, post } from './http';

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const item = () => validSipasSubmission();

/** [what, raw body, expected code]. */
const RAW: [string, string, string][] = [
  ['an empty body', '', 'invalid_json'],
  ['broken JSON', '{"items": [', 'invalid_json'],
  ['a trailing comma', '{"items": [],}', 'invalid_json'],
  ['not JSON at all', 'items=1&b=2', 'invalid_json'],
  ['an array', '[]', 'invalid_request'],
  ['null', 'null', 'invalid_request'],
  ['a string', '"hello"', 'invalid_request'],
  ['a number', '42', 'invalid_request'],
  ['an empty object', '{}', 'invalid_request'],
  ['deeply nested arrays', deep(50_000), 'invalid_request'],
  ['deeply nested items', `{"items": ${deep(50_000)}}`, 'invalid_request'],
  ['a prototype-poisoning key', '{"__proto__": {"admin": true}, "items": []}', 'invalid_json'],
  ['a constructor-poisoning key', '{"constructor": {"prototype": {"admin": true}}}', 'invalid_json'],
];

/** [what, JSON value]: all of the wrong shape. */
const SHAPES: [string, unknown][] = [
  ['no items', { things: [] }],
  ['an empty batch', { items: [] }],
  ['items not a list', { items: 'all of them' }],
  ['a null item', { items: [null] }],
  ['an empty item', { items: [{}] }],
  ['too many items', { items: Array.from({ length: MAX_BATCH_ITEMS + 1 }, item) }],
  ['an id that is not a UUID', { items: [{ ...item(), id: 'interview-1' }] }],
  ['a version as a string', { items: [{ ...item(), surveyVersion: '1' }] }],
  ['a version of 0', { items: [{ ...item(), surveyVersion: 0 }] }],
  // Any language code is taken (stored as sent); a value that is none is malformed.
  ['a language that is not a language code', { items: [{ ...item(), lang: 'Français' }] }],
  ['a language code too long', { items: [{ ...item(), lang: `zh-${'hant-'.repeat(8)}tw` }] }],
  ['a time that is not a timestamp', { items: [{ ...item(), startedAt: 'yesterday' }] }],
  ['answers as a list', { items: [{ ...item(), answers: ['a'] }] }],
  ['an answer that is an object of objects', { items: [{ ...item(), answers: { district: { a: { b: 1 } } } }] }],
  ['an answer of a boolean', { items: [{ ...item(), answers: { district: true } }] }],
  ['a huge string answer', { items: [{ ...item(), answers: { comment: 'x'.repeat(1_000_000) } }] }],
  ['a huge key', { items: [{ ...item(), answers: { ['k'.repeat(10_000)]: 'x' } }] }],
  // A time out of range is dropped, not refused; one that is not a number is malformed.
  ['section times that are not numbers', { items: [{ ...item(), sectionTimes: { a: '1' } }] }],
  ['more section times than a questionnaire has sections', { items: [{ ...item(), sectionTimes: Object.fromEntries(Array.from({ length: MAX_SECTION_TIMES + 1 }, (_, i) => [`s${i}`, 1])) }] }],
];

describeEachDatabase('malformed requests', (database) => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({ database });
    ({ token } = await server.enrolDevice());
  });
  afterAll(() => server.close());

  const expectError = (r: { status: number; body: unknown }, status: number, code: string) => {
    expect({ status: r.status, code: errorCode(r as never) }).toEqual({ status, code });
    expect(ApiError.safeParse(r.body).success).toBe(true);
  };

  it.each(RAW.map(([what, body, code]) => ({ what, body, code })))('$what → 400 $code', async ({ body, code }) => {
    for (const path of ['/api/submissions', '/api/devices/enrol']) {
      const r = await post(server, path, body, { token });
      // Enrolment reads a few hundred bytes: anything over its limit is refused unread.
      if (path === '/api/devices/enrol' && Buffer.byteLength(body) > ENROL_BODY_LIMIT) expectError(r, 413, 'body_too_large');
      else expectError(r, 400, code);
    }
  });

  it.each(SHAPES.map(([what, body]) => ({ what, body })))('$what → 400 invalid_request with details', async ({ body }) => {
    const r = await post(server, '/api/submissions', body, { token });
    expectError(r, 400, 'invalid_request');
    const details = (r.body as { error: { details?: { path: string; message: string }[] } }).error.details;
    expect(details?.length).toBeGreaterThan(0);
  });

  it('names where the shape is wrong', async () => {
    const r = await post(server, '/api/submissions', { items: [item(), { ...item(), lang: 'Français' }] }, { token });
    expect((r.body as { error: { details: unknown } }).error.details).toEqual([{ path: 'items[1].lang', message: expect.any(String) }]);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses %s with 415 unsupported_media_type',
    async (contentType) => {
      const r = await post(server, '/api/submissions', JSON.stringify({ items: [item()] }), { token, contentType });
      expectError(r, 415, 'unsupported_media_type');
    },
  );

  it('refuses a body over the limit with 413 body_too_large', async () => {
    const body = JSON.stringify({ items: [{ ...item(), answers: { comment: 'x'.repeat(MAX_BODY_BYTES) } }] });
    const r = await post(server, '/api/submissions', body, { token });
    expectError(r, 413, 'body_too_large');
  });

  it('refuses a body over the limit sent without a length (chunked) with 413', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"items": "'));
        if (sent > MAX_BODY_BYTES + chunk.length) controller.close();
        else controller.enqueue(chunk);
        sent += chunk.length;
      },
    });
    const res = await fetch(`${server.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: stream,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' }).catch((e: unknown) => e);
    // The server may answer and close before the whole upload is read; either way it is no 500.
    if (res instanceof Response) expect(res.status).toBe(413);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  });

  it('still works after all that', async () => {
    const r = await post(server, '/api/submissions', { items: [item()] }, { token });
    expect(r.status).toBe(200);
  });
});
