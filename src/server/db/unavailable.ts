/**
 * Failures that mean the database could not be reached, or dropped the connection, rather than a
 * problem with the request or a bug: PostgreSQL restarting, a failover, an administrator ending
 * sessions, a network blip. The request is answered 503 with Retry-After: nothing was stored
 * unless its transaction committed, and a resend is idempotent (interview ids), so the device
 * sends the same batch again later.
 */

/** SQLSTATE codes of an unreachable or shutting-down PostgreSQL. */
function unavailableSqlState(code: string): boolean {
  return (
    code.startsWith('08') || // connection_exception and its subclasses
    code === '57P01' || // admin_shutdown (pg_terminate_backend, a fast shutdown)
    code === '57P02' || // crash_shutdown
    code === '57P03' || // cannot_connect_now (starting up, shutting down, recovering)
    code === '53300' // too_many_connections
  );
}

/** Socket errors on the way to the database. */
const SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOENT', 'EAI_AGAIN']);

/** node-postgres's own messages for a connection that broke or could not be made. */
const LOST_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
];

function isUnavailable(error: object): boolean {
  const { code, syscall, message } = error as { code?: unknown; syscall?: unknown; message?: unknown };
  if (typeof code === 'string') {
    // A SQLSTATE has five characters; a DatabaseError carries a severity besides.
    if (/^[0-9A-Z]{5}$/.test(code) && 'severity' in error) return unavailableSqlState(code);
    // Socket errors only: ENOENT from a file (not a socket) never comes with syscall connect.
    if (SOCKET_CODES.has(code)) return code === 'ECONNRESET' || code === 'EPIPE' || syscall === 'connect' || syscall === 'getaddrinfo';
  }
  return typeof message === 'string' && LOST_MESSAGES.some((m) => message.startsWith(m));
}

/** True when `error` (or an error it was caused by) says the database is unreachable for now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isUnavailable(e)) return true;
  }
  return false;
}
