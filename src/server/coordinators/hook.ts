/**
 * The onRequest hook of coordinator routes: a live session cookie, or 401 unauthorized; a device
 * token instead of a session is refused with 403 forbidden. Sets request.coordinator.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { bearerToken } from '../auth/hook';
import type { DatabaseSchema } from '../db/schema';
import { ServerRefusal } from '../errors';
import { findSession, SESSION_COOKIE, SESSION_HOURS } from './sessions';
import type { Session } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in coordinator (set by requireCoordinator). */
    coordinator: Session | null;
  }
}

/** Registers request.coordinator; call once before adding coordinator routes. */
export function decorateCoordinator(app: FastifyInstance): void {
  if (!app.hasRequestDecorator('coordinator')) app.decorateRequest('coordinator', null);
}

/**
 * The session cookie: HttpOnly, SameSite=Strict, Path=/, Secure over https (behind a proxy, when
 * TRUST_PROXY names it and it says X-Forwarded-Proto: https); an empty value clears it.
 */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string | undefined): void {
  void reply.setCookie(SESSION_COOKIE, token ?? '', {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    maxAge: token ? SESSION_HOURS * 3600 : 0,
    secure: request.protocol === 'https',
  });
}

/**
 * Coordinators' state changes (login included) come from the app's own pages, never from another
 * site (403 forbidden). A browser says so itself in Sec-Fetch-Site, which no page can forge and no
 * proxy changes: same-origin (or none: typed by the user) passes, same-site and cross-site do not.
 * Browsers too old to send it send Origin, whose host must be the one the request was sent to.
 * Clients that are not browsers (scripts, the command line) send neither and pass: they hold no
 * one else's cookie.
 */
export function requireSameOrigin(request: FastifyRequest): void {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') {
    if (site === 'same-origin' || site === 'none') return;
    throw new ServerRefusal('forbidden', "Requests from another site cannot change coordinators' data.");
  }
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host === undefined || host.toLowerCase() !== request.host.toLowerCase())
    throw new ServerRefusal('forbidden', `Requests from ${origin} cannot change coordinators' data: use the pages of ${request.host}.`);
}

export async function coordinatorOf(db: Kysely<DatabaseSchema>, request: FastifyRequest): Promise<Session | undefined> {
  return findSession(db, request.cookies[SESSION_COOKIE]);
}

/**
 * The logged-in account when it is an administrator; a coordinator is refused with 403 forbidden
 * (publishing questionnaires and campaigns, accounts, the audit trail and interview-level exports
 * are administrators' work). With `whatVi` (the same in Vietnamese) the refusal's details say it in
 * both languages too, under the path `role`.
 */
export function requireAdmin(request: FastifyRequest, what: string, whatVi?: string): Session {
  const session = request.coordinator;
  if (!session) throw new ServerRefusal('unauthorized', 'Log in as an administrator.');
  if (session.role !== 'admin') {
    const message = `Only an administrator can ${what}: ask one to do it, or to make your account an administrator.`;
    const details = whatVi === undefined ? undefined : [{ path: 'role', message, messageVi: `Chỉ quản trị viên mới được ${whatVi}: hãy nhờ một quản trị viên, hoặc đề nghị cấp quyền quản trị cho tài khoản của mình.` }];
    throw new ServerRefusal('forbidden', message, details);
  }
  return session;
}

/** The logged-in account (set by requireCoordinator's hook). */
export function sessionOf(request: FastifyRequest): Session {
  if (!request.coordinator) throw new ServerRefusal('unauthorized', 'Log in as a coordinator.');
  return request.coordinator;
}

export function requireCoordinator(db: Kysely<DatabaseSchema>): onRequestAsyncHookHandler {
  return async (request) => {
    const session = await coordinatorOf(db, request);
    if (session) {
      request.coordinator = session;
      return;
    }
    if (bearerToken(request) !== undefined)
      throw new ServerRefusal('forbidden', 'Device tokens cannot be used for coordinator pages: log in as a coordinator.');
    throw new ServerRefusal('unauthorized', 'Log in as a coordinator (POST /api/coordinator/login).');
  };
}
