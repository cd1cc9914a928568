/**
 * POST /api/submissions: a batch of completed interviews from an enrolled device. Each item is
 * checked on its own; the valid ones are written in one transaction, and the reply (one result
 * per item, in order) leaves only after that transaction has committed.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PATHS, SubmitRequest } from '../../contract';
import type { SubmitResponse } from '../../contract';
import { requireDevice } from '../auth/hook';
import { chosenCampaign, quotaSnapshot } from '../campaigns/snapshot';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { ServerRefusal } from '../errors';
import { ingestItems } from '../ingest/ingest';
import { parseBody } from './parse';

export function submissionRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>, catalog: Catalog): void {
  app.post(API_PATHS.submissions, { onRequest: requireDevice(db) }, async (request, reply) => {
    const device = request.device;
    if (!device) throw new ServerRefusal('unauthorized', 'Enrol the device first.');
    const { items } = parseBody(SubmitRequest, request.body);
    const results = await ingestItems(db, catalog, items, device.id);
    for (const r of results) {
      if (r.status === 'rejected') request.log.info({ id: r.id, code: r.code, device: device.id }, 'submission rejected');
    }
    void reply.header('cache-control', 'no-store');
    // Every sync brings the device the current campaign's quotas, read after the commit.
    const campaign = chosenCampaign(catalog, undefined);
    const quota = campaign ? await quotaSnapshot(db, catalog, campaign) : undefined;
    return { results, serverTime: new Date().toISOString(), ...(quota ? { quota } : {}) } satisfies SubmitResponse;
  });
}
