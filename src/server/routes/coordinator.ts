/** Registers the coordinators' routes (login, dashboard, devices, respondent links, questionnaires, exports) and the quota snapshot route. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { decorateCoordinator } from '../coordinators/hook';
import type { LoginLimiter } from '../coordinators/rate-limit';
import type { DatabaseSchema } from '../db/schema';
import type { Catalog } from '../definitions/catalog';
import { coordinatorAdminRoutes } from './coordinator-admin';
import { coordinatorAuthRoutes } from './coordinator-auth';
import { coordinatorDeviceRoutes } from './coordinator-devices';
import { coordinatorLinkRoutes } from './coordinator-links';
import { coordinatorQuestionnaireRoutes } from './coordinator-questionnaires';
import { dashboardRoutes } from './dashboard';
import { exportRoutes } from './exports';
import { quotaRoutes } from './quota';

export function coordinatorRoutes(app: FastifyInstance, db: Kysely<DatabaseSchema>, catalog: Catalog, limiter: LoginLimiter): void {
  decorateCoordinator(app);
  coordinatorAuthRoutes(app, db, limiter);
  coordinatorDeviceRoutes(app, db);
  coordinatorLinkRoutes(app, db, catalog);
  coordinatorQuestionnaireRoutes(app, db, catalog);
  dashboardRoutes(app, db, catalog);
  exportRoutes(app, db, catalog);
  quotaRoutes(app, db, catalog);
  coordinatorAdminRoutes(app, db, catalog);
}
