// @vitest-environment node
/**
 * Bad input on the wire, which Fastify's inject cannot send: raw bytes over TCP to 127.0.0.1 —
 * broken request lines, missing or conflicting Content-Length and Transfer-Encoding, bodies
 * shorter or longer than declared, broken chunks, headers with raw non-ASCII bytes or over the
 * size limit, bytes that are not UTF-8, connections cut mid-request, pipelined requests — to every
 * route. Never a 5xx, the server keeps answering, nothing stored changes.
 * FAULT_SEED=<seed> replays a run.
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import { describeEachDatabase, type DatabaseKind } from '../server/harness';
import { deviceStillUploads } from './device-requests';
import { frameworkRefusal, problemWith } from './fuzz-runner';
import { makeWorld, validInterview, type World } from './fuzz-world';
import { badBytes, brokenJson, jsonText } from './malformed';
import { runSeed } from './rng';
import { rowCounter, snapshot, type Snapshot } from './stored-state';

const RUNS = 2_000;

interface RawRequest {
  bytes: Buffer;
  /** How the client leaves: after everything (half-close), or cutting the connection mid-request. */
  cut: number | undefined;
  what: string;
}

interface RawReply {
  statuses: number[];
  text: string;
}

/** Sends bytes on a fresh connection and reads until the server closes it (or a second passes). */
function exchange(port: number, request: RawRequest): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = () => {
      clearTimeout(timer);
      const statuses = [...text.matchAll(/(?:^|\r\n\r\n|\n)HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
      resolve({ statuses, text });
    };
    const timer = setTimeout(() => socket.destroy(), 1_000);
    socket.on('data', (b: Buffer) => (text += b.toString('latin1')));
    socket.on('close', done);
    socket.on('error', () => undefined);
    if (request.cut !== undefined) {
      socket.write(request.bytes.subarray(0, request.cut), () => socket.destroy());
    } else socket.end(request.bytes);
  });
}

const ROUTES = [
  'POST /api/submissions',
  'POST /api/backups',
  'POST /api/devices/enrol',
  'GET /api/health',
  'GET /api/definitions',
  'GET /api/definitions/sipas-citizen/1',
  'GET /api/quota',
  'POST /api/coordinator/login',
  'POST /api/coordinator/logout',
  'GET /api/coordinator/me',
  'POST /api/coordinator/enrolment-codes',
  'GET /api/coordinator/devices',
  'GET /api/coordinator/dashboard',
  'GET /api/coordinator/exports/sipas-citizen/1.csv',
  'POST /api/coordinator/links',
  'GET /api/links/0123456789abcdefghjkmnpqrs',
  'POST /api/links/0123456789abcdefghjkmnpqrs/started',
  'POST /api/links/0123456789abcdefghjkmnpqrs/submissions',
];

function rawRequests(w: World): fc.Arbitrary<RawRequest> {
  const latin1 = (s: string) => Buffer.from(s, 'latin1');
  const route = fc.constantFrom(...ROUTES).map((r) => r.split(' ') as [string, string]);
  const requestLine = fc.oneof(
    { weight: 8, arbitrary: route.map(([m, p]) => `${m} ${p} HTTP/1.1`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(route, fc.constantFrom('get', 'G ET', 'POST\t', 'BREW', 'X'.repeat(300), ''), fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1x', 'HTTP/9', '', 'HTTP/1.1 extra'))
        .map(([[m, p], badMethod, version]) => `${badMethod || m} ${p} ${version}`),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(route, fc.constantFrom(' ', '%', '%zz', '\xc3\xa9', '\xff', '\u0000', '#frag', '?a=\xff', '/../../etc/passwd', '//', '\t'), fc.nat())
        .map(([[m, p], junk, at]) => {
          const i = at % (p.length + 1);
          return `${m} ${p.slice(0, i)}${junk}${p.slice(i)} HTTP/1.1`;
        }),
    },
    { weight: 1, arbitrary: route.map(([m, p]) => `${m} http://127.0.0.1${p} HTTP/1.1`) },
  );
  const auth = fc.constantFrom(`Authorization: Bearer ${w.token}`, `Cookie: ${w.cookie}`, 'Authorization: Bearer \xff\xfe\xfd', `Authorization: Bearer ${w.token}\u0000`, '');
  const extraHeader = fc.constantFrom(
    'Content-Type: application/json',
    'Content-Type: application/json; charset=\xff',
    'Content-Type: text/plain',
    'X-Junk: \xc3\x28\xa0\xa1',
    'Bad Header: x',
    'X-Fold: a\r\n continued',
    `X-Big: ${'a'.repeat(20_000)}`,
    'Host: 127.0.0.1',
    'Host: a\r\nHost: b',
    'Expect: 100-continue',
    'Connection: keep-alive',
    'Content-Encoding: gzip',
    '',
  );
  // Well-formed JSON, but nothing a server would store: an unknown version, and a stored id with other content.
  const refused = { items: [{ ...validInterview(7), surveyVersion: 99 }, validInterview(8, w.stored[0]?.id)] };
  const body = fc.oneof(
    fc.constant(Buffer.from(JSON.stringify(refused))),
    brokenJson(fc.constant(jsonText(refused))).map((t) => Buffer.from(t)),
    badBytes,
    fc.constant(Buffer.alloc(0)),
  );
  const framing = fc.constantFrom('length', 'short', 'long', 'negative', 'junk-length', 'two-lengths', 'chunked', 'broken-chunks', 'length-and-chunked', 'none', 'huge-length');
  return fc
    .record({ line: requestLine, auth, extra: fc.array(extraHeader, { maxLength: 3 }), body, framing, cutAt: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }), pipeline: fc.boolean() })
    .map(({ line, auth: a, extra, body: b, framing: f, cutAt, pipeline }) => {
      // Logging out with the live session would rightly end it: that route gets a dead cookie.
      const credential = /log/.test(line) && a.startsWith('Cookie:') ? 'Cookie: session=gone' : a;
      const headers = ['Host: 127.0.0.1', credential, ...extra].filter((h) => h !== '');
      let payload = b;
      switch (f) {
        case 'length':
          headers.push(`Content-Length: ${b.length}`);
          break;
        case 'short':
          headers.push(`Content-Length: ${Math.max(0, b.length - 3)}`);
          break;
        case 'long':
          headers.push(`Content-Length: ${b.length + 50}`);
          break;
        case 'negative':
          headers.push('Content-Length: -1');
          break;
        case 'junk-length':
          headers.push('Content-Length: 12abc');
          break;
        case 'two-lengths':
          headers.push(`Content-Length: ${b.length}`, `Content-Length: ${b.length + 1}`);
          break;
        case 'huge-length':
          headers.push('Content-Length: 99999999999999999999');
          break;
        case 'chunked':
          headers.push('Transfer-Encoding: chunked');
          payload = Buffer.concat([latin1(`${b.length.toString(16)}\r\n`), b, latin1('\r\n0\r\n\r\n')]);
          break;
        case 'broken-chunks':
          headers.push('Transfer-Encoding: chunked');
          payload = Buffer.concat([latin1('zz\r\n'), b, latin1('\r\n5\r\nab')]);
          break;
        case 'length-and-chunked':
          headers.push(`Content-Length: ${b.length}`, 'Transfer-Encoding: chunked');
          break;
        default:
          break;
      }
      const one = Buffer.concat([latin1(`${line}\r\n${headers.join('\r\n')}\r\n\r\n`), payload]);
      const bytes = pipeline ? Buffer.concat([one, latin1('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')]) : one;
      return { bytes, cut: cutAt === null ? undefined : 1 + (cutAt % Math.max(1, bytes.length - 1)), what: `${line.slice(0, 80)} [${f}]` };
    });
}

