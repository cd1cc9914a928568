/** Builds the Fastify server with everything wired: errors, API routes and the built app. */
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';
import { MAX_BODY_BYTES } from '../contract';
import type { ServerDatabase } from './db/open';
import type { Catalog } from './definitions/catalog';
import { errorBody, installErrorHandlers } from './errors';
import { countUnassigned } from './ingest/counting';
import { scoreStoredInterviews } from './scores/backfill';
import { appFileRoutes, hasBuiltApp, isAppRoute, sendApp } from './routes/app-files';
import { backupRoutes } from './routes/backups';
import { coordinatorRoutes } from './routes/coordinator';
import { definitionRoutes } from './routes/definitions';
import { enrolRoutes } from './routes/enrol';
import { healthRoutes } from './routes/health';
import { linkRoutes } from './routes/links';
import { DEFAULT_LINK_RATE_LIMIT } from './links/limits';
import type { LinkRateLimit } from './links/limits';
import { registerRateLimit } from './links/rate-limit';
import { requestSerializer } from './links/redact';
import { submissionRoutes } from './routes/submissions';

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
  // Interviews stored before quota counting existed (or without campaigns) are counted now, once.
  await countUnassigned(database.db, catalog.campaigns);
  // Then interviews stored before scoring existed (or before their scoring changed) are scored.
  await scoreStoredInterviews(database.db, catalog);
  const serveApp = options.appDir !== undefined && hasBuiltApp(options.appDir);
  installErrorHandlers(app, serveApp ? (request, reply) => (isAppRoute(request) ? sendApp(reply) : undefined) : undefined);

  healthRoutes(app, database);
  definitionRoutes(app, catalog);
  enrolRoutes(app, database.db);
  submissionRoutes(app, database.db, catalog);
  await registerRateLimit(app);
  linkRoutes(app, database.db, catalog, options.linkRateLimit ?? DEFAULT_LINK_RATE_LIMIT);
  backupRoutes(app, database.db, catalog);
  coordinatorRoutes(app, database.db, catalog);
  if (serveApp && options.appDir !== undefined) await appFileRoutes(app, options.appDir);

  if (options.closeDatabase) app.addHook('onClose', () => database.close());
  return app;
}
