/**
 * A real collection server for tests: HTTP on 127.0.0.1 (a free port), a fresh SQLite data folder
 * or a fresh PostgreSQL database, and the questionnaires of survey-definitions/. Used by the
 * server's suites and by the device sync tests. Keep this API stable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { describe } from 'vitest';
import { freshPostgres, type FreshDatabase } from '../../bench/postgres';
import { createServer } from '../../src/server/app';
import type { ServerOptions } from '../../src/server/app';
import { issueEnrolmentCode, redeemEnrolmentCode, revokeDevice } from '../../src/server/auth/devices';
import { openDatabase } from '../../src/server/db/open';
import type { ServerDatabase } from '../../src/server/db/open';
import { loadCatalog } from '../../src/server/definitions/catalog';
import type { LinkRateLimit } from '../../src/server/links/limits';

export type DatabaseKind = 'sqlite' | 'postgres';

export const DEFINITIONS_DIR = fileURLToPath(new URL('../../survey-definitions', import.meta.url));

export interface TestServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  app: FastifyInstance;
  database: ServerDatabase;
  /** Issues a code and exchanges it, as a device would (without HTTP). */
  enrolDevice(name?: string): Promise<{ token: string; deviceId: string }>;
  /** A fresh enrolment code, as `npm run enrol` prints it. */
  issueEnrolmentCode(name?: string): Promise<string>;
  countSubmissions(): Promise<number>;
  /** The stored row of an interview (answers and section_times as parsed JSON), or undefined. */
  getSubmission(id: string): Promise<StoredSubmission | undefined>;
  revokeDevice(deviceId: string): Promise<void>;
  close(): Promise<void>;
}

export interface StoredSubmission {
  id: string;
  surveyId: string;
  surveyVersion: number;
  respondentGroup: string;
  stratum: string | null;
  lang: string;
  answers: Record<string, unknown>;
  sectionTimes: Record<string, number>;
  startedAt: string;
  completedAt: string;
  receivedAt: string;
  deviceId: string;
  contentHash: string;
}

export interface TestServerOptions {
  database?: DatabaseKind;
  /** Another definitions folder (default: the project's survey-definitions/). */
  definitionsDir?: string;
  /** A built app folder to serve at / (default: none, API only). */
  appDir?: string;
  /** The respondent-link routes' rate limit (default: the server's own); false: none. */
  linkRateLimit?: LinkRateLimit | false;
  /** The other server options, as main would pass them (trustProxy, load shedding, enrolment limit, logger). */
  server?: Pick<ServerOptions, 'trustProxy' | 'maxEventLoopDelayMs' | 'enrolRateLimit' | 'logger'>;
}

export const postgresUrl = (): string | undefined => process.env.DATABASE_URL || undefined;

/** Creates an empty PostgreSQL database next to DATABASE_URL's; returns its URL and a dropper. */
export async function freshPostgresDatabase(): Promise<FreshDatabase> {
  const base = postgresUrl();
  if (!base) throw new Error('a fresh PostgreSQL database needs DATABASE_URL');
  return freshPostgres(base, 'test');
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const kind = opts.database ?? 'sqlite';
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-server-test-'));
  const pgdb = kind === 'postgres' ? await freshPostgresDatabase() : undefined;
  const cleanUp = async () => {
    await pgdb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  let database: ServerDatabase;
  let app: FastifyInstance;
  try {
    database = await openDatabase({ databaseUrl: pgdb?.url, dataDir });
  } catch (e) {
    await cleanUp();
    throw e;
  }
  try {
    app = await createServer({ database, catalog: loadCatalog(opts.definitionsDir ?? DEFINITIONS_DIR), appDir: opts.appDir, linkRateLimit: opts.linkRateLimit, ...opts.server });
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (e) {
    await database.close();
    await cleanUp();
    throw e;
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the test server has no TCP address');
  const { db } = database;

  let closed = false;
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    database,
    async issueEnrolmentCode(name = 'Test enumerator') {
      return (await issueEnrolmentCode(db, name)).code;
    },
    async enrolDevice(name = 'Test enumerator') {
      const { code } = await issueEnrolmentCode(db, name);
      const { token, deviceId } = await redeemEnrolmentCode(db, code, 'test device');
      return { token, deviceId };
    },
    async countSubmissions() {
      const row = await db.selectFrom('submissions').select(({ fn }) => fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async getSubmission(id) {
      const r = await db.selectFrom('submissions').selectAll().where('id', '=', id.toLowerCase()).executeTakeFirst();
      if (!r) return undefined;
      return {
        id: r.id,
        surveyId: r.survey_id,
        surveyVersion: Number(r.survey_version),
        respondentGroup: r.respondent_group,
        stratum: r.stratum,
        lang: r.lang,
        answers: JSON.parse(r.answers) as Record<string, unknown>,
        sectionTimes: JSON.parse(r.section_times) as Record<string, number>,
        startedAt: r.started_at,
        completedAt: r.completed_at,
        receivedAt: r.received_at,
        deviceId: r.device_id,
        contentHash: r.content_hash,
      };
    },
    async revokeDevice(deviceId) {
      if (!(await revokeDevice(db, deviceId))) throw new Error(`no device ${deviceId}`);
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await app.close();
        await database.close();
      } finally {
        await cleanUp();
      }
    },
  };
}

/**
 * Runs a suite once per database. Without DATABASE_URL the real PostgreSQL suite is still
 * declared, and reported as skipped test by test, so nobody mistakes a SQLite-only run for a
 * full one (.ci/run always sets DATABASE_URL).
 */
export function describeEachDatabase(name: string, fn: (kind: DatabaseKind) => void): void {
  describe(`${name} [sqlite]`, () => fn('sqlite'));
  describe.skipIf(!postgresUrl())(`${name} [postgres]${postgresUrl() ? '' : ' (needs DATABASE_URL)'}`, () => fn('postgres'));
}
