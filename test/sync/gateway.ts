/**
 * A tiny HTTP gateway on 127.0.0.1 between the device and the real server, for what networks do:
 * be down, answer 502 while the server restarts, lose a reply after the server stored the batch,
 * hang, or garble. It records every exchange it relays.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type GatewayMode =
  | 'forward'
  /** Forwards, waits for the server's whole reply, then cuts the device's connection instead. */
  | 'lose-reply'
  /** Answers 502 with an HTML page, as a reverse proxy does while its upstream is down. */
  | 'bad-gateway'
  /** Never answers. */
  | 'hang'
  /** Answers 200 with JSON that is not a SubmitResponse. */
  | 'garble';

export interface Exchange {
  method: string;
  path: string;
  requestBody: string;
  status?: number;
  responseBody?: string;
  delivered: boolean;
}

export interface Gateway {
  url: string;
  port: number;
  /** What happens to the next requests; after a 'lose-reply' it falls back to `then`. */
  mode: GatewayMode;
  exchanges: Exchange[];
  setMode(mode: GatewayMode, then?: GatewayMode): void;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/** Starts a gateway to `target` (http://127.0.0.1:port) on `port` (0: any free port). */
export async function startGateway(target: string, port = 0, mode: GatewayMode = 'forward'): Promise<Gateway> {
  const sockets = new Set<Socket>();
  let after: GatewayMode = 'forward';
  const gateway: Gateway = {
    url: '',
    port: 0,
    mode,
    exchanges: [],
    setMode(next, then = 'forward') {
      gateway.mode = next;
      after = then;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const requestBody = await readBody(req);
    const exchange: Exchange = { method: req.method ?? 'GET', path: req.url ?? '/', requestBody, delivered: false };
    gateway.exchanges.push(exchange);
    const mode = gateway.mode;
    if (mode === 'hang') return;
    if (mode === 'bad-gateway') {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
      exchange.status = 502;
      return;
    }
    if (mode === 'garble') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      exchange.status = 200;
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection') headers[k] = v;
    const upstream = await fetch(target + exchange.path, { method: exchange.method, headers, ...(requestBody ? { body: requestBody } : {}) });
    exchange.status = upstream.status;
    exchange.responseBody = await upstream.text(); // the server has answered: its transaction committed
    if (mode === 'lose-reply') {
      gateway.mode = after;
      req.socket.destroy();
      return;
    }
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(exchange.responseBody);
    exchange.delivered = true;
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  gateway.port = (server.address() as AddressInfo).port;
  gateway.url = `http://127.0.0.1:${gateway.port}`;
  return gateway;
}

/** A port on 127.0.0.1 where nothing listens (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
