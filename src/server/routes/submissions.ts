/**
 * POST /api/submissions: a batch of completed interviews from an enrolled device. Each item is
 * checked on its own; the valid ones are written in one transaction, and the reply (one result
 * per item, in order) leaves only after that transaction has committed.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PATHS, SubmitRequest } from '../../contract';
import type { SubmitResponse, SubmitResult } from '../../contract';
import { requireDevice } from '../auth/hook';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { ApiFailure } from '../errors';
import { checkItem } from '../ingest/check-item';
import { storeBatch } from '../ingest/store';
import type { ValidItem } from '../ingest/store';
import { parseBody } from './parse';

export function submissionRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>, catalog: Catalog): void {
  app.post(API_PATHS.submissions, { onRequest: requireDevice(db) }, async (request, reply) => {
    const device = request.device;
    if (!device) throw new ApiFailure(401, 'unauthorized', 'Enrol the device first.');
    const { items } = parseBody(SubmitRequest, request.body);
    const now = new Date();

    const slots: (SubmitResult | ValidItem)[] = items.map((item) => {
      const checked = checkItem(catalog, item, now);
      return checked.ok ? { item, answers: checked.answers } : checked.result;
    });
    const valid = slots.filter((s): s is ValidItem => 'item' in s);
    const stored = await storeBatch(db, valid, device.id, now.toISOString());

    const results = slots.map((s) => {
      if (!('item' in s)) return s;
      const result = stored.get(s);
      if (!result) throw new Error(`no result for item ${s.item.id}`);
      return result;
    });
    for (const r of results) {
      if (r.status === 'rejected') request.log.info({ id: r.id, code: r.code, device: device.id }, 'submission rejected');
    }
    void reply.header('cache-control', 'no-store');
    return { results, serverTime: new Date().toISOString() } satisfies SubmitResponse;
  });
}
