/**
 * The public respondent-link routes (no account: the token in the path is the credential):
 * GET /api/links/:token, POST /api/links/:token/started, POST /api/links/:token/submissions.
 * Statuses and codes: src/contract/links.ts. Rate limited per client address.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PATHS, LinkStartRequest, LinkSubmission } from '../../contract';
import type { LinkInfo, LinkRefusal, LinkStarted, LinkSubmitAck } from '../../contract';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { openLink, startInterview } from '../links/links';
import { linkRouteLimit } from '../links/rate-limit';
import type { LinkRateLimit } from '../links/limits';
import { LinkItemRefusal, submitThroughLink } from '../links/submit';
import { parseBody } from './parse';

type Params = { Params: { token: string } };

/** No caching, and no Referer carrying the token anywhere. */
const private_ = (reply: FastifyReply): FastifyReply => reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');

export function linkRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>, catalog: Catalog, limit: LinkRateLimit | false): void {
  const base = API_PATHS.links;
  const limited = linkRouteLimit(app, limit);

  app.get<Params>(`${base}/:token`, limited, async (request, reply) => {
    private_(reply);
    return (await openLink(db, catalog, request.params.token)) satisfies LinkInfo;
  });

  app.post<Params>(`${base}/:token/started`, limited, async (request, reply) => {
    private_(reply);
    const { interviewId } = parseBody(LinkStartRequest, request.body);
    return (await startInterview(db, catalog, request.params.token, interviewId)) satisfies LinkStarted;
  });

  app.post<Params>(`${base}/:token/submissions`, limited, async (request, reply) => {
    private_(reply);
    const item = parseBody(LinkSubmission, request.body);
    try {
      const ack = await submitThroughLink(db, catalog, request.params.token, item);
      return reply.status(ack.status === 'stored' ? 201 : 200).send(ack satisfies LinkSubmitAck);
    } catch (e) {
      if (!(e instanceof LinkItemRefusal)) throw e;
      request.log.info({ id: item.id, code: e.code }, 'link submission refused');
      const error: LinkRefusal['error'] = { code: e.code, message: e.message, ...(e.errors ? { errors: e.errors } : {}) };
      return reply.status(e.statusCode).send({ error } satisfies LinkRefusal);
    }
  });
}
