/** The server's settings, from the environment (shared by the server and the coordinator CLI). */
import { resolve } from 'node:path';
import { DEFAULT_LINK_RATE_LIMIT } from './links/limits';
import type { LinkRateLimit } from './links/limits';

export interface ServerConfig {
  port: number;
  host: string;
  /** Where the embedded SQLite database lives. */
  dataDir: string;
  /** A postgres:// URL: use PostgreSQL instead of SQLite. */
  databaseUrl: string | undefined;
  definitionsDir: string;
  /** The built app (vite build output). */
  appDir: string;
  logLevel: string;
  /** The first coordinator account, created when the database has none (COORDINATOR_USERNAME / COORDINATOR_PASSWORD). */
  coordinatorUsername: string | undefined;
  coordinatorPassword: string | undefined;
  /** Requests per minute and client address on the respondent-link routes (LINK_RATE_LIMIT); false: no limit. */
  linkRateLimit: LinkRateLimit | false;
}

export class ConfigError extends Error {}

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`PORT must be a port number (0–65535), not "${value}".`);
  return n;
}

function linkRateLimit(value: string | undefined): LinkRateLimit | false {
  if (value === undefined || value.trim() === '') return DEFAULT_LINK_RATE_LIMIT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`LINK_RATE_LIMIT must be a whole number of requests per minute and address (0 for no limit), not "${value}".`);
  return n === 0 ? false : { max: n, windowMs: 60_000 };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//i.test(databaseUrl))
    throw new ConfigError('DATABASE_URL must be a PostgreSQL URL (postgresql://user:password@host/database); leave it unset to use the embedded SQLite database.');
  return {
    port: port(env.PORT),
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR?.trim() || 'data'),
    databaseUrl,
    definitionsDir: resolve(env.DEFINITIONS_DIR?.trim() || 'survey-definitions'),
    appDir: resolve(env.APP_DIR?.trim() || 'dist'),
    logLevel: env.LOG_LEVEL?.trim() || 'warn',
    coordinatorUsername: env.COORDINATOR_USERNAME?.trim() || undefined,
    coordinatorPassword: env.COORDINATOR_PASSWORD || undefined,
    linkRateLimit: linkRateLimit(env.LINK_RATE_LIMIT),
  };
}
