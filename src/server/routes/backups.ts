/**
 * POST /api/backups: a backup file of unsent interviews, as a device downloads it, sent by an
 * enrolled device (a coordinator's tablet, say). Its interviews are stored like submissions,
 * idempotently, and attributed to the device that sends the file; the reply is a SubmitResponse.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PATHS, MAX_BACKUP_BYTES } from '../../contract';
import type { SubmitResponse } from '../../contract';
import { requireDevice } from '../auth/hook';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { ServerRefusal } from '../errors';
import { ingestBackup, readBackup } from '../ingest/backup';

export function backupRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>, catalog: Catalog): void {
  app.post(API_PATHS.backups, { onRequest: requireDevice(db), bodyLimit: MAX_BACKUP_BYTES }, async (request, reply) => {
    const device = request.device;
    if (!device) throw new ServerRefusal('unauthorized', 'Enrol the device first.');
    if (request.body === undefined) throw new ServerRefusal('invalid_request', 'The request needs a backup file as its JSON body.');
    const results = await ingestBackup(db, catalog, readBackup(request.body), device.id);
    const stored = results.filter((r) => r.status === 'stored').length;
    request.log.info({ device: device.id, interviews: results.length, stored }, 'backup imported');
    void reply.header('cache-control', 'no-store');
    return { results, serverTime: new Date().toISOString() } satisfies SubmitResponse;
  });
}
