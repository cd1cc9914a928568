/**
 * POST /api/devices/enrol: a device exchanges a coordinator's enrolment code for its token.
 * 201 when the exchange creates the device; 200 when the device sent its own token and this code
 * was already exchanged for that token (a retry after a lost reply): the same device, nothing new.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PATHS, EnrolRequest } from '../../contract';
import type { EnrolResponse } from '../../contract';
import { recordAudit } from '../audit';
import { redeemEnrolmentCode } from '../auth/devices';
import type { DatabaseSchema } from '../db/schema';
import { parseBody } from './parse';

export function enrolRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>): void {
  app.post(API_PATHS.enrol, async (request, reply) => {
    const body = parseBody(EnrolRequest, request.body);
    const enrolled = await redeemEnrolmentCode(db, body.code, body.deviceLabel, new Date(), body.token);
    // The person behind an enrolment is the enumerator the code was made for.
    if (enrolled.created)
      await recordAudit(db, { actor: enrolled.name, action: 'device.enrolled', target: `device:${enrolled.deviceId}`, detail: { label: body.deviceLabel ?? null } });
    void reply.status(enrolled.created ? 201 : 200).header('cache-control', 'no-store');
    return { deviceId: enrolled.deviceId, name: enrolled.name, token: enrolled.token } satisfies EnrolResponse;
  });
}
