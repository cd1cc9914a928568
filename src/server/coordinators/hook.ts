/**
 * The onRequest hook of coordinator routes: a live session cookie, or 401 unauthorized; a device
 * token instead of a session is refused with 403 forbidden. Sets request.coordinator.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { bearerToken } from '../auth/hook';
import type { DatabaseSchema } from '../db/schema';
import { ApiFailure } from '../errors';
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

/** A cookie's value from the Cookie header. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The session cookie: HttpOnly, SameSite=Strict, Path=/, Secure over https; an empty value clears it. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string | undefined): void {
  const attributes = [
    `${SESSION_COOKIE}=${token ?? ''}`,
    'HttpOnly',
    'SameSite=Strict',
    'Path=/',
    `Max-Age=${token ? SESSION_HOURS * 3600 : 0}`,
    ...(request.protocol === 'https' ? ['Secure'] : []),
  ];
  void reply.header('set-cookie', attributes.join('; '));
}

export async function coordinatorOf(db: Kysely<DatabaseSchema>, request: FastifyRequest): Promise<Session | undefined> {
  return findSession(db, readCookie(request, SESSION_COOKIE));
}

export function requireCoordinator(db: Kysely<DatabaseSchema>): onRequestAsyncHookHandler {
  return async (request) => {
    const session = await coordinatorOf(db, request);
    if (session) {
      request.coordinator = session;
      return;
    }
    if (bearerToken(request) !== undefined)
      throw new ApiFailure(403, 'forbidden', 'Device tokens cannot be used for coordinator pages: log in as a coordinator.');
    throw new ApiFailure(401, 'unauthorized', 'Log in as a coordinator (POST /api/coordinator/login).');
  };
}
