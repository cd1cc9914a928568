/**
 * A hostile network on 127.0.0.1 between devices and the real server. For every request, and
 * independently for every reply, with probability `rate` it does one of: drop (close the socket,
 * nothing forwarded / nothing answered), delay (hundreds of milliseconds), duplicate (the request
 * reaches the server twice, at once or one after the other) or cut (a truncated request body; a
 * reply truncated mid-way). Decisions come from a seeded generator, drawn in arrival order.
 */
import { buffer } from 'node:stream/consumers';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { between, pick } from './rng';

export const REQUEST_FAULTS = ['drop', 'delay', 'duplicate', 'cut'] as const;
export const REPLY_FAULTS = ['drop', 'delay', 'cut'] as const;
export type RequestFault = (typeof REQUEST_FAULTS)[number];
export type ReplyFault = (typeof REPLY_FAULTS)[number];

export interface ChaosOptions {
  /** http://127.0.0.1:<port> of the real server. */
  target: string;
  random: () => number;
  /** Share of requests, and separately of replies, that meet a fault. */
  rate: number;
  /** Bounds of a delay, in milliseconds. */
  delayMs?: [min: number, max: number];
}

export interface ChaosStats {
  requests: number;
  /** Requests that reached the server (a duplicated one counts twice). */
  forwarded: number;
  /** Replies that reached a device whole. */
  delivered: number;
  requestFaults: Record<RequestFault, number>;
  replyFaults: Record<ReplyFault, number>;
  /** Server replies by status, as the server sent them (before any reply fault). */
  statuses: Record<string, number>;
}

export interface ChaosProxy {
  url: string;
  stats: ChaosStats;
  close(): Promise<void>;
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const readBody = (req: IncomingMessage): Promise<Buffer> => buffer(req);

const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

export async function startChaosProxy(options: ChaosOptions): Promise<ChaosProxy> {
  const { random, rate } = options;
  const [minDelay, maxDelay] = options.delayMs ?? [100, 600];
  const target = new URL(options.target);
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const stats: ChaosStats = {
    requests: 0,
    forwarded: 0,
    delivered: 0,
    requestFaults: { drop: 0, delay: 0, duplicate: 0, cut: 0 },
    replyFaults: { drop: 0, delay: 0, cut: 0 },
    statuses: {},
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  /**
   * Sends the request to the server. `cut` sends only that many bytes of the body: `short`
   * declares the short length (the server reads a truncated body), `abort` declares the full
   * length and breaks the connection after the part (the upload died on the way).
   */
  function forward(req: IncomingMessage, body: Buffer, cut?: { bytes: number; how: 'short' | 'abort' }): Promise<Upstream | undefined> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !HOP_BY_HOP.has(k)) headers[k] = v;
    const sent = cut ? body.subarray(0, cut.bytes) : body;
    headers['content-length'] = String(cut?.how === 'abort' ? body.length : sent.length);
    stats.forwarded += 1;
    return new Promise((resolve) => {
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false },
        (res) => {
          readBody(res).then(
            (b) => {
              const status = res.statusCode ?? 0;
              stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
              resolve({ status, headers: res.headers, body: b });
            },
            () => resolve(undefined),
          );
        },
      );
      upstream.on('error', () => resolve(undefined));
      if (cut?.how === 'abort') {
        upstream.write(sent, () => {
          // Give the bytes a moment to leave, then break the connection mid-body.
          const t = setTimeout(() => {
            timers.delete(t);
            upstream.destroy();
            resolve(undefined);
          }, 20);
          timers.add(t);
        });
        return;
      }
      upstream.end(sent);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    stats.requests += 1;
    const requestFault: RequestFault | undefined = random() < rate ? pick(random, REQUEST_FAULTS) : undefined;
    const replyFault: ReplyFault | undefined = random() < rate ? pick(random, REPLY_FAULTS) : undefined;
    if (requestFault) stats.requestFaults[requestFault] += 1;

    let reply: Upstream | undefined;
    switch (requestFault) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'delay':
        await sleep(between(random, minDelay, maxDelay));
        reply = await forward(req, body);
        break;
      case 'duplicate':
        if (random() < 0.5) {
          // Both copies at once: two transactions race over the same interview ids.
          const [a, b] = await Promise.all([forward(req, body), forward(req, body)]);
          reply = random() < 0.5 ? (a ?? b) : (b ?? a);
        } else {
          await forward(req, body);
          reply = await forward(req, body);
        }
        break;
      case 'cut':
        if (body.length < 2) {
          req.socket.destroy();
          return;
        }
        reply = await forward(req, body, { bytes: between(random, 1, body.length - 1), how: random() < 0.5 ? 'short' : 'abort' });
        break;
      default:
        reply = await forward(req, body);
    }
    if (!reply) {
      req.socket.destroy();
      return;
    }

    if (replyFault) stats.replyFaults[replyFault] += 1;
    const headers = {
      'content-type': reply.headers['content-type'] ?? 'application/json',
      'content-length': String(reply.body.length),
    };
    switch (replyFault) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'delay':
        await sleep(between(random, minDelay, maxDelay));
        break;
      case 'cut': {
        // The headers promise the whole body; part of it arrives, then the connection breaks.
        res.writeHead(reply.status, headers);
        res.write(reply.body.subarray(0, between(random, 0, Math.max(0, reply.body.length - 1))), () => req.socket.destroy());
        return;
      }
      default:
        break;
    }
    res.writeHead(reply.status, headers).end(reply.body);
    stats.delivered += 1;
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
