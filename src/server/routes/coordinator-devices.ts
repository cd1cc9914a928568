/**
 * Device management for coordinators: POST /api/coordinator/enrolment-codes, GET
 * /api/coordinator/devices, POST /api/coordinator/devices/:id/revoke.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PATHS, EnrolmentCodeRequest } from '../../contract';
import type { CoordinatorDevices, DeviceSummary, EnrolmentCodeIssued } from '../../contract';
import { deviceSummaries, issueEnrolmentCode, revokeDevice } from '../auth/devices';
import { recordAudit } from '../audit';
import { requireCoordinator, sessionOf } from '../coordinators/hook';
import type { DatabaseSchema } from '../db/schema';
import { ServerRefusal } from '../errors';
import { parseBody } from './parse';

export function coordinatorDeviceRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>): void {
  const base = API_PATHS.coordinator;
  const onRequest = requireCoordinator(db);

  app.post(`${base}/enrolment-codes`, { onRequest }, async (request, reply) => {
    const name = parseBody(EnrolmentCodeRequest, request.body).name.trim();
    if (!name) throw new ServerRefusal('invalid_request', 'Name who will use the device.', [{ path: 'name', message: 'empty' }]);
    const issued = await issueEnrolmentCode(db, name);
    await recordAudit(db, { actor: sessionOf(request).username, action: 'device.code_created', target: `enumerator:${issued.name}`, detail: { expiresAt: issued.expiresAt } });
    void reply.status(201).header('cache-control', 'no-store');
    return { code: issued.code, name: issued.name, expiresAt: issued.expiresAt } satisfies EnrolmentCodeIssued;
  });

  app.get(`${base}/devices`, { onRequest }, async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    return { devices: await deviceSummaries(db) } satisfies CoordinatorDevices;
  });

  app.post<{ Params: { id: string } }>(`${base}/devices/:id/revoke`, { onRequest }, async (request, reply) => {
    const { id } = request.params;
    const was = await db.selectFrom('devices').select('revoked_at').where('id', '=', id).executeTakeFirst();
    if (!(await revokeDevice(db, id))) throw new ServerRefusal('not_found', `There is no device ${id}.`);
    const device = (await deviceSummaries(db)).find((d) => d.id === id);
    if (!device) throw new ServerRefusal('not_found', `There is no device ${id}.`);
    // Revoking a revoked device again changes nothing: no entry.
    if (was?.revoked_at === null)
      await recordAudit(db, { actor: sessionOf(request).username, action: 'device.revoked', target: `device:${id}`, detail: { name: device.name, label: device.label } });
    void reply.header('cache-control', 'no-store');
    return { device } satisfies { device: DeviceSummary };
  });
}
