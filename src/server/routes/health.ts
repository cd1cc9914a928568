/** GET /api/health: the server is up and its database answers. */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { API_PATHS } from '../../contract';
import type { HealthResponse } from '../../contract';
import type { ServerDatabase } from '../db/open';

export function healthRoutes(app: FastifyInstance, database: ServerDatabase): void {
  app.get(API_PATHS.health, async (_request, reply) => {
    await sql`select 1`.execute(database.db);
    void reply.header('cache-control', 'no-store');
    return { status: 'ok', time: new Date().toISOString(), database: database.kind } satisfies HealthResponse;
  });
}
