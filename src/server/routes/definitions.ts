/**
 * GET /api/definitions (every version published on this database, retired ones marked) and GET /api/definitions/:id/:version (one questionnaire,
 * with a strong ETag so a device can revalidate cheaply). Public: a respondent's link needs them.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DefinitionList } from '../../contract';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { learnVersions } from '../definitions/shared';
import { servedVersions } from '../questionnaires/store';
import { ServerRefusal } from '../errors';
import { etagMatches } from '../etag';

export function definitionRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>, catalog: Catalog): void {
  app.get('/api/definitions', async (_request, reply) => {
    void reply.header('cache-control', 'no-cache');
    // From the database, so a version another process published (or retired) is listed at once.
    const served = await servedVersions(db, catalog);
    return {
      definitions: served.map(({ definition: d, retired }) => ({ id: d.id, version: d.version, title: d.title, ...(retired ? { retired } : {}) })),
    } satisfies DefinitionList;
  });

  app.get<{ Params: { id: string; version: string } }>('/api/definitions/:id/:version', async (request, reply) => {
    const { id, version } = request.params;
    const wanted = /^[1-9]\d{0,8}$/.test(version) ? Number(version) : undefined;
    // A version a newer server process of this database has (a rolling deploy).
    if (wanted !== undefined) await learnVersions(db, catalog, [{ surveyId: id, version: wanted }]);
    const entry = wanted !== undefined ? catalog.get(id, wanted) : undefined;
    if (!entry) throw new ServerRefusal('not_found', `There is no questionnaire "${id}" version ${version} on this server.`);
    void reply.header('etag', entry.etag).header('cache-control', 'no-cache');
    if (etagMatches(request.headers['if-none-match'], entry.etag)) return reply.status(304).send();
    return reply.type('application/json; charset=utf-8').send(entry.json);
  });
}
