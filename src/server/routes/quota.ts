/**
 * GET /api/quota (`?campaign=<id>`, default the current campaign) → QuotaSnapshot, for an enrolled
 * device (bearer token) or a logged-in coordinator (session cookie).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PATHS } from '../../contract';
import type { QuotaSnapshot } from '../../contract';
import { deviceForToken } from '../auth/devices';
import { bearerToken } from '../auth/hook';
import { chosenCampaign, quotaSnapshot } from '../campaigns/snapshot';
import { coordinatorOf } from '../coordinators/hook';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { ServerRefusal } from '../errors';

async function requireDeviceOrCoordinator(db: Kysely<DatabaseSchema>, request: FastifyRequest): Promise<void> {
  const token = bearerToken(request);
  if (token !== undefined) {
    await deviceForToken(db, token);
    return;
  }
  if (await coordinatorOf(db, request)) return;
  throw new ServerRefusal('unauthorized', 'Send the device token as "Authorization: Bearer <token>", or log in as a coordinator.');
}

export function quotaRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>, catalog: Catalog): void {
  app.get<{ Querystring: { campaign?: string } }>(API_PATHS.quota, { onRequest: (request) => requireDeviceOrCoordinator(db, request) }, async (request, reply) => {
    const id = typeof request.query.campaign === 'string' && request.query.campaign !== '' ? request.query.campaign : undefined;
    const entry = chosenCampaign(catalog, id);
    if (!entry)
      throw new ServerRefusal('not_found', id !== undefined ? `There is no campaign "${id}" on this server.` : 'This server has no campaign (survey-definitions/campaigns/).');
    void reply.header('cache-control', 'no-store');
    return (await quotaSnapshot(db, catalog, entry)) satisfies QuotaSnapshot;
  });
}
