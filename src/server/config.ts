/** The server's settings, from the environment (shared by the server and the coordinator CLI). */
import { isIP } from 'node:net';
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
  /**
   * The reverse proxies whose X-Forwarded-For / -Proto / -Host headers are believed (TRUST_PROXY):
   * addresses, CIDR ranges or proxy-addr's names (loopback, linklocal, uniquelocal). Undefined: none,
   * the client is the connection's peer.
   */
  trustProxy: string[] | undefined;
  /** Above this event-loop delay (ms) new requests get 503 with Retry-After (MAX_EVENT_LOOP_DELAY_MS); false: never. */
  maxEventLoopDelayMs: number | false;
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

/** proxy-addr's names for address ranges, accepted in TRUST_PROXY besides addresses and CIDR ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function proxyEntry(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', bits, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

/**
 * TRUST_PROXY: the proxies allowed to say who the client is. "true", "*" or a hop count are
 * refused on purpose: trusting any sender of X-Forwarded-For would let every client pick its own
 * address, and with it its own rate-limit budget.
 */
function trustProxy(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const bad = entries.filter((e) => !proxyEntry(e));
  if (entries.length === 0 || bad.length > 0)
    throw new ConfigError(
      `TRUST_PROXY must list the reverse proxy's addresses or ranges, separated by commas (e.g. 127.0.0.1 or 10.0.0.0/8, or loopback), not ${bad.map((b) => `"${b}"`).join(', ') || `"${value}"`}.`,
    );
  return entries;
}

function maxEventLoopDelay(value: string | undefined): number | false {
  if (value === undefined || value.trim() === '') return DEFAULT_MAX_EVENT_LOOP_DELAY_MS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`MAX_EVENT_LOOP_DELAY_MS must be a whole number of milliseconds (0 to never shed load), not "${value}".`);
  return n === 0 ? false : n;
}

/** Half a second: the event loop is then clearly overloaded, and a device's upload times out at 30 s. */
export const DEFAULT_MAX_EVENT_LOOP_DELAY_MS = 500;

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
    trustProxy: trustProxy(env.TRUST_PROXY),
    maxEventLoopDelayMs: maxEventLoopDelay(env.MAX_EVENT_LOOP_DELAY_MS),
  };
}
