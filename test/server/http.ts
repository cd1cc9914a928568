/** Small fetch helpers for the server suites: real HTTP against a test server. */
import type { TestServer } from './harness';

export interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

export async function get(server: TestServer, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return reply(await fetch(server.url + path, { headers }));
}

/** POSTs a body: a string is sent as it is, anything else as JSON. */
export async function post(
  server: TestServer,
  path: string,
  body: unknown,
  options: { token?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json', ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return reply(await fetch(server.url + path, { method: 'POST', headers, body: payload }));
}

/** The error code of an error reply, or undefined. */
export function errorCode(r: Reply): string | undefined {
  const b = r.body as { error?: { code?: unknown } } | undefined;
  return typeof b?.error?.code === 'string' ? b.error.code : undefined;
}
