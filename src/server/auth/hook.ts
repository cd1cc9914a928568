/** The onRequest hook that lets only enrolled, unrevoked devices through; it sets request.device. */
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import type { DatabaseSchema, DeviceRow } from '../db/schema';
import { deviceForToken } from './devices';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated device (set by requireDevice). */
    device: DeviceRow | null;
  }
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export function requireDevice(db: Kysely<DatabaseSchema>): onRequestAsyncHookHandler {
  return async (request) => {
    request.device = await deviceForToken(db, bearerToken(request));
  };
}
