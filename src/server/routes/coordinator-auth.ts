/**
 * POST /api/coordinator/login, POST /api/coordinator/logout, GET /api/coordinator/me: the
 * coordinator's session cookie. Failed logins are rate limited per address and username, with
 * counters every server process shares.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PATHS, CoordinatorLogin } from '../../contract';
import type { CoordinatorMe } from '../../contract';
import { authenticate, normaliseUsername } from '../coordinators/accounts';
import { requireCoordinator, setSessionCookie } from '../coordinators/hook';
import type { LoginLimiter } from '../coordinators/rate-limit';
import { createSession, deleteSession, SESSION_COOKIE } from '../coordinators/sessions';
import type { DatabaseSchema } from '../db/schema';
import { Busy } from '../concurrency';
import { ServerRefusal, errorBody, overloaded } from '../errors';
import { parseBody } from './parse';

/** A username (≤ 64 characters) and a password (≤ 1,024), escaped at worst, fit in 8 KB. */
export const LOGIN_BODY_LIMIT = 8 * 1024;

export function coordinatorAuthRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>, limiter: LoginLimiter): void {
  const base = API_PATHS.coordinator;

  app.post(`${base}/login`, { bodyLimit: LOGIN_BODY_LIMIT }, async (request, reply) => {
    const body = parseBody(CoordinatorLogin, request.body);
    const username = normaliseUsername(body.username);
    void reply.header('cache-control', 'no-store');
    // Counted before the password is checked, so a parallel burst is refused from its 11th attempt.
    const attempt = await limiter.attempt(request.ip, username);
    if (!attempt.allowed)
      return reply
        .status(429)
        .header('retry-after', String(attempt.retryAfter))
        .send(errorBody('rate_limited', `Too many failed logins: try again in ${Math.ceil(attempt.retryAfter / 60)} minute(s).`));
    let coordinator: Awaited<ReturnType<typeof authenticate>>;
    try {
      coordinator = await authenticate(db, username, body.password);
    } catch (e) {
      if (!(e instanceof Busy)) throw e;
      await limiter.abandoned(request.ip, username);
      throw overloaded(5);
    }
    if (!coordinator) throw new ServerRefusal('invalid_credentials', 'Wrong username or password.');
    await limiter.succeeded(request.ip, username);
    if (coordinator.disabled_at !== null) throw new ServerRefusal('forbidden', 'This account is disabled: ask an administrator to enable it.');
    const session = await createSession(db, coordinator.id);
    await db.updateTable('coordinators').set({ last_login_at: new Date().toISOString() }).where('id', '=', coordinator.id).execute();
    setSessionCookie(request, reply, session.token);
    return { username: coordinator.username, role: coordinator.role, expiresAt: session.expiresAt } satisfies CoordinatorMe;
  });

  app.post(`${base}/logout`, async (request, reply) => {
    await deleteSession(db, request.cookies[SESSION_COOKIE]);
    setSessionCookie(request, reply, undefined);
    void reply.header('cache-control', 'no-store');
    return { loggedOut: true };
  });

  app.get(`${base}/me`, { onRequest: requireCoordinator(db) }, async (request, reply) => {
    const session = request.coordinator;
    if (!session) throw new ServerRefusal('unauthorized', 'Log in as a coordinator.');
    void reply.header('cache-control', 'no-store');
    return { username: session.username, role: session.role, expiresAt: session.expiresAt } satisfies CoordinatorMe;
  });
}
