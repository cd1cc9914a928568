/**
 * GET /api/definitions (what is loaded) and GET /api/definitions/:id/:version (one questionnaire,
 * with a strong ETag so a device can revalidate cheaply). Public: a respondent's link needs them.
 */
import type { FastifyInstance } from 'fastify';
import type { DefinitionList } from '../../contract';
import type { Catalog } from '../definitions/catalog';
import { ApiFailure } from '../errors';
import { etagMatches } from '../etag';

export function definitionRoutes(app: FastifyInstance, catalog: Catalog): void {
  app.get('/api/definitions', async (_request, reply) => {
    void reply.header('cache-control', 'no-cache');
    return {
      definitions: catalog.list().map(({ definition: d }) => ({ id: d.id, version: d.version, title: d.title })),
    } satisfies DefinitionList;
  });

  app.get<{ Params: { id: string; version: string } }>('/api/definitions/:id/:version', async (request, reply) => {
    const { id, version } = request.params;
    const entry = /^[1-9]\d{0,8}$/.test(version) ? catalog.get(id, Number(version)) : undefined;
    if (!entry) throw new ApiFailure(404, 'not_found', `There is no questionnaire "${id}" version ${version} on this server.`);
    void reply.header('etag', entry.etag).header('cache-control', 'no-cache');
    if (etagMatches(request.headers['if-none-match'], entry.etag)) return reply.status(304).send();
    return reply.type('application/json; charset=utf-8').send(entry.json);
  });
}
