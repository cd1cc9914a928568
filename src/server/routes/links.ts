/**
 * The public respondent-link routes (no account: the token in the path is the credential):
 * GET /api/links/:token, POST /api/links/:token/started, POST /api/links/:token/submissions.
 * Statuses and codes: src/contract/links.ts. Rate limited per client address.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PATHS, LINK_INTERVIEW_HEADER, LinkStartRequest, LinkSubmission, MAX_BODY_BYTES } from '../../contract';
import type { LinkInfo, LinkRefusal, LinkStarted, LinkSubmitAck } from '../../contract';
import type { DatabaseSchema, RespondentLinkRow } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { currentLimits } from '../definitions/submission-size';
import { limitBody } from '../body-limit';
import { ServerRefusal } from '../errors';
import { closedLink, linkForToken, openLink, startInterview, unknownLink } from '../links/links';
import { linkRouteLimit } from '../links/rate-limit';
import type { LinkRateLimit } from '../links/limits';
import { LinkItemRefusal, submitThroughLink } from '../links/submit';
import { parseBody } from './parse';

type Params = { Params: { token: string } };

/** A UUID, as the client-made interview ids are. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** LinkStartRequest is one UUID. */
const START_BODY_LIMIT = 1024;

/**
 * Before an interview's body is read: a token that names no link, or a link that takes no more
 * interviews, is refused at the cost of one indexed lookup, whatever the body's size. A closed
 * link still reads the body of the one interview it already stored (named by the Interview-Id
 * header), so a resend whose reply was lost is acknowledged as a duplicate.
 */
function linkOpenOrResend(db: Kysely<DatabaseSchema>, found: WeakMap<FastifyRequest, RespondentLinkRow>) {
  return async (request: FastifyRequest<Params>): Promise<void> => {
    const link = await linkForToken(db, request.params.token);
    if (!link) throw unknownLink();
    // The route stores its interview through this link without looking it up again.
    found.set(request, link);
    const closed = closedLink(link);
    if (!closed) return;
    const id = request.headers[LINK_INTERVIEW_HEADER];
    if (typeof id === 'string' && UUID.test(id)) {
      const stored = await db.selectFrom('submissions').select('id').where('id', '=', id.toLowerCase()).where('link_id', '=', link.id).executeTakeFirst();
      if (stored) return;
    }
    throw closed;
  };
}

/** No caching, and no Referer carrying the token anywhere. */
const private_ = (reply: FastifyReply): FastifyReply => reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');

/**
 * More answers than any questionnaire has questions is no interview: refused after a count of the
 * keys, before the schema and the engine look at each of them (and list each in their refusal).
 */
function refuseMadeUpAnswers(body: unknown, limit: number): void {
  const answers = typeof body === 'object' && body !== null ? (body as { answers?: unknown }).answers : undefined;
  if (typeof answers !== 'object' || answers === null) return;
  let count = 0;
  for (const key in answers) if (Object.hasOwn(answers, key) && ++count > limit) break;
  if (count > limit)
    throw new ServerRefusal('invalid_request', `answers: more than ${limit} answers, more than any questionnaire on this server has questions.`, [
      { path: 'answers', message: `at most ${limit} answers` },
    ]);
}

export function linkRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>, catalog: Catalog, limit: LinkRateLimit | false): void {
  const base = API_PATHS.links;
  const limited = linkRouteLimit(app, limit);
  const rateLimited: onRequestAsyncHookHandler[] = limited.onRequest ? [limited.onRequest] : [];
  const limits = currentLimits(catalog);
  const found = new WeakMap<FastifyRequest, RespondentLinkRow>();

  app.get<Params>(`${base}/:token`, limited, async (request, reply) => {
    private_(reply);
    return (await openLink(db, catalog, request.params.token)) satisfies LinkInfo;
  });

  app.post<Params>(`${base}/:token/started`, { ...limited, bodyLimit: START_BODY_LIMIT }, async (request, reply) => {
    private_(reply);
    const { interviewId } = parseBody(LinkStartRequest, request.body);
    return (await startInterview(db, catalog, request.params.token, interviewId)) satisfies LinkStarted;
  });

  // The body's limit follows the questionnaires loaded now (./body-limit); the route's own is the ceiling.
  const bodyLimit = { bodyLimit: MAX_BODY_BYTES, preParsing: limitBody(() => limits().bodyBytes) };
  app.post<Params>(`${base}/:token/submissions`, { onRequest: [...rateLimited, linkOpenOrResend(db, found)], ...bodyLimit }, async (request, reply) => {
    private_(reply);
    refuseMadeUpAnswers(request.body, limits().answerFields);
    const item = parseBody(LinkSubmission, request.body);
    try {
      const link = found.get(request);
      if (!link) throw unknownLink();
      const ack = await submitThroughLink(db, catalog, link, item);
      return reply.status(ack.status === 'stored' ? 201 : 200).send(ack satisfies LinkSubmitAck);
    } catch (e) {
      if (!(e instanceof LinkItemRefusal)) throw e;
      request.log.info({ id: item.id, code: e.code }, 'link submission refused');
      const error: LinkRefusal['error'] = { code: e.code, message: e.message, ...(e.errors ? { errors: e.errors } : {}) };
      return reply.status(e.statusCode).send({ error } satisfies LinkRefusal);
    }
  });
}
