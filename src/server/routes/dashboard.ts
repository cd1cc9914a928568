/** GET /api/coordinator/dashboard (`?campaign=<id>`): quotas, interviews per day and per enumerator, devices. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PATHS } from '../../contract';
import type { CoordinatorDashboard } from '../../contract';
import { chosenCampaign } from '../campaigns/snapshot';
import { requireCoordinator } from '../coordinators/hook';
import { dashboard } from '../dashboard/queries';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { ServerRefusal } from '../errors';

export function dashboardRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>, catalog: Catalog): void {
  app.get<{ Querystring: { campaign?: string } }>(`${API_PATHS.coordinator}/dashboard`, { onRequest: requireCoordinator(db) }, async (request, reply) => {
    const id = typeof request.query.campaign === 'string' && request.query.campaign !== '' ? request.query.campaign : undefined;
    const entry = chosenCampaign(catalog, id);
    if (id !== undefined && !entry) throw new ServerRefusal('not_found', `There is no campaign "${id}" on this server.`);
    void reply.header('cache-control', 'no-store');
    return (await dashboard(db, catalog, entry)) satisfies CoordinatorDashboard;
  });
}