const seed = runSeed();

describeEachDatabase('malformed bytes on the wire', (database: DatabaseKind) => {
  let world: World;
  let before: Snapshot;
  beforeAll(async () => {
    world = await makeWorld(database, { linkRateLimit: false });
    before = await snapshot(world.server.database);
  }, 60_000);
  afterAll(() => world.server.close());

  it(`${RUNS} raw requests to every route: never a 5xx, the server keeps answering, nothing stored changes`, async () => {
    onTestFailed(() => console.error(`wire [${database}]: seed ${seed} (FAULT_SEED=${seed} replays it)`));
    const port = Number(new URL(world.server.url).port);
    const recount = await rowCounter(world.server.database);
    const counts = await recount();
    const statuses: Record<string, number> = {};
    let sent = 0;
    let unanswered = 0;
    let framework = 0;
    await fc.assert(
      fc.asyncProperty(rawRequests(world), async (request) => {
        const reply = await exchange(port, request);
        sent += 1;
        if (reply.statuses.length === 0) unanswered += 1;
        for (const s of reply.statuses) statuses[s] = (statuses[s] ?? 0) + 1;
        const fivexx = reply.statuses.filter((s) => s >= 500);
        if (fivexx.length > 0) throw new Error(`HTTP ${fivexx.join(', ')} for ${request.what}:\n${reply.text.slice(0, 600)}`);
        // Replies the server's own handlers wrote (not Node's or Fastify's refusals of broken HTTP) follow the contract.
        const first = reply.statuses[0];
        const head = reply.text.slice(0, Math.max(0, reply.text.indexOf('\r\n\r\n')));
        const routed = /\r\ncontent-type: application\/json; charset=utf-8(\r\n|$)/i.test(head);
        if (first !== undefined && first >= 400 && routed) {
          const bodyStart = head.length + 4;
          const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? NaN);
          const body = Buffer.from(reply.text.slice(bodyStart), 'latin1').subarray(0, length).toString('utf8');
          if (frameworkRefusal(first, body)) framework += 1;
          else {
            const problem = problemWith({ method: 'POST', url: '', headers: {} }, first, body);
            if (problem) throw new Error(`${problem} for ${request.what}`);
          }
        }
        if (sent % 250 === 0) {
          const health = await fetch(`${world.server.url}/api/health`);
          if (health.status !== 200) throw new Error(`health answers ${health.status} after ${sent} raw requests`);
        }
        if ((await recount()) !== counts) throw new Error(`rows changed after ${request.what}`);
      }),
      { numRuns: RUNS, seed, endOnFailure: true },
    );
    console.log(
      `wire [${database}]: ${sent} raw requests; reply statuses ${JSON.stringify(statuses)}; ${unanswered} closed without a reply (cut or incomplete); ${framework} Fastify router refusals`,
    );
    expect(sent).toBe(RUNS);
    expect(await snapshot(world.server.database)).toEqual(before);
  }, 110_000);

  it('the server is still up and stores a valid upload afterwards', async () => {
    await deviceStillUploads(world);
  });
});
