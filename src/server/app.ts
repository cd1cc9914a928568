/** Builds the Fastify server with everything wired: errors, API routes and the built app. */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';
import { API_PATHS, MAX_BODY_BYTES } from '../contract';
import { requireSameOrigin } from './coordinators/hook';
import { registerSecurity } from './security';
import type { ServerDatabase } from './db/open';
import type { Catalog } from './definitions/catalog';
import { recordCatalog } from './definitions/shared';
import { servedVersions } from './questionnaires/store';
import { seedCampaigns, syncCampaigns } from './campaigns/store';
import { errorBody, installErrorHandlers } from './errors';
import { startupScoring } from './scores/startup';
import { appFileRoutes, hasBuiltApp, isAppRoute, sendApp } from './routes/app-files';
import { backupRoutes } from './routes/backups';
import { coordinatorRoutes } from './routes/coordinator';
import { definitionRoutes } from './routes/definitions';
import { enrolRoutes } from './routes/enrol';
import { healthRoutes } from './routes/health';
import { linkRoutes } from './routes/links';
import { DEFAULT_LINK_RATE_LIMIT } from './links/limits';
import type { LinkRateLimit } from './links/limits';
import { addressLimit, registerRateLimit } from './links/rate-limit';
import { LimitCounters } from './db/limit-counters';
import { LoginLimiter } from './coordinators/rate-limit';
import { requestSerializer } from './links/redact';
import { submissionRoutes } from './routes/submissions';
import { scheduleFold, stopFolding } from './scores/fold';

export interface ServerOptions {
  database: ServerDatabase;
  catalog: Catalog;
  /** The built app (dist/); served at / when it holds an index.html. */
  appDir?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  /** Close the database when the server closes (main does; tests that share a database don't). */
  closeDatabase?: boolean;
  /** Rate limit of the public respondent-link routes per client address (default 120 a minute); false: none. */
  linkRateLimit?: LinkRateLimit | false | undefined;
  /** Rate limit of device enrolment per client address (default 30 a minute); false: none. */
  enrolRateLimit?: LinkRateLimit | false | undefined;
  /** The reverse proxies believed about the client's address and protocol (TRUST_PROXY); default: none. */
  trustProxy?: string[] | undefined;
  /** Event-loop delay (ms) above which requests are shed with 503; default false (main passes the configured 500). */
  maxEventLoopDelayMs?: number | false | undefined;
}

/** How often a process reads campaign changes saved by another process (one small query). */
export const CAMPAIGN_REFRESH_MS = 2_000;

/** Enrolment takes a code and a device label: a few hundred bytes; 4 KB leaves room for escapes. */
export const ENROL_BODY_LIMIT = 4 * 1024;
/** 30 enrolments a minute per address: a whole office's tablets at once, and far too slow to guess a 50-bit code. */
export const DEFAULT_ENROL_RATE_LIMIT: LinkRateLimit = { max: 30, windowMs: 60_000 };

/**
 * Refusals of Node's HTTP parser (a malformed request line, bad chunked encoding, headers over
 * the limit) never reach a route: they are written to the socket here, with the same coded body.
 */
function clientErrorReply(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request did not arrive in time.']
        : [400, 'The request is not valid HTTP.'];
  const body = JSON.stringify(errorBody('invalid_request', message));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Link tokens are credentials: the request serializer keeps them out of the logs.
    logger: typeof options.logger === 'object' ? { ...options.logger, serializers: { req: requestSerializer, ...options.logger.serializers } } : (options.logger ?? false),
    bodyLimit: MAX_BODY_BYTES,
    // Refuse JSON that tries to reach Object.prototype instead of quietly dropping keys.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    // Only the named proxies may say who the client is (X-Forwarded-For, -Proto, -Host).
    ...(options.trustProxy !== undefined && options.trustProxy.length > 0 ? { trustProxy: options.trustProxy } : {}),
    clientErrorHandler: clientErrorReply,
    // The router's own refusals get the same coded error body as every other refusal: no id, token
    // or name is over 100 characters, so such a path names nothing (404); a path that is not valid
    // percent-encoding is a bad request.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
        void reply.status(404).send(errorBody('not_found', 'Nothing has a name that long (a part of the path is over 100 characters).'));
      else void reply.status(400).send(errorBody('invalid_request', 'The path is not valid percent-encoding.'));
    },
  });
  // JSON only: Fastify also reads text/plain by default, which would turn into invalid_request.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('device', null);
  const { database, catalog } = options;
  // Interviews stored before quota counting existed (or without campaigns) are counted, then those
  // stored before scoring existed (or before their scoring changed) are scored: in the background
  // once the server listens, by one server process at a time.
  const startup = startupScoring(app, database.db, catalog);
  // Every version this process loaded is recorded for the others (a rolling deploy: ./definitions/shared).
  const differing = await recordCatalog(database.db, catalog);
  if (differing.length > 0)
    app.log.info({ versions: differing }, 'These questionnaire versions were recorded with other content (e.g. a corrected label); the database now holds this deployment’s');
  // Versions published from the coordinators' pages (or loaded by other processes) are served too.
  await servedVersions(database.db, catalog);
  // Campaigns live in the database: the folder's are copied in when missing, then the database's are
  // the ones counted. A change saved by another process is read within CAMPAIGN_REFRESH_MS.
  await seedCampaigns(database.db, catalog.campaigns.list());
  await syncCampaigns(database.db, catalog);
  const refresh = setInterval(() => {
    syncCampaigns(database.db, catalog).catch((e: unknown) => app.log.warn({ err: e }, 'could not read the campaigns; the last ones read are kept'));
  }, CAMPAIGN_REFRESH_MS);
  refresh.unref();
  const serveApp = options.appDir !== undefined && hasBuiltApp(options.appDir);
  installErrorHandlers(app, serveApp ? (request, reply) => (isAppRoute(request) ? sendApp(reply) : undefined) : undefined);

  await registerSecurity(app, { appDir: serveApp ? options.appDir : undefined, maxEventLoopDelayMs: options.maxEventLoopDelayMs ?? false });
  const counters = new LimitCounters(database.limits);
  await registerRateLimit(app, counters);
  // Coordinators' state changes refuse a foreign Origin (the route, not the raw path, decides:
  // the router decodes percent-escapes).
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.url?.startsWith(API_PATHS.coordinator)) requireSameOrigin(request);
  });

  healthRoutes(app, database);
  definitionRoutes(app, database.db, catalog);
  const enrolLimit = options.enrolRateLimit ?? DEFAULT_ENROL_RATE_LIMIT;
  await app.register(async (scoped) => {
    scoped.addHook('onRoute', (route) => {
      route.bodyLimit = ENROL_BODY_LIMIT;
    });
    if (enrolLimit !== false) scoped.addHook('onRequest', addressLimit(app, 'enrol', enrolLimit));
    enrolRoutes(scoped, database.db);
  });
  submissionRoutes(app, database.db, catalog);
  linkRoutes(app, database.db, catalog, options.linkRateLimit ?? DEFAULT_LINK_RATE_LIMIT);
  backupRoutes(app, database.db, catalog);
  coordinatorRoutes(app, database.db, catalog, new LoginLimiter(counters));
  if (serveApp && options.appDir !== undefined) await appFileRoutes(app, options.appDir);

  // Deltas an earlier run left unfolded are folded once the server listens.
  app.addHook('onListen', (hookDone) => {
    scheduleFold(database.db);
    hookDone();
  });
  app.addHook('onClose', async () => {
    clearInterval(refresh);
    await startup.stop();
    await stopFolding(database.db);
    if (options.closeDatabase) await database.close();
  });
  return app;
}
